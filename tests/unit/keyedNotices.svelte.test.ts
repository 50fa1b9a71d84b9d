// @vitest-environment jsdom
/**
 * Issue #14: "keyed each blocks keyed by identity, not index". The notices, problems and warnings of the panels are
 * keyed by what they say (src/ui/panels/keyedTexts.ts): removing one from the middle keeps the DOM nodes of the
 * others, where an index key rewrites every node after it with its neighbour's text. The control case (the old
 * index key, tests/support/IndexKeyedList.svelte) shows the check can tell the two apart.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import FileIssues from '../../src/ui/panels/FileIssues.svelte';
import { keyedTexts } from '../../src/ui/panels/keyedTexts.ts';
import { message, type Text } from '../../src/ui/i18n/translate.ts';
import IndexKeyedList from '../support/IndexKeyedList.svelte';

const PROBLEMS = [
  'areas.geojson: feature 1: ring not closed',
  'areas.geojson: feature 2: no geometry',
  'areas.geojson: feature 3: ring not closed',
];

describe('keyedTexts', () => {
  it('keys a text by what it says, and a repeated text by which time it is said', () => {
    const keys = keyedTexts(['ring not closed', 'no date', 'ring not closed']).map((n) => n.key);
    expect(keys).toEqual(['s:ring not closed#0', 's:no date#0', 's:ring not closed#1']);
    expect(new Set(keys).size).toBe(3);
  });

  it('keys a message by its key and parameters, apart from a string of the same words', () => {
    const texts: Text[] = [
      message('compare.noneLoaded', { date: '2025-08-15' }),
      message('compare.noneLoaded', { date: '2025-08-16' }),
      'compare.noneLoaded',
    ];
    const keys = keyedTexts(texts).map((n) => n.key);
    expect(new Set(keys).size).toBe(3);
    expect(keyedTexts(texts).map((n) => n.text)).toEqual(texts);
  });

  it('removing any one text leaves the keys of the others as they were (metamorphic)', () => {
    const texts = ['a', 'b', 'a', 'c', 'b', 'a'];
    const before = keyedTexts(texts);
    for (let gone = 0; gone < texts.length; gone++) {
      const after = keyedTexts(texts.filter((_, i) => i !== gone));
      // A text that is not a repeat of the removed one keeps its key.
      const kept = before.filter((n, i) => i !== gone && n.text !== texts[gone]);
      for (const n of kept) expect(after.map((m) => m.key)).toContain(n.key);
      expect(new Set(after.map((m) => m.key)).size).toBe(after.length);
    }
  });
});

describe('a notice list in the page', () => {
  let target: HTMLElement;
  let mounted: Record<string, unknown> | null = null;

  afterEach(() => {
    if (mounted) unmount(mounted);
    mounted = null;
    target?.remove();
  });

  function setUp<P extends Record<string, unknown>>(component: never, props: P): void {
    target = document.createElement('div');
    document.body.append(target);
    mounted = mount(component, { target, props });
    flushSync();
  }

  it('FileIssues: removing the middle problem keeps the nodes of the others', () => {
    const props = $state({ heading: 'Nothing was changed', problems: PROBLEMS, warnings: [] as string[] });
    setUp(FileIssues as never, props);
    const [first, middle, last] = [...target.querySelectorAll('li')];
    expect([first, middle, last].map((li) => li?.textContent)).toEqual(PROBLEMS);

    props.problems = [PROBLEMS[0]!, PROBLEMS[2]!];
    flushSync();
    const after = [...target.querySelectorAll('li')];
    expect(after.map((li) => li.textContent)).toEqual([PROBLEMS[0], PROBLEMS[2]]);
    expect(after[0]).toBe(first);
    expect(after[1]).toBe(last);
    expect(middle!.isConnected).toBe(false);
  });

  it('FileIssues: the same warning twice is listed twice (no duplicate key)', () => {
    const props = $state({
      heading: '',
      problems: [] as string[],
      warnings: ['ring repaired', 'ring repaired'],
    });
    setUp(FileIssues as never, props);
    expect([...target.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'ring repaired',
      'ring repaired',
    ]);
  });

  it('control: keyed by index, the last node is rewritten instead (what the check above catches)', () => {
    const props = $state({ items: PROBLEMS });
    setUp(IndexKeyedList as never, props);
    const [first, , last] = [...target.querySelectorAll('li')];
    props.items = [PROBLEMS[0]!, PROBLEMS[2]!];
    flushSync();
    const after = [...target.querySelectorAll('li')];
    expect(after.map((li) => li.textContent)).toEqual([PROBLEMS[0], PROBLEMS[2]]);
    expect(after[0]).toBe(first);
    expect(after[1]).not.toBe(last);
    expect(last!.isConnected).toBe(false);
  });
});
