/**
 * Areas of your own (issue #5) in the core: parseUserAreas (the rules of `change --areas FILE`, the browser's import
 * and its storage), the file they are written to, and circles as polygons.
 */
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import {
  boundsOf,
  areaKm2,
  circlePolygon,
  isUserArea,
  parseUserAreas,
  userAreasGeoJson,
  type AreaGeometry,
} from '../../src/core/index.ts';
import { squarePolygon } from '../support/shapes.ts';

const square = (x: number, y: number, d = 0.1): Polygon => squarePolygon(x, y, d);

const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const feature = (geometry: unknown, properties: Record<string, unknown> | null = {}) => ({
  type: 'Feature',
  properties,
  geometry,
});

/** The shoelace sum's sign: > 0 for a counter-clockwise ring. */
function signedArea(ring: readonly number[][]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return s;
}

describe('parseUserAreas', () => {
  it('names each polygon user-N by its position, with its name property or "area N"', () => {
    const r = parseUserAreas(
      collection(
        feature(square(37, 48), { name: 'Pokrovsk ring' }),
        feature(square(38, 48), { name: 42 }),
        feature(square(39, 48), null),
      ),
      { label: 'mine.geojson' },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((f) => f.properties)).toEqual([
      { id: 'user-1', name_en: 'Pokrovsk ring' },
      { id: 'user-2', name_en: 'area 2' },
      { id: 'user-3', name_en: 'area 3' },
    ]);
    expect(r.value.every((f) => isUserArea(f.properties.id))).toBe(true);
  });

  it('keeps hostile names verbatim, as text (escaping is the renderer’s job, and it never parses them)', () => {
    const names = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '=HYPERLINK("x")'];
    const r = parseUserAreas(collection(...names.map((name, k) => feature(square(37 + k, 48), { name }))), {
      label: 'x',
    });
    expect(r.ok && r.value.map((f) => f.properties.name_en)).toEqual(names);
  });

  it('leaves out non-polygons with a warning, numbering the rest by their position in the file', () => {
    const r = parseUserAreas(
      collection(
        feature({ type: 'Point', coordinates: [37, 48] }, { name: 'a point' }),
        feature(square(37, 48), { name: 'kept' }),
      ),
      { label: 'mixed.geojson' },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((f) => f.properties)).toEqual([{ id: 'user-2', name_en: 'kept' }]);
    expect(r.warnings).toContain('mixed.geojson: feature 0 is a Point, not a polygon; left out');
  });

  it('refuses a collection without any polygon, and anything that is not a FeatureCollection', () => {
    expect(
      parseUserAreas(collection(feature({ type: 'Point', coordinates: [1, 2] })), { label: 'pts.geojson' }),
    ).toEqual({ ok: false, issues: ['pts.geojson: no polygon in the file'] });
    expect(parseUserAreas(collection(), { label: 'empty.geojson' })).toEqual({
      ok: false,
      issues: ['empty.geojson: no polygon in the file'],
    });
    const single = parseUserAreas(feature(square(37, 48)), { label: 'one.geojson' });
    expect(single.ok).toBe(false);
    expect(!single.ok && single.issues[0]).toMatch(
      /^one\.geojson: not a GeoJSON FeatureCollection: got a single Feature/u,
    );
    const bad = parseUserAreas(
      collection(
        feature({
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [500, 0],
              [0, 1],
              [0, 0],
            ],
          ],
        }),
      ),
      {
        label: 'far.geojson',
      },
    );
    expect(bad.ok).toBe(false);
  });

  it('repairs as validateGeoJson does (closes and rewinds rings), without mutating its input', () => {
    const clockwise = {
      type: 'Polygon',
      coordinates: [
        [
          [37, 48],
          [37, 48.1],
          [37.1, 48.1],
          [37.1, 48],
        ],
      ],
    };
    const input = collection(feature(clockwise, { name: 'cw' }));
    const before = structuredClone(input);
    const r = parseUserAreas(Object.freeze(input), { label: 'cw.geojson' });
    expect(input).toEqual(before);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ring = (r.value[0]!.geometry as Polygon).coordinates[0]!;
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(signedArea(ring)).toBeGreaterThan(0);
    expect(r.warnings.length).toBeGreaterThan(0);
  });
});

describe('userAreasGeoJson', () => {
  it('writes a collection that parseUserAreas reads back to the same names and geometries, in order', () => {
    const areas = [
      { name: 'Pokrovsk ring', geometry: square(37.1, 48.2) as AreaGeometry },
      { name: '<b>bold?</b>', geometry: circlePolygon([37.6, 48.6], 12) },
    ];
    const text = JSON.stringify(userAreasGeoJson(areas));
    const back = parseUserAreas(JSON.parse(text), { label: 'round trip' });
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.warnings).toEqual([]);
    expect(back.value.map((f) => ({ name: f.properties.name_en, geometry: f.geometry }))).toEqual(areas);
  });
});

describe('circlePolygon', () => {
  it('is a closed, counter-clockwise ring whose area is that of the circle (within the polygon’s shortfall)', () => {
    const r = 10;
    const g = circlePolygon([37.18, 48.28], r);
    const ring = g.coordinates[0]!;
    expect(ring).toHaveLength(65);
    expect(ring[0]).toEqual(ring[64]);
    expect(signedArea(ring)).toBeGreaterThan(0);
    // A regular 64-gon inscribed in a circle has (64/2π)·sin(2π/64) ≈ 99.84% of its area; the sphere and
    // ellipsoid differ by a few tenths of a percent more.
    const ratio = areaKm2(g) / (Math.PI * r * r);
    expect(ratio).toBeGreaterThan(0.99);
    expect(ratio).toBeLessThan(1.005);
  });

  it('refuses a centre off the globe and a radius outside (0, 1000] km', () => {
    expect(() => circlePolygon([200, 48], 5)).toThrow(RangeError);
    expect(() => circlePolygon([37, Number.NaN], 5)).toThrow(RangeError);
    expect(() => circlePolygon([37, 48], 0)).toThrow(/radius 0 km/u);
    expect(() => circlePolygon([37, 48], -3)).toThrow(RangeError);
    expect(() => circlePolygon([37, 48], 1001)).toThrow(RangeError);
    expect(() => circlePolygon([37, 48], 5, 3)).toThrow(/steps/u);
  });
});

describe('boundsOf: the box a map fits to an area', () => {
  it('spans every polygon of a multipolygon, outer rings only', () => {
    const a = squarePolygon(37, 48, 0.5);
    const b = squarePolygon(38, 47, 0.25);
    expect(boundsOf(a)).toEqual([37, 48, 37.5, 48.5]);
    expect(boundsOf({ type: 'MultiPolygon', coordinates: [a.coordinates, b.coordinates] })).toEqual([
      37, 47, 38.25, 48.5,
    ]);
  });
});
