/**
 * Golden-file test of snapshotAreas: tests/fixtures/in/snapshot-areas.*.geojson → tests/fixtures/out/snapshot-areas.json.
 * The golden file changes only on purpose: UPDATE_GOLDEN=1 npx vitest run tests/unit/snapshotAreas.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  areaKm2,
  classUnion,
  snapshotAreas,
  TERRITORY_CLASSES,
  type AreaGeometry,
  type ClassAreaMap,
  type Region,
  type Snapshot,
  type SnapshotAreas,
  type TerritoryProperties,
  regionsFrom,
} from '../../src/core/index.ts';
import { FLOAT_REL, GOLDEN_KM2_DECIMALS } from './tolerances.ts';

function readFixture<P>(name: string): FeatureCollection<AreaGeometry, P> {
  const url = new URL(`../fixtures/in/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as FeatureCollection<AreaGeometry, P>;
}

const territories = readFixture<TerritoryProperties>('snapshot-areas.territories.geojson').features;
// A boundary file like geodata/oblasts.geojson (each region's code in `iso`).
const regions: Region[] = regionsFrom(
  readFixture<{ iso: string; name_en: string }>('snapshot-areas.regions.geojson'),
);

const snapshot: Snapshot = {
  source: 'fixture',
  version: { id: '1', createdAt: '2025-08-01T00:00:00.000Z', date: '2025-08-01' },
  territories,
  markers: [],
  warnings: [],
};

const round = (n: number): number => Number(n.toFixed(GOLDEN_KM2_DECIMALS));
const roundAreas = (a: ClassAreaMap): ClassAreaMap =>
  Object.fromEntries(TERRITORY_CLASSES.map((c) => [c, round(a[c])])) as ClassAreaMap;
const roundAll = (s: SnapshotAreas): SnapshotAreas => ({
  total: roundAreas(s.total),
  byRegion: s.byRegion.map((r) => ({ ...r, areas: roundAreas(r.areas) })),
});

/** km² of a lon/lat rectangle. Its edges are straight in areaKm2's projection, so rectangles add up exactly. */
const rect = (w: number, s: number, e: number, n: number): number =>
  areaKm2({
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  });

const expectClose = (actual: number, expected: number): void => {
  expect(expected).toBeGreaterThan(0);
  expect(Math.abs(actual - expected) / expected).toBeLessThan(FLOAT_REL);
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const result = snapshotAreas(snapshot, regions);

describe('snapshotAreas (golden file)', () => {
  it('matches tests/fixtures/out/snapshot-areas.json', () => {
    const golden = new URL('../fixtures/out/snapshot-areas.json', import.meta.url);
    const actual = roundAll(result);
    if (process.env['UPDATE_GOLDEN'] === '1') {
      writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
    }
    if (!existsSync(golden)) {
      throw new Error(
        `golden file ${fileURLToPath(golden)} is missing. Review the output, then write it on purpose with ` +
          'UPDATE_GOLDEN=1 npx vitest run tests/unit/snapshotAreas.test.ts',
      );
    }
    expect(actual).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
  });
});

describe('snapshotAreas (independent checks)', () => {
  const overlap = rect(38.2, 47.8, 38.5, 48.0);
  const west = rect(37.5, 47.5, 38.5, 48.0);
  const east = rect(38.2, 47.8, 38.8, 48.3);
  const [donetsk, zaporizhzhia, luhansk] = result.byRegion;

  it('counts two overlapping occupied polygons once (area of the union)', () => {
    expect(overlap).toBeGreaterThan(300);
    expectClose(result.total.occupied, west + east - overlap);
    expect(result.total.occupied).toBeLessThan(west + east - 0.9 * overlap);
  });

  it('splits a class between regions at the border', () => {
    expectClose(donetsk!.areas.occupied, rect(37.5, 47.5, 38, 48));
    expectClose(zaporizhzhia!.areas.occupied, rect(38, 47.5, 38.5, 48) + east - overlap);
    expectClose(donetsk!.areas.liberated, rect(37.6, 48.6, 38, 48.7));
  });

  it('adds per-region areas up to the total when every polygon lies inside the regions', () => {
    for (const cls of TERRITORY_CLASSES) {
      const sum = result.byRegion.reduce((s, r) => s + r.areas[cls], 0);
      expectClose(sum, result.total[cls]);
    }
  });

  it('leaves features marked inRussia out of the totals and the regions', () => {
    expectClose(result.total.grey, rect(37.2, 48.2, 37.4, 48.4));
    // The inRussia polygon lies inside Fake Zaporizhzhia, which therefore has no grey.
    expect(zaporizhzhia!.areas.grey).toBe(0);
    const union = classUnion(snapshot, 'grey');
    expect(union).toEqual(territories[3]!.geometry);
  });

  it('reports regions in the given order with their names, zero where nothing lies', () => {
    expect(result.byRegion.map((r) => [r.iso, r.name])).toEqual([
      ['UA-14', 'Fake Donetsk'],
      ['UA-23', 'Fake Zaporizhzhia'],
      ['UA-09', 'Fake Luhansk (empty)'],
    ]);
    expect(luhansk!.areas).toEqual({ occupied: 0, occupied_pre2022: 0, grey: 0, liberated: 0 });
  });

  it('returns zeros and no regions for an empty snapshot', () => {
    expect(snapshotAreas({ ...snapshot, territories: [] })).toEqual({
      total: { occupied: 0, occupied_pre2022: 0, grey: 0, liberated: 0 },
      byRegion: [],
    });
  });
});

describe('snapshotAreas does not mutate its inputs', () => {
  it('gives identical results on a deep-frozen snapshot and regions', () => {
    const frozenSnapshot = deepFreeze(structuredClone(snapshot));
    const frozenRegions = deepFreeze(structuredClone(regions));
    expect(snapshotAreas(frozenSnapshot, frozenRegions)).toEqual(result);
  });

  it('leaves the inputs equal to a clone taken before the call', () => {
    const s = structuredClone(snapshot);
    const r = structuredClone(regions);
    snapshotAreas(s, r);
    expect(s).toEqual(snapshot);
    expect(r).toEqual(regions);
  });
});
