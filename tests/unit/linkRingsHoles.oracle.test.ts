/**
 * Holes into their outer rings (src/core/geometry/linkRings.ts) when there are many: an outer ring tested against
 * several holes gets a strip index (issue #16's 20 ms goal; UA Control Map's territory is one ring with ~100
 * holes). GEOS is the oracle: the engine's polygons must be valid, and each must hold as many holes as GEOS's
 * polygon of the same area. Metamorphic: the order of the holes and where each ring starts change nothing.
 */
import type { MultiPolygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { areaKm2, changeBetween, changeEngineStats, resetChangeEngineStats } from '../../src/core/index.ts';
import type { AreaGeometry } from '../../src/core/index.ts';
import { loadGeos, type Geos } from '../support/geos.ts';
import { mulberry32 } from '../support/random.ts';
import { squarePolygon } from '../support/shapes.ts';
import { expectIndependentKm2, FLOAT_REL } from './tolerances.ts';

const grid = (v: number): number => Math.round(v * 1e9) / 1e9;

/** A star-shaped ring of n vertices around (cx, cy), radii r to 1.2 r; counter-clockwise, or clockwise for a hole. */
function star(random: () => number, cx: number, cy: number, r: number, n: number, hole = false): Position[] {
  const ring: Position[] = [];
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    const rr = r * (1 + 0.2 * random());
    ring.push([grid(cx + rr * Math.cos(a)), grid(cy + rr * Math.sin(a))]);
  }
  if (hole) ring.reverse();
  ring.push(ring[0]!);
  return ring;
}

/**
 * A big polygon with a large hole and a ring of small holes, and an island in the large hole with small holes of its
 * own: every hole's home is decided among nested outer rings.
 */
function holey(random: () => number): MultiPolygon {
  const [cx, cy] = [35 + random(), 47 + random()];
  const smallHoles = (r: number, count: number): Position[][] =>
    Array.from({ length: count }, (_, k) => {
      const a = (2 * Math.PI * (k + random() * 0.3)) / count;
      return star(random, cx + r * Math.cos(a), cy + r * Math.sin(a), 0.05, 8, true);
    });
  return {
    type: 'MultiPolygon',
    coordinates: [
      [star(random, cx, cy, 3, 200), star(random, cx, cy, 1.2, 90, true), ...smallHoles(2.1, 24)],
      [star(random, cx, cy, 0.8, 80), ...smallHoles(0.45, 10)],
    ],
  };
}

let geos: Geos;
beforeAll(async () => {
  geos = await loadGeos();
});

const polygons = (g: AreaGeometry | null): Position[][][] =>
  g ? (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) : [];

/** (area, holes) of each polygon, largest first. */
const shapeOf = (g: AreaGeometry | null): [number, number][] =>
  polygons(g)
    .map((p): [number, number] => [areaKm2({ type: 'Polygon', coordinates: p }), p.length - 1])
    .sort((a, b) => b[0] - a[0]);

const turned = (g: MultiPolygon, random: () => number): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: g.coordinates.map(([outer, ...holes]) =>
    [outer!, ...holes.reverse()].map((ring) => {
      const open = ring.slice(0, -1);
      const k = Math.floor(random() * open.length);
      const r = [...open.slice(k), ...open.slice(0, k)];
      return [...r, r[0]!];
    }),
  ),
});

describe('linkRings: many holes among nested outer rings (GEOS oracle, metamorphic)', () => {
  it('the gained polygons are valid and hold the holes GEOS finds, polygon by polygon', () => {
    resetChangeEngineStats();
    for (let seed = 1; seed <= 10; seed++) {
      const random = mulberry32(seed);
      const b = holey(random);
      // A square cutting into the big polygon's side, so the rings are split and relinked, not copied.
      const a = squarePolygon(grid(36 + random()), grid(45 + random()), 1.5);
      const change = changeBetween(a, b);
      const ga = geos.fromGeoJson(a);
      const gb = geos.fromGeoJson(b);
      const gd = geos.difference(gb, ga);
      const oracle = geos.toGeoJson(gd);
      const mine = geos.fromGeoJson(change.gained!);
      expect(geos.isValid(mine), `seed ${seed}: the engine's polygons are valid`).toBe(true);
      [ga, gb, gd, mine].forEach((g) => geos.free(g));
      const [ours, theirs] = [shapeOf(change.gained), shapeOf(oracle)];
      expect(ours.length, `seed ${seed}`).toBe(theirs.length);
      ours.forEach(([km2, holes], i) => {
        expect(holes, `seed ${seed}, polygon ${i}`).toBe(theirs[i]![1]);
        expectIndependentKm2(km2, theirs[i]![0]);
      });
      // Enough holes in one ring that the index is used: the big polygon keeps most of its 25.
      expect(ours[0]![1]).toBeGreaterThanOrEqual(10);
    }
    // Answered by the edge engine itself, not by its exact fallback (which would hide a wrong hole assignment).
    expect(changeEngineStats().fallbacks).toBe(0);
  });

  it('reversing the holes and rotating every ring keeps the polygons and their holes', () => {
    resetChangeEngineStats();
    for (let seed = 11; seed <= 16; seed++) {
      const random = mulberry32(seed);
      const b = holey(random);
      const a = squarePolygon(grid(36 + random()), grid(45 + random()), 1.5);
      const base = shapeOf(changeBetween(a, b).gained);
      const other = shapeOf(changeBetween(a, turned(b, random)).gained);
      expect(other.map((p) => p[1])).toEqual(base.map((p) => p[1]));
      other.forEach(([km2], i) => expect(Math.abs(km2 - base[i]![0])).toBeLessThanOrEqual(FLOAT_REL * km2));
    }
    expect(changeEngineStats().fallbacks).toBe(0);
  });
});
