/**
 * Golden-file tests of the change engine on small authored polygons (issue #4):
 * tests/fixtures/in/change/<case>.geojson → tests/fixtures/out/change-<case>.json.
 *
 * Each fixture holds the features of two snapshots (`properties.snapshot` = `from` | `to`, `properties.cls` their
 * class); the change is measured on `occupied_all`, split over the two fake oblasts of
 * tests/fixtures/in/change/regions.geojson (west and east of 38°E), which tile every fixture. Both engines —
 * `changeBetween` (windowed) and `overlayChange` (plain Turf) — must give the golden numbers.
 *
 * The golden files change only on purpose: UPDATE_GOLDEN=1 npx vitest run tests/unit/changeBetween.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  areaKm2,
  changeBetween,
  changeByRegion,
  changeWindows,
  classGeometry,
  overlayChange,
  type AreaGeometry,
  type Change,
  type Region,
  type Snapshot,
  type TerritoryClass,
  type TerritoryFeature,
  regionsFrom,
} from '../../src/core/index.ts';
import { FLOAT_REL, GOLDEN_KM2_DECIMALS } from './tolerances.ts';

interface FixtureProperties {
  snapshot: 'from' | 'to';
  cls: TerritoryClass;
  name: string;
}

type Fixture = FeatureCollection<AreaGeometry, FixtureProperties> & { description: string };

const CASES = ['holes', 'multipolygon', 'touching', 'straddle', 'identical', 'a-null', 'b-null'] as const;
type CaseName = (typeof CASES)[number];

const fixtureUrl = (name: string) => new URL(`../fixtures/in/change/${name}.geojson`, import.meta.url);
const goldenUrl = (name: CaseName) => new URL(`../fixtures/out/change-${name}.json`, import.meta.url);

// The fixture is a boundary file like geodata/oblasts.geojson (each region's code in `iso`).
const regions: Region[] = regionsFrom(
  JSON.parse(readFileSync(fixtureUrl('regions'), 'utf8')) as Parameters<typeof regionsFrom>[0],
);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function snapshotOf(fixture: Fixture, which: 'from' | 'to'): Snapshot {
  const territories: TerritoryFeature[] = fixture.features
    .filter((f) => f.properties.snapshot === which)
    .map((f, i) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: { cls: f.properties.cls, name: f.properties.name, sourceIndex: i },
    }));
  const date = which === 'from' ? '2025-08-15' : '2025-11-20';
  return {
    source: 'fixture',
    version: { id: date, date, createdAt: `${date}T00:00:00.000Z` },
    territories,
    markers: [],
    warnings: [],
  };
}

interface Case {
  fixture: Fixture;
  a: AreaGeometry | null;
  b: AreaGeometry | null;
}

function loadCase(name: CaseName): Case {
  const fixture = JSON.parse(readFileSync(fixtureUrl(name), 'utf8')) as Fixture;
  return {
    fixture,
    a: classGeometry(snapshotOf(fixture, 'from'), 'occupied_all'),
    b: classGeometry(snapshotOf(fixture, 'to'), 'occupied_all'),
  };
}

const round = (n: number): number => Number(n.toFixed(GOLDEN_KM2_DECIMALS)) + 0; // + 0: no -0 in JSON

/** What a golden file records: the figures of the change, rounded, in total and per fake oblast. */
function figures(change: Change) {
  return {
    areaFromKm2: round(change.areaFromKm2),
    areaToKm2: round(change.areaToKm2),
    gainedKm2: round(change.gainedKm2),
    lostKm2: round(change.lostKm2),
    netKm2: round(change.netKm2),
    byRegion: changeByRegion(change, regions).map((r) => ({
      iso: r.iso,
      name: r.name,
      gainedKm2: round(r.gainedKm2),
      lostKm2: round(r.lostKm2),
      netKm2: round(r.netKm2),
    })),
  };
}

type Golden = ReturnType<typeof figures> & { description: string; windows: number };

