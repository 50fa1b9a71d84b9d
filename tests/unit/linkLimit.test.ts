/**
 * Issue #18: the app never writes a link longer than MAX_LINK_CHARS (pins left out, counted), reads an over-long
 * link as far as it is valid, and keeps the whole state in a file that reads back to the same state.
 */
import { describe, expect, it } from 'vitest';
import {
  fitUrlState,
  formatUrlState,
  MAX_LINK_CHARS,
  parseUrlState,
  type UrlState,
} from '../../src/ui/urlState.ts';
import { parseStateFile, stateFileName, stateFileText, STATE_FILE_TYPE } from '../../src/ui/stateFile.ts';

const BASE = 'http://127.0.0.1:4173/';
/** `n` daily-archive pins from 2024-07-08 on, as the archive names its versions. */
const datePins = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 6, 8 + i)).toISOString().slice(0, 10));
const stateWith = (pins: string[]): UrlState =>
  Object.freeze({
    source: 'archive',
    a: '2025-08-15',
    b: '2025-11-20',
    t: '2025-10-01',
    pins,
    view: { zoom: 7.25, lat: 48.2812, lng: 37.1765 },
    cmp: 'swipe',
    focus: 'kupiansk',
    lang: 'uk',
  });

describe('fitUrlState', () => {
  it('leaves a link under the limit as formatUrlState writes it', () => {
    const s = stateWith(datePins(12));
    expect(fitUrlState(s, BASE)).toEqual({ search: formatUrlState(s), droppedPins: 0 });
  });

  it('keeps the link within the limit by leaving out the last pins, as few as possible, and counts them', () => {
    for (const n of [150, 200, 769, 5000]) {
      const s = stateWith(datePins(n));
      const before = JSON.stringify(s);
      const { search, droppedPins } = fitUrlState(s, BASE);
      expect(BASE.length + search.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
      const kept = parseUrlState(search, { maxPins: Infinity }).state.pins;
      expect(kept.length + droppedPins).toBe(n);
      expect(kept).toEqual(s.pins.slice(0, kept.length));
      // As few as possible: one pin more would not fit.
      if (droppedPins > 0) {
        const oneMore = formatUrlState({ ...s, pins: s.pins.slice(0, kept.length + 1) });
        expect(BASE.length + oneMore.length).toBeGreaterThan(MAX_LINK_CHARS);
      }
      // Everything else is still in the link.
      const back = parseUrlState(search).state;
      expect({ ...back, pins: [] }).toEqual({ ...s, pins: [] });
      expect(JSON.stringify(s)).toBe(before);
    }
  });

  it('at 200 archive dates, about 160 fit in 2,000 characters', () => {
    const { droppedPins } = fitUrlState(stateWith(datePins(200)), BASE);
    expect(droppedPins).toBeGreaterThan(20);
    expect(droppedPins).toBeLessThan(60);
  });

  it('counts the base (origin and path) against the limit: a longer base leaves out more', () => {
    const s = stateWith(datePins(200));
    const short = fitUrlState(s, BASE).droppedPins;
    const long = fitUrlState(s, `https://frontline.example.org/${'x'.repeat(200)}/`).droppedPins;
    expect(long).toBeGreaterThan(short);
  });

  it('takes any limit: with none left for pins, all are left out and the rest still written', () => {
    const s = stateWith(datePins(5));
    const { search, droppedPins } = fitUrlState(s, BASE, 100);
    expect(droppedPins).toBe(5);
    expect(search).not.toContain('pin=');
  });
});

describe('a link over the limit, arriving anyway', () => {
  it('is read as far as it is valid, with a notice saying how long it was', () => {
    const search = `?source=archive&a=2025-08-15&b=2025-11-20&pin=${datePins(5000).join(',')}&cmp=ab`;
    const { state, notices } = parseUrlState(search);
    expect(notices[0]).toEqual({
      key: 'link.tooLong',
      params: { length: search.length, limit: MAX_LINK_CHARS },
    });
    expect(notices.map((n) => n.key)).toEqual(['link.tooLong', 'link.tooManyPins']);
    expect(state).toEqual({
      source: 'archive',
      a: '2025-08-15',
      b: '2025-11-20',
      pins: datePins(12),
      cmp: 'ab',
    });
  });

  it('a 100 KB parameter of rubbish: the rest of the link still holds', () => {
    const search = `?source=archive&pin=${'x'.repeat(100_000)}&focus=kupiansk`;
    const { state, notices } = parseUrlState(search);
    expect(notices.map((n) => n.key)).toEqual(['link.tooLong', 'link.badPins']);
    expect(state.focus).toBe('kupiansk');
    expect(state.pins).toEqual([]);
  });

  it('a link at the limit has no such notice', () => {
    const search = `?source=archive&pin=${'1'.repeat(MAX_LINK_CHARS - 20)}`.slice(0, MAX_LINK_CHARS);
    expect(parseUrlState(search).notices.map((n) => n.key)).not.toContain('link.tooLong');
  });
});

describe('the state file', () => {
  const SAVED = '2026-12-05T13:00:00.000Z';

  it('round-trips every field, with every pin (no link limit, no 12-pin cap)', () => {
    for (const s of [
      stateWith(datePins(769)),
      stateWith([]),
      { source: 'deepstate-api', pins: ['1754077960'] },
      // The second opinion (issue #16) too: a file saved with it opens with it.
      { ...stateWith(datePins(3)), with: 'owlmaps', wd: '2025-09-01' },
    ]) {
      const text = stateFileText(s as UrlState, SAVED, '0.1.0');
      expect(JSON.parse(text)).toMatchObject({ type: STATE_FILE_TYPE, version: 1, savedAt: SAVED });
      expect(parseStateFile(text)).toEqual({ state: s });
    }
  });

  it('is named after its source and day', () => {
    expect(stateFileName('archive', SAVED)).toBe('frontline_state_archive_2026-12-05.json');
  });

  const file = (state: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ type: STATE_FILE_TYPE, version: 1, state, ...extra });
  const keys = (r: ReturnType<typeof parseStateFile>) => ('problems' in r ? r.problems.map((p) => p.key) : r);

  it('rejects what is not a state file, saying why', () => {
    expect(keys(parseStateFile('{"type": "Feature'))).toEqual(['stateFile.notJson']);
    expect(keys(parseStateFile('{"type": "FeatureCollection", "features": []}'))).toEqual([
      'stateFile.notState',
    ]);
    expect(keys(parseStateFile('[]'))).toEqual(['stateFile.notState']);
    expect(parseStateFile(file({ source: 'archive' }, { version: 2 }))).toEqual({
      problems: [{ key: 'stateFile.version', params: { version: '2' } }],
    });
    expect(keys(parseStateFile(file('archive')))).toEqual(['stateFile.badField']);
    // Its second source checked as a link's is: not the source itself, a string.
    expect(keys(parseStateFile(file({ source: 'archive', with: 'archive' })))).toEqual(['link.withSame']);
    expect(keys(parseStateFile(file({ source: 'archive', with: 7 })))).toEqual(['stateFile.badField']);
    expect(keys(parseStateFile(' '.repeat(5_000_001)))).toEqual(['stateFile.tooBig']);
  });

  it('lists every field of the wrong type', () => {
    const r = parseStateFile(
      file({ source: 7, pins: '2025-08-01', view: { zoom: 6, lat: '48' }, cmp: ['ab'] }),
    );
    expect(r).toEqual({
      problems: [
        { key: 'stateFile.badField', params: { field: 'state.source' } },
        { key: 'stateFile.badField', params: { field: 'state.cmp' } },
        { key: 'stateFile.badField', params: { field: 'state.pins' } },
        { key: 'stateFile.badField', params: { field: 'state.view' } },
      ],
    });
  });

  it('checks values as a link is checked, and any problem rejects the whole file', () => {
    const r = parseStateFile(
      file({
        source: 'https://evil.example',
        a: '2025-13-01',
        pins: ['2025-08-01', '<img>'],
        focus: 'nowhere',
      }),
    );
    expect(keys(r)).toEqual(['link.source', 'link.date', 'link.badPins', 'link.focusArea']);
  });
});
