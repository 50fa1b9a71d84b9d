/**
 * The one point-in-polygon (src/core/geometry/pointInPolygon.ts, issue #14) against two independent oracles: GEOS
 * (covers/contains, tests/support/geos.ts) and Turf's booleanPointInPolygon (what changeReport, settlementsChanged,
 * markOutsideUkraine and focusAreas used before), on random polygons with points inside, outside, on edges and on
 * vertices; metamorphic tests (ring rotated, reversed, vertices repeated, closed or not); and on the reference data,
 * the same answer as Turf for every gazetteer place against every oblast and focus area, so the settlements list,
 * the oblast of a polygon and the focus area at a point stay what they were.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import fc from 'fast-check';
import type { FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointInPolygon, pointInRing, pointInRings, type Side } from '../../src/core/index.ts';
import { loadOblasts } from '../../src/cli/geodata.ts';
import { FOCUS_AREAS, focusAreaAt } from '../../src/ui/focusAreas.ts';
import { loadGeos, type Geos } from '../support/geos.ts';

const ROOT = join(import.meta.dirname, '../..');
const square: Position[] = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
];
const hole: Position[] = [
  [2, 2],
  [2, 8],
  [8, 8],
  [8, 2],
  [2, 2],
];

describe('pointInPolygon: the boundary rule, by hand', () => {
  it.each<[string, Position, Side]>([
    ['inside', [5, 1], 1],
    ['outside', [11, 5], -1],
    ['outside, level with a vertex', [-1, 10], -1],
    ['on an edge', [10, 5], 0],
    ['on a vertex', [10, 10], 0],
    ['in the hole', [5, 5], -1],
    ['on the hole’s edge', [2, 5], 0],
    ['on the hole’s vertex', [8, 8], 0],
  ])('%s', (_name, [x, y], side) => {
    expect(pointInRings(x!, y!, [square, hole])).toBe(side);
    const polygon: Polygon = { type: 'Polygon', coordinates: [square, hole] };
    expect(pointInPolygon([x!, y!], polygon)).toBe(side >= 0);
  });

  it('decides a point one ulp off an edge exactly (no epsilon)', () => {
    const triangle: Position[] = [
      [0, 0],
      [3, 1],
      [0, 2],
    ];
    // (1.5, 0.5) lies on the edge (0, 0) → (3, 1); the doubles next to 0.5 lie just inside (above) and outside.
    expect(pointInRing(1.5, 0.5, triangle)).toBe(0);
    expect(pointInRing(1.5, 0.5 + 2 ** -53, triangle)).toBe(1);
    expect(pointInRing(1.5, 0.5 - 2 ** -54, triangle)).toBe(-1);
  });

  it('a MultiPolygon holds a point that any part holds; a bbox outside says no at once', () => {
    const multi: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[hole], [square.map(([x, y]) => [x! + 20, y!])]],
    };
    expect(pointInPolygon([25, 5], multi)).toBe(true);
    expect(pointInPolygon([5, 5], multi)).toBe(true);
    expect(pointInPolygon([15, 5], multi)).toBe(false);
    expect(pointInPolygon([5, 5], { ...multi, bbox: [20, 0, 30, 10] })).toBe(false);
  });
});

/**
 * A star-shaped ring around (cx, cy) with 3–14 vertices on the integer grid (so points on its edges are exact):
 * distinct angles (in tenths of a degree), radii 3–60.
 */
const starRing = (cx: number, cy: number) =>
  fc
    .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 3599 }), fc.integer({ min: 3, max: 60 })), {
      minLength: 3,
      maxLength: 14,
      selector: ([a]) => a,
    })
    .map((spokes) => {
      const ring = [...spokes]
        .sort((a, b) => a[0] - b[0])
        .map(([a, r]) => {
          const rad = (a / 1800) * Math.PI;
          return [cx + Math.round(r * Math.cos(rad)), cy + Math.round(r * Math.sin(rad))];
        });
      return [...ring, ring[0]!];
    });

/** Test points for a ring: its vertices, points at k/4 along its edges, and grid and half-grid points near it. */
function probes(ring: readonly Position[], extra: readonly Position[]): Position[] {
  const out: Position[] = [...extra];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[i + 1]!;
    out.push([ax!, ay!]);
    for (const t of [0.25, 0.5, 0.75]) out.push([ax! + t * (bx! - ax!), ay! + t * (by! - ay!)]);
  }
  return out;
}

const gridPoint = fc
  .tuple(fc.integer({ min: -130, max: 130 }), fc.integer({ min: -130, max: 130 }))
  .map(([x, y]) => [x / 2, y / 2] as Position);

