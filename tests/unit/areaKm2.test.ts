import { area as turfArea } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaKm2, type AreaGeometry } from '../../src/core/index.ts';
import { geographicLibKm2 } from '../support/geographicLib.ts';
import { FLOAT_REL, GEOGRAPHICLIB_REL, TURF_LOW_MAX_REL, TURF_LOW_MIN_REL } from './tolerances.ts';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** A closed counter-clockwise lon/lat rectangle ring. */
function rect(west: number, south: number, east: number, north: number): Position[] {
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
}

/** mulberry32: a tiny seeded PRNG, so the star polygon is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A closed star-shaped polygon of `n` vertices around `center`, like a simplified front-line polygon: a radius of
 * 15 km wobbling with three random-phase harmonics (±7 km) plus ±1 km of per-vertex noise, so edges are tens of
 * metres to ~2 km long and the outline is jagged, as in the daily archive (~3,000 vertices).
 */
function starPolygon(center: [number, number], n: number, seed: number): Polygon {
  const random = mulberry32(seed);
  const [lon0, lat0] = center;
  const kmPerDegLat = 111.2;
  const kmPerDegLon = kmPerDegLat * Math.cos((lat0 * Math.PI) / 180);
  const [p1, p2, p3] = [random(), random(), random()].map((x) => 2 * Math.PI * x) as [number, number, number];
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r =
      15 + 4 * Math.sin(3 * a + p1) + 2 * Math.sin(7 * a + p2) + Math.sin(17 * a + p3) + 2 * (random() - 0.5);
    ring.push([lon0 + (r * Math.cos(a)) / kmPerDegLon, lat0 + (r * Math.sin(a)) / kmPerDegLat]);
  }
  ring.push([ring[0]![0]!, ring[0]![1]!]);
  return { type: 'Polygon', coordinates: [ring] };
}

const POKROVSK: [number, number] = [37.18, 48.28];

const square01: Polygon = { type: 'Polygon', coordinates: [rect(37, 48, 37.1, 48.1)] };
const square1: Polygon = { type: 'Polygon', coordinates: [rect(37, 48, 38, 49)] };
const withHole: Polygon = {
  type: 'Polygon',
  // The hole runs clockwise, as RFC 7946 asks.
  coordinates: [rect(37, 48, 37.5, 48.4), rect(37.1, 48.1, 37.3, 48.2).reverse()],
};
const multi: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [rect(35, 47, 35.4, 47.3)],
    [rect(36, 47.5, 36.2, 47.6), rect(36.05, 47.52, 36.1, 47.55).reverse()],
  ],
};
const star = starPolygon(POKROVSK, 3000, 20250815);

describe('areaKm2 agrees with GeographicLib within 0.01%', () => {
  it.each([
    { label: '0.1°×0.1° square at 48°N', geometry: square01 },
    { label: '1°×1° square at 48°N', geometry: square1 },
    { label: 'polygon with a hole', geometry: withHole },
    { label: 'MultiPolygon (one part with a hole)', geometry: multi },
    { label: '3,000-vertex star polygon around Pokrovsk', geometry: star },
  ] as { label: string; geometry: AreaGeometry }[])('$label', ({ geometry }) => {
    const reference = geographicLibKm2(geometry);
    const km2 = areaKm2(geometry);
    expect(reference).toBeGreaterThan(1);
    expect(rel(km2, reference)).toBeLessThan(GEOGRAPHICLIB_REL);
  });

  it('generates the star polygon as intended (3,000 distinct vertices, ~740 km²)', () => {
    const ring = star.coordinates[0]!;
    expect(ring).toHaveLength(3001);
    expect(new Set(ring.map((p) => p.join(','))).size).toBe(3000);
    // π·15² ≈ 707 km² plus the harmonics' share: a broken generator cannot pass unnoticed.
    expect(areaKm2(star)).toBeGreaterThan(700);
    expect(areaKm2(star)).toBeLessThan(780);
  });

  it('gives the 0.1° square the value in its JSDoc example (≈ 82.9 km²)', () => {
    expect(areaKm2(square01)).toBeCloseTo(82.897, 3);
  });
});

