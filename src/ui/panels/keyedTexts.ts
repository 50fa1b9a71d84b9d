/**
 * Keys for a list of notices, problems or warnings in a keyed `{#each}` (issue #14: "keyed each blocks keyed by
 * identity, not index"). A notice's key is what it says — the string, or a message's key and parameters — and, for a
 * text said more than once, which time it is said (`#0`, `#1`, …). Removing or adding one notice leaves the keys of
 * the others as they were, so Svelte keeps their DOM nodes (and whatever focus or selection is in them) instead of
 * rewriting each node after the removed one with its neighbour's text, as an index key does. Texts said twice are
 * told apart by the count, so the key is never duplicated (Svelte throws `each_key_duplicate` on that).
 * @example keyedTexts(['ring not closed', 'ring not closed', 'no date']).map((n) => n.key)
 * // ['s:ring not closed#0', 's:ring not closed#1', 's:no date#0']
 */
import type { Text } from '../i18n/translate.ts';

export interface KeyedText<T extends Text> {
  key: string;
  text: T;
}

/** What a text says, for its key: a string as it is; a message by its key and parameters (not the language). */
function said(text: Text): string {
  return typeof text === 'string' ? `s:${text}` : `m:${text.key}:${JSON.stringify(text.params ?? {})}`;
}

export function keyedTexts<T extends Text>(texts: readonly T[]): KeyedText<T>[] {
  const seen = new Map<string, number>();
  return texts.map((text) => {
    const what = said(text);
    const n = seen.get(what) ?? 0;
    seen.set(what, n + 1);
    return { key: `${what}#${n}`, text };
  });
}
