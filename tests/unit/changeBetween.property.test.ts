/**
 * Property tests of the change engine (issue #4) with fast-check: seeded, with a fixed number of runs, so a failure
 * reproduces exactly (fast-check prints the seed and the shrunk counter-example).
 *
 * Two families of random inputs near 48°N 37°E, each giving a pair A, B that shares some vertices, as snapshots
 * a few days apart do:
 * - star-shaped polygons around one centre, with one radius per fixed angle; B keeps some of A's radii (shared
 *   vertices and edges) and redraws the others, and either may have a square hole round the centre;
 * - unions of cells of a 6×6 grid; B toggles a few of A's cells. These give multipolygons, holes, and parts that
 *   touch along an edge or at a single corner.
 */
import { featureCollection, union } from '@turf/turf';
import fc from 'fast-check';
import type { Feature, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  changeBetween,
  changeByRegion,
  changeWindows,
  areaKm2,
  overlayChange,
  edgeChange,
  windowedChange,
  type AreaGeometry,
  type Region,
} from '../../src/core/index.ts';
import {
  AREA_ADDITIVITY_REL,
  FLOAT_REL,
  SNAP_ABS_KM2,
  WINDOWED_VS_OVERLAY_ABS_KM2,
  WINDOWED_VS_OVERLAY_REL,
} from './tolerances.ts';

const SEED = 20_250_815;
const RUNS = 60;
const options = { seed: SEED, numRuns: RUNS };

const LON0 = 37;
const LAT0 = 48;
const COS_LAT0 = Math.cos((LAT0 * Math.PI) / 180);

const ring = (w: number, s: number, e: number, n: number): Position[] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

/** A star-shaped polygon: vertex i at angle 2πi/n and radius radii[i] (degrees of latitude), optional hole. */
function star(radii: readonly number[], hole: boolean): AreaGeometry {
  const n = radii.length;
  const outer: Position[] = radii.map((r, i) => {
    const t = (2 * Math.PI * i) / n;
    return [LON0 + (r * Math.cos(t)) / COS_LAT0, LAT0 + r * Math.sin(t)];
  });
  outer.push(outer[0]!);
  // Radii are ≥ 0.05° and n ≥ 6, so every edge stays ≥ 0.043° from the centre: the hole is always inside.
  const h = 0.015;
  const rings = [outer];
  if (hole) rings.push(ring(LON0 - h / COS_LAT0, LAT0 - h, LON0 + h / COS_LAT0, LAT0 + h).reverse());
  return { type: 'Polygon', coordinates: rings };
}

/** Radii on a 1e-4° grid between 0.05° and 0.3° (5–33 km): exact, so shared vertices are bit-identical. */
const radius = fc.integer({ min: 500, max: 3000 }).map((k) => k / 10_000);

const starPair = fc.integer({ min: 6, max: 40 }).chain((n) =>
  fc
    .record({
      a: fc.array(radius, { minLength: n, maxLength: n }),
      redrawn: fc.array(fc.option(radius, { freq: 2 }), { minLength: n, maxLength: n }),
      holeA: fc.boolean(),
      holeB: fc.boolean(),
    })
    .map(({ a, redrawn, holeA, holeB }) => ({
      a: star(a, holeA) as AreaGeometry | null,
      b: star(
        a.map((r, i) => redrawn[i] ?? r),
        holeB,
      ) as AreaGeometry | null,
    })),
);

const GRID = 6;
const CELL = 0.04;
const cellPolygon = (k: number): Feature<Polygon> => {
  const i = k % GRID;
  const j = Math.floor(k / GRID);
  // Neighbours compute their shared edge with the same expression, so it is bit-identical.
  const x = (c: number) => LON0 + c * CELL;
  const y = (c: number) => LAT0 + c * CELL;
  return {
    type: 'Feature',
    properties: {},
    geometry: { type: 'Polygon', coordinates: [ring(x(i), y(j), x(i + 1), y(j + 1))] },
  };
};

function cells(on: readonly boolean[]): AreaGeometry | null {
  const features = on.flatMap((v, k) => (v ? [cellPolygon(k)] : []));
  if (features.length === 0) return null;
  if (features.length === 1) return features[0]!.geometry;
  return (union(featureCollection(features))?.geometry as AreaGeometry | undefined) ?? null;
}

const gridPair = fc
  .record({
    a: fc.array(fc.boolean(), { minLength: GRID * GRID, maxLength: GRID * GRID }),
    toggle: fc.array(fc.boolean(), { minLength: GRID * GRID, maxLength: GRID * GRID }).map((t) =>
      // About one cell in six changes hands.
      t.map((v, k) => v && k % 3 === 0),
    ),
  })
  .map(({ a, toggle }) => ({ a: cells(a), b: cells(a.map((v, k) => v !== toggle[k])) }));

const families = [
  ['star-shaped polygons', starPair],
  ['unions of grid cells', gridPair],
] as const;

/** Four quadrants of a box holding every generated polygon, split on lines that cut through them. */
const QUADRANTS: Region[] = [
  [36, 47, 37.013, 48.017],
  [37.013, 47, 38, 48.017],
  [36, 48.017, 37.013, 49],
  [37.013, 48.017, 38, 49],
].map(([w, s, e, n], i) => ({
  type: 'Feature',
  properties: { id: `Q${i + 1}`, name_en: `quadrant ${i + 1}` },
  geometry: { type: 'Polygon', coordinates: [ring(w!, s!, e!, n!)] },
}));