describe('areaKm2 on rings', () => {
  it('subtracts holes', () => {
    const outer = areaKm2({ type: 'Polygon', coordinates: [withHole.coordinates[0]!] });
    const hole = areaKm2({ type: 'Polygon', coordinates: [withHole.coordinates[1]!] });
    expect(hole).toBeGreaterThan(100);
    expect(rel(areaKm2(withHole), outer - hole)).toBeLessThan(FLOAT_REL);
  });

  it('does not depend on ring orientation', () => {
    const clockwise: Polygon = {
      type: 'Polygon',
      coordinates: withHole.coordinates.map((ring) => [...ring].reverse()),
    };
    expect(rel(areaKm2(clockwise), areaKm2(withHole))).toBeLessThan(FLOAT_REL);
    const starCw: Polygon = { type: 'Polygon', coordinates: [[...star.coordinates[0]!].reverse()] };
    expect(rel(areaKm2(starCw), areaKm2(star))).toBeLessThan(FLOAT_REL);
  });

  it('adds the parts of a MultiPolygon', () => {
    const parts = multi.coordinates.map((coordinates) => areaKm2({ type: 'Polygon', coordinates }));
    expect(rel(areaKm2(multi), parts[0]! + parts[1]!)).toBeLessThan(FLOAT_REL);
  });

  it('returns 0 for null, undefined and degenerate rings', () => {
    expect(areaKm2(null)).toBe(0);
    expect(areaKm2(undefined)).toBe(0);
    expect(
      areaKm2({
        type: 'Polygon',
        coordinates: [
          [
            [37, 48],
            [37.1, 48],
            [37, 48],
          ],
        ],
      }),
    ).toBe(0);
    expect(areaKm2({ type: 'MultiPolygon', coordinates: [] })).toBe(0);
  });

  it('ignores z ordinates', () => {
    const with3d: Polygon = {
      type: 'Polygon',
      coordinates: [square01.coordinates[0]!.map(([lon, lat]) => [lon!, lat!, 120])],
    };
    expect(areaKm2(with3d)).toBe(areaKm2(square01));
  });
});

describe('why not @turf/area', () => {
  it.each([
    ['0.1° square', square01],
    ['1° square', square1],
    ['star polygon', star],
  ] as [string, AreaGeometry][])(
    'reads 0.1–0.4%% low at 48°N on the %s (spherical model)',
    (_label, geometry) => {
      const ellipsoidal = areaKm2(geometry);
      const spherical = turfArea(geometry) / 1e6;
      const low = (ellipsoidal - spherical) / ellipsoidal;
      expect(low).toBeGreaterThan(TURF_LOW_MIN_REL);
      expect(low).toBeLessThan(TURF_LOW_MAX_REL);
      // …and is therefore outside the tolerance areaKm2 meets against GeographicLib.
      expect(rel(spherical, geographicLibKm2(geometry))).toBeGreaterThan(GEOGRAPHICLIB_REL);
    },
  );
});

describe('where the 0.01% claim ends: long edges', () => {
  // areaKm2 takes each edge as a straight line in the equal-area projection; GeographicLib takes it as a geodesic.
  // On edges of ~100 km the two differ by far more than 0.01% (real DeepState versions of 2022 have such edges,
  // e.g. a liberated polygon north of Kyiv). This pins the limitation so that a change of edge model is noticed.
  it('differs from GeographicLib by more than 0.01% on a triangle with 100–130 km edges', () => {
    const triangle: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [30.5, 50.4],
          [32.1, 50.6],
          [31.2, 51.3],
          [30.5, 50.4],
        ],
      ],
    };
    expect(rel(areaKm2(triangle), geographicLibKm2(triangle))).toBeGreaterThan(GEOGRAPHICLIB_REL);
  });
});
