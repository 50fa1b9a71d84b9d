/**
 * The per-region split of the edge engine's own polygons (issue #16), against GEOS.
 *
 * The case that once went wrong: a polygon the engine made runs along a region's boundary between split points the
 * engine computed — off the 1e-9° grid its inputs are snapped to. Clipping to the land does exactly that: the clipped
 * polygon follows the coast (which the oblasts share) from where its own side crosses the coast. The breakdown by
 * region (`areaByRegion`) reuses the engine's remembered edges, so the shared stretch must still be recognised as
 * the region's boundary; when it was not, whole polygons were counted inside the wrong oblast (Donetsk at
 * 116,000 km² on 2025-08-15), and clipToLand and compareAssessments measured snapped copies instead.
 *
 * The land here has a sloping coast with 9-decimal vertices and two regions meeting on a sloping inland border; the
 * clipped shapes cross the coast with sloping sides, so every crossing point is off the grid.
 */
import type { Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { areaByRegion, areaKm2, changeBetween, clipToLand, landOutline } from '../../src/core/index.ts';
import type { AreaGeometry } from '../../src/core/index.ts';
import { geosOverlayKm2, loadGeos, type Geos } from '../support/geos.ts';
import { expectIndependentKm2 } from './tolerances.ts';

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
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

/** On the engine's 1e-9° grid, as a source's 9-decimal coordinates are. */
const grid = (v: number): number => Math.round(v * 1e9) / 1e9;

const ring = (points: Position[]): Position[] => [...points, points[0]!];

/**
 * Two regions tiling a land whose south edge is a jagged, sloping coast: west of a sloping inland border and east
 * of it. They share the border's vertices and each keeps its stretch of the coast.
 */
function regionsFor(random: () => number): { west: Polygon; east: Polygon } {
  const coast: Position[] = [];
  for (let i = 0; i <= 20; i++) coast.push([grid(30 + i * 0.5 + random() * 0.2), grid(45 + random() * 0.8)]);
  const k = 10; // the border leaves the coast at coast[k]
  const border: Position[] = [coast[k]!];
  for (let j = 1; j < 6; j++)
    border.push([grid(coast[k]![0]! + (random() - 0.5) * 0.8), grid(45.9 + j * 0.7)]);
  const north = 50;
  const top = border[border.length - 1]!;
  const west: Position[] = [
    ...coast.slice(0, k + 1),
    ...border.slice(1),
    [top[0]!, north],
    [coast[0]![0]!, north],
  ];
  const east: Position[] = [
    ...coast.slice(k),
    [coast[coast.length - 1]![0]!, north],
    [top[0]!, north],
    ...border.slice(1).reverse(),
  ];
  return {
    west: { type: 'Polygon', coordinates: [ring(west)] },
    east: { type: 'Polygon', coordinates: [ring(east)] },
  };
}

/** A quadrilateral reaching from the sea (south of the coast) inland, with sloping sides that cross the coast. */
function shapeFor(random: () => number): Polygon {
  const x = 31 + random() * 7;
  const w = 0.6 + random() * 2.5;
  return {
    type: 'Polygon',
    coordinates: [
      ring([
        [grid(x), grid(43.5 + random())],
        [grid(x + w), grid(43.5 + random())],
        [grid(x + w + (random() - 0.5)), grid(46.5 + random() * 2)],
        [grid(x + (random() - 0.5)), grid(46.5 + random() * 2)],
      ]),
    ],
  };
}

let geos: Geos;
beforeAll(async () => {
  geos = await loadGeos();
});

/** Whether any vertex of g lies off the 1e-9° grid (the engine's computed split points). */
const hasOffGridVertex = (g: AreaGeometry): boolean =>
  (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).some((rings) =>
    rings.some((r) => r.some((p) => grid(p[0]!) !== p[0] || grid(p[1]!) !== p[1])),
  );

describe('areaByRegion on the edge engine’s own polygons along a region boundary (GEOS oracle)', () => {
  it('a clip to the land, measured per region on its remembered edges, equals GEOS per region', () => {
    let offGrid = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const random = mulberry32(seed);
      const { west, east } = regionsFor(random);
      const land = landOutline([west, east]);
      const shape = shapeFor(random);
      const clipped = clipToLand(shape, land);
      expect(clipped, `seed ${seed}`).not.toBeNull();
      if (hasOffGridVertex(clipped!)) offGrid++;
      // The clip itself is right; what is tested is its split by region.
      expectIndependentKm2(areaKm2(clipped), geosOverlayKm2(geos, 'intersection', shape, land.land));
      const [inWest, inEast] = areaByRegion(clipped, [west, east]);
      expectIndependentKm2(inWest!, geosOverlayKm2(geos, 'intersection', shape, west));
      expectIndependentKm2(inEast!, geosOverlayKm2(geos, 'intersection', shape, east));
    }
    // The case under test really arises: the clip's corners on the coast are computed, off the grid.
    expect(offGrid).toBeGreaterThanOrEqual(30);
  });

  it('the disagreement of two such clips splits by region as GEOS does, both ways', () => {
    for (let seed = 101; seed <= 130; seed++) {
      const random = mulberry32(seed);
      const { west, east } = regionsFor(random);
      const land = landOutline([west, east]);
      const a = shapeFor(random);
      const b = shapeFor(random);
      const change = changeBetween(clipToLand(a, land), clipToLand(b, land));
      const onlyA = areaByRegion(change.lost, [west, east]);
      const onlyB = areaByRegion(change.gained, [west, east]);
      const ga = geos.fromGeoJson(a);
      const gb = geos.fromGeoJson(b);
      const gaNotB = geos.difference(ga, gb);
      const gbNotA = geos.difference(gb, ga);
      const lostG = geos.toGeoJson(gaNotB);
      const gainedG = geos.toGeoJson(gbNotA);
      [ga, gb, gaNotB, gbNotA].forEach((g) => geos.free(g));
      [west, east].forEach((r, i) => {
        expectIndependentKm2(onlyA[i]!, lostG ? geosOverlayKm2(geos, 'intersection', lostG, r) : 0);
        expectIndependentKm2(onlyB[i]!, gainedG ? geosOverlayKm2(geos, 'intersection', gainedG, r) : 0);
      });
    }
  });
});