/** km² of a lon/lat rectangle. Its edges are straight in areaKm2's model, so rectangles add up exactly. */
const rect = (w: number, s: number, e: number, n: number): number => {
  const ring: Position[] = [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
  return areaKm2({ type: 'Polygon', coordinates: [ring] });
};

const expectClose = (actual: number, expected: number): void => {
  expect(expected).toBeGreaterThan(0);
  expect(Math.abs(actual - expected) / expected).toBeLessThan(FLOAT_REL);
};

/**
 * What each fixture must give, worked out by hand from its rectangles (independent of the golden files):
 * gained and lost in total and in the west (UA-14) and east (UA-23) fake oblasts.
 */
const BY_CONSTRUCTION: Record<CaseName, { gained: [number, number]; lost: [number, number] }> = {
  holes: {
    gained: [rect(37.4, 47.4, 37.6, 47.6) - rect(37.45, 47.45, 37.55, 47.55), 0],
    lost: [rect(37.25, 47.25, 37.3, 47.3), 0],
  },
  multipolygon: {
    gained: [rect(37.5, 48.1, 37.7, 48.3), rect(38.2, 47.3, 38.4, 47.5)],
    lost: [0, rect(38.6, 48.0, 38.8, 48.2)],
  },
  touching: {
    gained: [rect(37.3, 47.8, 37.6, 48.0) + rect(37.8, 47.8, 37.9, 47.9), 0],
    lost: [rect(37.7, 47.5, 37.8, 47.6), 0],
  },
  straddle: {
    gained: [rect(37.8, 47.8, 38, 48), rect(38, 47.8, 38.3, 48)],
    lost: [0, rect(38.4, 47.5, 38.5, 47.6)],
  },
  identical: { gained: [0, 0], lost: [0, 0] },
  'a-null': {
    gained: [
      rect(37.7, 47.7, 38, 48.1) - rect(37.9, 47.8, 38, 47.9),
      rect(38, 47.7, 38.3, 48.1) - rect(38, 47.8, 38.1, 47.9),
    ],
    lost: [0, 0],
  },
  'b-null': {
    gained: [0, 0],
    lost: [
      rect(37.7, 47.7, 38, 48.1) - rect(37.9, 47.8, 38, 47.9),
      rect(38, 47.7, 38.3, 48.1) - rect(38, 47.8, 38.1, 47.9),
    ],
  },
};

const expectKm2 = (actual: number, expected: number): void =>
  expected === 0 ? expect(actual).toBe(0) : expectClose(actual, expected);

describe.each(CASES)('change fixture %s', (name) => {
  const { fixture, a, b } = loadCase(name);
  const windowed = changeBetween(a, b);
  const overlay = overlayChange(a, b);
  const windows = changeWindows(a, b);

  it(`matches tests/fixtures/out/change-${name}.json`, () => {
    const golden = goldenUrl(name);
    const actual: Golden = {
      description: fixture.description,
      windows: windows.length,
      ...figures(windowed),
    };
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
    if (!existsSync(golden)) {
      throw new Error(
        `golden file ${fileURLToPath(golden)} is missing. Review the output, then write it on purpose with ` +
          'UPDATE_GOLDEN=1 npx vitest run tests/unit/changeBetween.test.ts',
      );
    }
    expect(actual).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
  });

  it('gives the same numbers with the plain overlay (overlayChange)', () => {
    const golden = JSON.parse(readFileSync(goldenUrl(name), 'utf8')) as Golden;
    const { description: _d, windows: _w, ...numbers } = golden;
    expect(figures(overlay)).toEqual(numbers);
  });

  it('gains and loses exactly the rectangles the fixture was built from, in the right fake oblast', () => {
    const want = BY_CONSTRUCTION[name];
    for (const change of [windowed, overlay]) {
      expectKm2(change.gainedKm2, want.gained[0] + want.gained[1]);
      expectKm2(change.lostKm2, want.lost[0] + want.lost[1]);
      const [west, east] = changeByRegion(change, regions);
      expectKm2(west!.gainedKm2, want.gained[0]);
      expectKm2(east!.gainedKm2, want.gained[1]);
      expectKm2(west!.lostKm2, want.lost[0]);
      expectKm2(east!.lostKm2, want.lost[1]);
    }
  });

  it('has gained − lost = net, and per-region parts that add up to the total (the regions tile the fixture)', () => {
    for (const change of [windowed, overlay]) {
      expect(Math.abs(change.gainedKm2 - change.lostKm2 - change.netKm2)).toBeLessThanOrEqual(
        FLOAT_REL * Math.max(change.areaFromKm2, change.areaToKm2),
      );
      const parts = changeByRegion(change, regions);
      for (const key of ['gainedKm2', 'lostKm2'] as const) {
        const sum = parts.reduce((s, r) => s + r[key], 0);
        expect(Math.abs(sum - change[key])).toBeLessThanOrEqual(FLOAT_REL * Math.max(change[key], 1));
      }
    }
  });

  it('does not mutate its inputs', () => {
    const frozenA = deepFreeze(structuredClone(a));
    const frozenB = deepFreeze(structuredClone(b));
    const frozenRegions = deepFreeze(structuredClone(regions));
    const again = changeBetween(frozenA, frozenB);
    expect(figures(again)).toEqual(figures(windowed));
    expect(changeByRegion(again, frozenRegions)).toEqual(changeByRegion(windowed, regions));
    expect(overlayChange(frozenA, frozenB).gainedKm2).toBe(overlay.gainedKm2);
    expect(frozenA).toEqual(a);
    expect(frozenB).toEqual(b);
  });
});

describe('change fixtures: special cases', () => {
  it('identical inputs give zero change, no polygons and no window to overlay', () => {
    const { a, b } = loadCase('identical');
    expect(a).not.toBe(b); // two copies, equal coordinate by coordinate
    expect(changeWindows(a, b)).toEqual([]);
    for (const change of [changeBetween(a, b), overlayChange(a, b)]) {
      expect(change).toMatchObject({ gainedKm2: 0, lostKm2: 0, netKm2: 0, gained: null, lost: null });
      expect(change.areaFromKm2).toBeGreaterThan(0);
    }
  });

  it('the same polygon written clockwise from another vertex is no change either', () => {
    const { a } = loadCase('holes');
    const rewound: AreaGeometry = {
      type: 'Polygon',
      coordinates: (a as { coordinates: Position[][] }).coordinates.map((ring) => {
        const open = ring.slice(0, -1).reverse();
        const rotated = [...open.slice(2), ...open.slice(0, 2)];
        return [...rotated, rotated[0]!];
      }),
    };
    expect(changeWindows(a, rewound)).toEqual([]);
    expect(changeBetween(a, rewound)).toMatchObject({ gainedKm2: 0, lostKm2: 0, gained: null, lost: null });
  });

  it('A null: everything in B is gained; B null: everything in A is lost', () => {
    const gain = loadCase('a-null');
    expect(gain.a).toBeNull();
    const g = changeBetween(gain.a, gain.b);
    expect(g.lost).toBeNull();
    expect(g.areaFromKm2).toBe(0);
    expectClose(g.gainedKm2, areaKm2(gain.b));

    const loss = loadCase('b-null');
    expect(loss.b).toBeNull();
    const l = changeBetween(loss.a, loss.b);
    expect(l.gained).toBeNull();
    expect(l.areaToKm2).toBe(0);
    expectClose(l.lostKm2, areaKm2(loss.a));
    expectClose(-l.netKm2, areaKm2(loss.a));
  });

  it('both null: an empty change, not a crash', () => {
    expect(changeBetween(null, null)).toEqual({
      areaFromKm2: 0,
      areaToKm2: 0,
      gainedKm2: 0,
      lostKm2: 0,
      netKm2: 0,
      gained: null,
      lost: null,
    });
    expect(changeByRegion(changeBetween(null, null), regions).every((r) => r.gainedKm2 === 0)).toBe(true);
  });
});
