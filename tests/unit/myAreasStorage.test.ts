/**
 * Areas of your own kept in local storage (issue #5; hostile input, issue #6): what is read back is validated like any
 * file; corrupt or hostile text never throws, is listed with its problems and kept aside, never silently destroyed.
 * Run against an in-memory Storage (no DOM needed).
 */
import { describe, expect, it } from 'vitest';
import { circlePolygon, type NamedArea } from '../../src/core/index.ts';
import {
  ASIDE_PREFIX,
  listAside,
  MAX_MY_AREAS,
  MAX_MY_AREAS_BYTES,
  MY_AREAS_KEY,
  readAreas,
  restoreAreas,
  saveAreas,
  writeAreas,
} from '../../src/ui/myAreasStorage.ts';

/** The Web Storage interface over a Map; `quota` (characters of keys + values) makes setItem throw as browsers do. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length(): number {
    return this.items.size;
  }
  key(i: number): string | null {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    let used = key.length + value.length;
    for (const [k, v] of this.items) if (k !== key) used += k.length + v.length;
    if (used > this.quota) {
      const err = new Error('The quota has been exceeded.');
      err.name = 'QuotaExceededError';
      throw err;
    }
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

const NOW = '2025-11-20T10:00:00.000Z';
const areas: NamedArea[] = [
  { name: 'Pokrovsk ring', geometry: circlePolygon([37.18, 48.28], 12) },
  { name: '<img src=x onerror=alert(1)>', geometry: circlePolygon([37.6, 48.5], 5) },
];

describe('saveAreas and restoreAreas', () => {
  it('round-trips the areas (names and geometries) through the versioned key', () => {
    const s = new MemoryStorage();
    expect(saveAreas(s, areas)).toBeNull();
    expect(s.getItem(MY_AREAS_KEY)).toBe(writeAreas(areas));
    expect(restoreAreas(s, NOW)).toEqual({ areas, problems: [] });
    expect(listAside(s)).toEqual([]);
  });

  it('starts empty without a stored value, and removes the key when the last area goes', () => {
    const s = new MemoryStorage();
    expect(restoreAreas(s, NOW)).toEqual({ areas: [], problems: [] });
    saveAreas(s, areas);
    expect(saveAreas(s, [])).toBeNull();
    expect(s.length).toBe(0);
  });

  const hostile: [string, string, RegExp][] = [
    [
      'truncated JSON',
      writeAreas(areas).slice(0, 100),
      /not valid JSON: it ends before the JSON is complete/u,
    ],
    ['an HTML page', '<!DOCTYPE html><title>Hi</title>', /HTML page titled "Hi"/u],
    ['a JSON string', '"hello"', /not a GeoJSON FeatureCollection: got a string/u],
    ['deep nesting', '['.repeat(10_000) + ']'.repeat(10_000), /nests arrays and objects more than 64 deep/u],
    ['null', 'null', /got null/u],
    ['an empty collection', '{"type":"FeatureCollection","features":[]}', /no polygon in the file/u],
    [
      'a coordinate off the globe',
      writeAreas([{ name: 'x', geometry: circlePolygon([37, 48], 5) }]).replace(/37\.\d+/u, '999'),
      /999/u,
    ],
    [
      'prototype pollution',
      '{"__proto__":{"polluted":1},"type":"FeatureCollection","features":[]}',
      /no polygon/u,
    ],
    ['too big', `${' '.repeat(MAX_MY_AREAS_BYTES)}{}`, /over the 2 MB cap/u],
  ];

  it.each(hostile)('sets %s aside with its problem listed, and never throws', (_, text, problem) => {
    const s = new MemoryStorage();
    s.setItem(MY_AREAS_KEY, text);
    const r = restoreAreas(s, NOW);
    expect(r.areas).toEqual([]);
    expect(r.problems.join('\n')).toMatch(problem);
    expect(r.problems.join('\n')).toMatch(/^stored areas: /u);
    expect(r.keptAs).toBe(`${ASIDE_PREFIX}${NOW}`);
    // Kept byte for byte, the main key freed.
    expect(s.getItem(`${ASIDE_PREFIX}${NOW}`)).toBe(text);
    expect(s.getItem(MY_AREAS_KEY)).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const aside = listAside(s);
    expect(aside.map((a) => [a.key, a.text])).toEqual([[`${ASIDE_PREFIX}${NOW}`, text]]);
    expect(aside[0]!.problems).toEqual(r.problems);
  });

  it('keeps the readable areas of a partly readable text, writes them back clean and sets the original aside', () => {
    const s = new MemoryStorage();
    const partly = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'a point' },
          geometry: { type: 'Point', coordinates: [37, 48] },
        },
        JSON.parse(writeAreas([areas[0]!])).features[0],
      ],
    });
    s.setItem(MY_AREAS_KEY, partly);
    const r = restoreAreas(s, NOW);
    expect(r.areas).toEqual([areas[0]]);
    expect(r.problems).toEqual(['stored areas: feature 0 is a Point, not a polygon; left out']);
    expect(s.getItem(r.keptAs!)).toBe(partly);
    expect(s.getItem(MY_AREAS_KEY)).toBe(writeAreas([areas[0]!]));
    // The next start reads the clean copy without a new problem; the aside stays until discarded.
    expect(restoreAreas(s, '2025-11-21T00:00:00.000Z')).toEqual({ areas: [areas[0]], problems: [] });
    expect(listAside(s)).toHaveLength(1);
  });

  it('sets aside text edited by hand even when every area reads, as nothing may be lost silently', () => {
    const s = new MemoryStorage();
    const pretty = JSON.stringify(JSON.parse(writeAreas(areas)), null, 2);
    s.setItem(MY_AREAS_KEY, pretty);
    const r = restoreAreas(s, NOW);
    expect(r.areas).toEqual(areas);
    expect(r.problems[0]).toMatch(/not in the form this app writes/u);
    expect(s.getItem(r.keptAs!)).toBe(pretty);
  });

  it('leaves unreadable text under the main key when storage is too full to copy it', () => {
    const text = `{"type":"FeatureCollection","features":[${'1,'.repeat(2000)}1]}`;
    const s = new MemoryStorage(text.length + MY_AREAS_KEY.length + 100);
    s.setItem(MY_AREAS_KEY, text);
    const r = restoreAreas(s, NOW);
    expect(r.keptAs).toBe(MY_AREAS_KEY);
    expect(s.getItem(MY_AREAS_KEY)).toBe(text);
    expect(r.problems.length).toBeGreaterThan(0);
  });

  it('says why when storage is off, unreadable or full, without throwing', () => {
    expect(restoreAreas(null, NOW).unavailable).toMatch(/no local storage/u);
    const throwing = new MemoryStorage();
    throwing.getItem = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    expect(restoreAreas(throwing, NOW)).toEqual({
      areas: [],
      problems: [],
      unavailable: 'local storage cannot be read (SecurityError: The operation is insecure.)',
    });
    expect(saveAreas(new MemoryStorage(10), areas)).toMatch(
      /^the browser refused to store them \(QuotaExceededError/u,
    );
    expect(saveAreas(null, areas)).toMatch(/no local storage/u);
  });
});

describe('readAreas', () => {
  it('reads a file of areas as the CLI does, and refuses more than the most kept', () => {
    const ok = readAreas(writeAreas(areas), 'mine.geojson');
    expect(ok).toEqual({ ok: true, value: areas, warnings: [] });
    const many = Array.from({ length: MAX_MY_AREAS + 1 }, (_, k) => ({
      name: `a${k}`,
      geometry: circlePolygon([30 + k * 0.1, 48], 1, 8),
    }));
    expect(readAreas(writeAreas(many), 'many.geojson')).toEqual({
      ok: false,
      issues: [`many.geojson: ${MAX_MY_AREAS + 1} areas; at most ${MAX_MY_AREAS} are kept — split the file`],
    });
  });
});