/** Floating-point noise only, scaled by the areas involved. */
const noise = (...km2: number[]): number => FLOAT_REL * Math.max(1, ...km2.map(Math.abs));

/** How far the areas of pieces cut by an overlay may miss adding up (see AREA_ADDITIVITY_REL). */
const additivity = (...km2: number[]): number => AREA_ADDITIVITY_REL * Math.max(1, ...km2.map(Math.abs));

const windowedTolerance = (km2: number): number =>
  Math.max(WINDOWED_VS_OVERLAY_REL * Math.abs(km2), WINDOWED_VS_OVERLAY_ABS_KM2);

describe.each(families)('change engine properties on %s', (_name, pairs) => {
  it('gained − lost = net = area(B) − area(A)', () => {
    fc.assert(
      fc.property(pairs, ({ a, b }) => {
        const c = changeBetween(a, b);
        expect(Math.abs(c.gainedKm2 - c.lostKm2 - c.netKm2)).toBeLessThanOrEqual(
          additivity(c.areaFromKm2, c.areaToKm2),
        );
      }),
      options,
    );
  });

  it('change(A, A) is empty, with no window to overlay', () => {
    fc.assert(
      fc.property(pairs, ({ a }) => {
        expect(changeWindows(a, a)).toEqual([]);
        expect(changeBetween(a, a)).toMatchObject({
          gainedKm2: 0,
          lostKm2: 0,
          netKm2: 0,
          gained: null,
          lost: null,
        });
      }),
      options,
    );
  });

  it('swapping A and B swaps gained and lost', () => {
    fc.assert(
      fc.property(pairs, ({ a, b }) => {
        const ab = changeBetween(a, b);
        const ba = changeBetween(b, a);
        const tol = noise(ab.areaFromKm2, ab.areaToKm2);
        expect(Math.abs(ba.gainedKm2 - ab.lostKm2)).toBeLessThanOrEqual(tol);
        expect(Math.abs(ba.lostKm2 - ab.gainedKm2)).toBeLessThanOrEqual(tol);
        expect(ba.netKm2).toBe(-ab.netKm2);
      }),
      options,
    );
  });

  it('per-region parts add up to the total when the regions tile the whole area', () => {
    fc.assert(
      fc.property(pairs, ({ a, b }) => {
        const c = changeBetween(a, b);
        const parts = changeByRegion(c, QUADRANTS);
        const tol = additivity(c.areaFromKm2, c.areaToKm2);
        const sum = (key: 'gainedKm2' | 'lostKm2' | 'netKm2') => parts.reduce((s, r) => s + r[key], 0);
        expect(Math.abs(sum('gainedKm2') - c.gainedKm2)).toBeLessThanOrEqual(tol);
        expect(Math.abs(sum('lostKm2') - c.lostKm2)).toBeLessThanOrEqual(tol);
        expect(Math.abs(sum('netKm2') - c.netKm2)).toBeLessThanOrEqual(tol);
      }),
      options,
    );
  });

  it('the edge engine answers by itself (no fallback), and its polygons measure what it reports', () => {
    fc.assert(
      fc.property(pairs, ({ a, b }) => {
        const c = edgeChange(a, b);
        expect(c).not.toBeNull();
        expect(Math.abs(areaKm2(c!.gained) - c!.gainedKm2)).toBeLessThanOrEqual(noise(c!.gainedKm2));
        expect(Math.abs(areaKm2(c!.lost) - c!.lostKm2)).toBeLessThanOrEqual(noise(c!.lostKm2));
        // Far tighter than the bar: only snapping to 1e-9° and rounding separate it from Turf's overlay.
        const o = overlayChange(a, b);
        const bound = additivity(o.areaFromKm2, o.areaToKm2) + SNAP_ABS_KM2;
        expect(Math.abs(c!.gainedKm2 - o.gainedKm2)).toBeLessThanOrEqual(bound);
        expect(Math.abs(c!.lostKm2 - o.lostKm2)).toBeLessThanOrEqual(bound);
      }),
      options,
    );
  });

  it('the windowed overlay (the fallback) equals the plain overlay (0.05% or 0.05 km², whichever is larger)', () => {
    fc.assert(
      fc.property(pairs, ({ a, b }) => {
        const w = windowedChange(a, b);
        const o = overlayChange(a, b);
        expect(Math.abs(w.gainedKm2 - o.gainedKm2)).toBeLessThanOrEqual(windowedTolerance(o.gainedKm2));
        expect(Math.abs(w.lostKm2 - o.lostKm2)).toBeLessThanOrEqual(windowedTolerance(o.lostKm2));
      }),
      options,
    );
  });

  it('the edge engine equals the plain overlay (0.05% or 0.05 km², whichever is larger)', () => {
    fc.assert(
      fc.property(pairs, ({ a, b }) => {
        const w = changeBetween(a, b);
        const o = overlayChange(a, b);
        expect(Math.abs(w.gainedKm2 - o.gainedKm2)).toBeLessThanOrEqual(windowedTolerance(o.gainedKm2));
        expect(Math.abs(w.lostKm2 - o.lostKm2)).toBeLessThanOrEqual(windowedTolerance(o.lostKm2));
        // Both are area(B) − area(A), the edge engine's from vertices snapped to 1e-9°.
        expect(Math.abs(w.netKm2 - o.netKm2)).toBeLessThanOrEqual(
          noise(o.areaFromKm2, o.areaToKm2) + SNAP_ABS_KM2,
        );
      }),
      options,
    );
  });
});