describe('pointInPolygon against GEOS and Turf on random polygons', () => {
  let geos: Geos;
  beforeAll(async () => {
    geos = await loadGeos();
  });

  it('grid polygons (with a hole): GEOS and Turf agree on inside, boundary and outside, edges and vertices included', () => {
    let boundary = 0;
    let checked = 0;
    fc.assert(
      fc.property(
        starRing(0, 0),
        starRing(0, 0),
        fc.array(gridPoint, { maxLength: 30 }),
        (shell, inner, extra) => {
          // A hole: the inner star shrunk to a third, kept only when the polygon is valid (GEOS says so).
          const holeRing = inner.map(([x, y]) => [Math.round(x! / 3), Math.round(y! / 3)]);
          for (const rings of [[shell], [shell, holeRing.reverse()]]) {
            const polygon: Polygon = { type: 'Polygon', coordinates: rings };
            const g = geos.fromGeoJson(polygon);
            try {
              if (!geos.isValid(g)) continue;
              for (const p of [...probes(shell, extra), ...(rings[1] ? probes(rings[1], []) : [])]) {
                const ours = pointInRings(p[0]!, p[1]!, rings);
                expect(ours, `GEOS at ${p.join(',')}`).toBe(geos.sideOf(g, p));
                expect(pointInPolygon(p, polygon), `Turf at ${p.join(',')}`).toBe(
                  booleanPointInPolygon(p, polygon),
                );
                expect(ours > 0, `Turf (boundary ignored) at ${p.join(',')}`).toBe(
                  booleanPointInPolygon(p, polygon, { ignoreBoundary: true }),
                );
                checked++;
                if (ours === 0) boundary++;
              }
            } finally {
              geos.free(g);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
    // The cases were not all easy ones: many points lay exactly on an edge or a vertex.
    expect(checked).toBeGreaterThan(5000);
    expect(boundary).toBeGreaterThan(1000);
  });

  it('lon/lat polygons with 7 decimals, points on and near edges: the same side as GEOS', () => {
    let valid = 0;
    const coordinate = fc.integer({ min: 0, max: 200_000 }).map((n) => 36.09 + n / 1e7);
    fc.assert(
      fc.property(
        starRing(0, 0),
        fc.array(fc.tuple(coordinate, coordinate), { maxLength: 20 }),
        (ring, extra) => {
          // The grid star scaled into a patch of lon/lat with 7 decimals, as the sources write them.
          const scaled = ring.map(([x, y]) => [
            36.1 + Math.round(x! * 1234.5) / 1e7,
            36.1 + Math.round(y! * 987.6) / 1e7,
          ]);
          const polygon: Polygon = { type: 'Polygon', coordinates: [scaled] };
          const g = geos.fromGeoJson(polygon);
          try {
            if (!geos.isValid(g)) return;
            valid++;
            for (const p of probes(scaled, extra))
              expect(pointInRings(p[0]!, p[1]!, [scaled])).toBe(geos.sideOf(g, p));
          } finally {
            geos.free(g);
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(valid).toBeGreaterThan(75);
  });
});

describe('metamorphic: the same ring written differently gives the same answer', () => {
  it('rotated, reversed, with repeated vertices, closed or not', () => {
    fc.assert(
      fc.property(
        starRing(0, 0),
        fc.array(gridPoint, { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 4 }),
        (closed, extra, shift, repeats) => {
          const open = closed.slice(0, -1);
          const k = shift % open.length;
          const rotated = [...open.slice(k), ...open.slice(0, k)];
          const repeated = open.flatMap((p, i) =>
            repeats.some((r) => r % open.length === i) ? [p, p, p] : [p],
          );
          const variants = [open, rotated, [...rotated, rotated[0]!], [...open].reverse(), repeated];
          for (const p of probes(closed, extra)) {
            const expected = pointInRing(p[0]!, p[1]!, closed);
            for (const v of variants) expect(pointInRing(p[0]!, p[1]!, v)).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('on the project’s own data: the same answers as Turf, so outputs stay identical', () => {
  interface Place {
    lon: number;
    lat: number;
  }
  const places = (
    JSON.parse(readFileSync(join(ROOT, 'geodata/settlements.geojson'), 'utf8')) as FeatureCollection<Point>
  ).features.map((f) => ({ lon: f.geometry.coordinates[0]!, lat: f.geometry.coordinates[1]! }) as Place);

  it('every gazetteer place against every oblast (the oblast of a polygon, places outside Ukraine)', () => {
    const oblasts = loadOblasts();
    expect(places.length).toBeGreaterThan(1000);
    let inside = 0;
    for (const o of oblasts) {
      for (const { lon, lat } of places) {
        const ours = pointInPolygon([lon, lat], o);
        if (ours !== booleanPointInPolygon([lon, lat], o)) {
          throw new Error(`${o.properties.id} at ${lon},${lat}: ours ${ours}, Turf the other`);
        }
        if (ours) inside++;
      }
    }
    // Nearly every place lies in exactly one oblast.
    expect(inside).toBeGreaterThan(places.length * 0.95);
  });

  it('every gazetteer place against every focus area, and the focus area clicked at it', () => {
    let hits = 0;
    for (const { lon, lat } of places) {
      const turf = FOCUS_AREAS.features.filter((f) => booleanPointInPolygon([lon, lat], f));
      const ours = FOCUS_AREAS.features.filter((f) => pointInPolygon([lon, lat], f));
      expect(ours).toEqual(turf);
      const smallest = [...turf].sort((a, b) => a.properties.radius_km - b.properties.radius_km)[0];
      expect(focusAreaAt(lon, lat)).toBe(smallest?.properties.id ?? null);
      hits += turf.length;
    }
    expect(hits).toBeGreaterThan(10);
  });
});
