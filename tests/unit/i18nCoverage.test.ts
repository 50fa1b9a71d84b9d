/**
 * Every visible text of the interface goes through t() (issue #5: "English and Ukrainian interface"). A heuristic,
 * not a parser: in each .svelte file under src/ui it drops what is not markup text (the <script> and <style> blocks,
 * comments, <code> samples, and every {expression}: those are t() calls or data), then looks at what is left —
 * text between tags, and the attributes a reader or a screen reader gets (aria-label, title, placeholder, alt,
 * label). Any Latin word there that is not a name on the allow-list is English someone forgot to translate.
 * Inside the expressions it also flags string literals that read like English prose (`{on ? 'Hide all' : …}`),
 * i.e. a capitalised word followed by a space or three lowercase words in a row; single words there are missed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Names and formats that read the same in every language. */
const ALLOWED = new Set([
  'DeepState',
  'DeepStateMap',
  'ISW',
  'GeoJSON',
  'JSON',
  'CSV',
  'PNG',
  'UTC',
  'Frontline',
  'Natural',
  'Earth',
  'GeoNames',
  'MapLibre',
]);

/** Attributes whose literal values a user reads or hears. */
const READ_ATTRIBUTES = [
  'aria-label',
  'aria-valuetext',
  'aria-description',
  'title',
  'placeholder',
  'alt',
  'label',
];

/**
 * Splits markup from its `{…}` expressions: the markup with each expression replaced by a space, and the string
 * literals found inside the expressions (quotes and template literals, whose `${…}` are code again).
 */
function splitExpressions(src: string): { markup: string; literals: string[] } {
  let markup = '';
  const literals: string[] = [];
  // Open contexts, innermost last: code (with its brace depth) or a template literal (with its text so far).
  const stack: ({ kind: 'code'; depth: number } | { kind: 'template'; text: string })[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    const top = stack[stack.length - 1];
    if (!top) {
      if (c === '{') stack.push({ kind: 'code', depth: 1 });
      else markup += c;
    } else if (top.kind === 'template') {
      if (c === '\\') top.text += src[++i] ?? '';
      else if (c === '`') literals.push((stack.pop() as { text: string }).text);
      else if (c === '$' && src[i + 1] === '{') {
        literals.push(top.text);
        top.text = '';
        stack.push({ kind: 'code', depth: 1 });
        i++;
      } else top.text += c;
    } else if (c === '"' || c === "'") {
      let text = '';
      for (i++; i < src.length && src[i] !== c; i++) text += src[i] === '\\' ? (src[++i] ?? '') : src[i];
      literals.push(text);
    } else if (c === '`') stack.push({ kind: 'template', text: '' });
    else if (c === '{') top.depth++;
    else if (c === '}' && --top.depth === 0) {
      stack.pop();
      if (stack.length === 0) markup += ' ';
    }
  }
  return { markup, literals };
}

/** English prose: a capitalised word then a space ("Map A", "Hide all"), or three lowercase words in a row. */
const PROSE = /^[A-Z][a-z]+[ ,:]|\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/u;

/**
 * The English-looking texts of a component's markup.
 * @example untranslated('<p>Hello {name}</p>') // ['Hello']
 */
export function untranslated(svelte: string): string[] {
  const { markup, literals } = splitExpressions(
    svelte
      .replace(/<script[\s\S]*?<\/script>/gu, '')
      .replace(/<style[\s\S]*?<\/style>/gu, '')
      .replace(/<!--[\s\S]*?-->/gu, '')
      // Commands to type stay as they are; the words around them are t() calls.
      .replace(/<code>[\s\S]*?<\/code>/gu, ''),
  );
  const texts: string[] = literals.filter((l) => PROSE.test(l));
  // Text between tags.
  for (const m of markup.matchAll(/>([^<>]+)</gu)) texts.push(m[1]!);
  // Literal values of attributes people read or hear.
  const attr = new RegExp(`\\s(?:${READ_ATTRIBUTES.join('|')})="([^"]*)"`, 'gu');
  for (const m of markup.matchAll(attr)) texts.push(m[1]!);
  return texts
    .map((s) => s.replace(/\s+/gu, ' ').trim())
    .filter((s) => (s.match(/[A-Za-z][A-Za-z'’-]*[A-Za-z]/gu) ?? []).some((w) => !ALLOWED.has(w)));
}

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : [],
  );
}

describe('untranslated interface text', () => {
  it('the heuristic finds English text nodes and read attributes, and ignores t() calls, data and names', () => {
    expect(untranslated('<p>Hello {name}</p>')).toEqual(['Hello']);
    expect(untranslated('<button aria-label="Back one day">−1d</button>')).toEqual(['Back one day']);
    expect(untranslated('<input placeholder="Find a date" />')).toEqual(['Find a date']);
    expect(untranslated("<p>{t('a.b')} <strong>{n}</strong> {t('unit.km2')}</p>")).toEqual([]);
    expect(untranslated('<h2>{t(`x.${"{"}`)}</h2><p>{a ? \'Pause\' : "Play"}</p>')).toEqual([]);
    expect(untranslated("<p>{on ? 'Hide all layers' : t('x')}</p>")).toEqual(['Hide all layers']);
    expect(untranslated('<main aria-label={`Map A (before): ${date}`}></main>')).toEqual(['Map A (before):']);
    expect(untranslated("<p class:on={v === 'side'}>{t(`compare.view.${v}`)} {a.b ? '≈' : ''}</p>")).toEqual(
      [],
    );
    expect(
      untranslated('<script lang="ts">const a = "Some text";</script><p>CSV · GeoJSON · UTC</p>'),
    ).toEqual([]);
    expect(untranslated('<!-- A comment -->\n<code>npx frontline sync</code>')).toEqual([]);
    expect(untranslated('<span class="swatch" style:left="{x}px">v{id}</span>')).toEqual([]);
  });

  it('no component under src/ui shows untranslated English', () => {
    const root = join(import.meta.dirname, '../../src/ui');
    const found = svelteFiles(root).flatMap((file) =>
      untranslated(readFileSync(file, 'utf8')).map((text) => `${relative(root, file)}: "${text}"`),
    );
    expect(found, 'put these through t() (src/ui/i18n/en.ts and uk.ts)').toEqual([]);
  });
});
