/**
 * The edges a clip is compared on are made from the engine's linked edges, not read back from its GeoJSON
 * (src/core/geometry/edgeSet.ts, edgeSetOfLinked): they must be the very set edgeSetOf makes of the GeoJSON, to the
 * last bit, whichever way the input's rings were wound.
 *
 * A clip to the land is trusted as valid when it is compared next (src/core/geometry/landClip.ts marks it, as the
 * engine's unions are; issue #16's 20 ms goal): GEOS must find every clip valid and of the area of its own
 * intersection, on shapes that cross a jagged coast and an inland border, with holes and several parts; and
 * rotating the shape's rings must not change the clip's area.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  areaKm2,
  changeEngineStats,
  clipToLand,
  landOutline,
  makeValid,
  resetChangeEngineStats,
} from '../../src/core/index.ts';
import { preparedEdges } from '../../src/core/geometry/edgeChange.ts';
import { edgeSetOf, type EdgeSet } from '../../src/core/geometry/edgeSet.ts';
import { polygonsOf } from '../../src/core/model/polygonsOf.ts';
import { loadGeos, type Geos } from '../support/geos.ts';
import { mulberry32 } from '../support/random.ts';
import { expectIndependentKm2, FLOAT_REL } from './tolerances.ts';

const grid = (v: number): number => Math.round(v * 1e9) / 1e9;
const close = (r: Position[]): Position[] => [...r, r[0]!];

/** Two regions over a land with a jagged south coast, split by a wandering border at x ≈ 35. */
function land(random: () => number): Polygon[] {
  const coast: Position[] = [];
  for (let i = 0; i <= 20; i++) coast.push([grid(30 + i * 0.5), grid(45 + random() * 0.8)]);
  const border: Position[] = [coast[10]!];
  for (let j = 1; j <= 5; j++) border.push([grid(35 + (random() - 0.5) * 0.6), grid(45.9 + j * 0.8)]);
  const top = border[border.length - 1]!;
  return [
    [...coast.slice(0, 11), ...border.slice(1), [30, top[1]!]],
    [...coast.slice(10), [40, top[1]!], ...border.slice(1).reverse()],
  ].map((r): Polygon => ({ type: 'Polygon', coordinates: [close(r as Position[])] }));
}

/** Star-shaped parts reaching into the sea, one with a hole. */
function shape(random: () => number): MultiPolygon {
  const star = (cx: number, cy: number, r: number, n: number, hole = false): Position[] => {
    const ring: Position[] = [];
    for (let k = 0; k < n; k++) {
      const t = (2 * Math.PI * k) / n;
      const rr = r * (1 + 0.3 * random());
      ring.push([grid(cx + rr * Math.cos(t)), grid(cy + rr * Math.sin(t))]);
    }
    return close(hole ? ring.reverse() : ring);
  };
  const [cx, cy] = [33 + random() * 4, 45.5 + random()];
  return {
    type: 'MultiPolygon',
    coordinates: [
      [star(cx, cy, 1.2, 70), star(cx, cy + 0.2, 0.4, 20, true)],
      [star(cx + 2.3, cy + 2.5, 0.5, 30)],
    ],
  };
}

/** The parts of an edge set that must agree to the last bit. */
const bits = (e: EdgeSet) => ({
  n: e.n,
  x0: [...e.x0],
  y0: [...e.y0],
  x1: [...e.x1],
  y1: [...e.y1],
  term: [...e.term],
  box: e.box,
  total: e.total,
  ringStarts: e.ringStarts,
});

/** The same shape with every ring wound the other way (outer rings clockwise, holes counter-clockwise). */
const reversed = (g: MultiPolygon): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: g.coordinates.map((p) => p.map((ring) => [...ring].reverse())),
});

let geos: Geos;
beforeAll(async () => {
  geos = await loadGeos();
});

describe('clipToLand output is valid (GEOS oracle, metamorphic)', () => {
  it('every clip is valid for GEOS and measures GEOS’s intersection; makeValid passes it through', () => {
    resetChangeEngineStats();
    for (let seed = 1; seed <= 25; seed++) {
      const random = mulberry32(seed);
      const outline = landOutline(land(random));
      const g = shape(random);
      const clipped = clipToLand(g, outline)!;
      const gc = geos.fromGeoJson(clipped);
      expect(geos.isValid(gc), `seed ${seed}`).toBe(true);
      const [gg, gl] = [geos.fromGeoJson(g), geos.fromGeoJson(outline.land)];
      const gi = geos.intersection(gg, gl);
      const expected = areaKm2(geos.toGeoJson(gi));
      [gc, gg, gl, gi].forEach((x) => geos.free(x));
      expectIndependentKm2(areaKm2(clipped), expected);
      expect(makeValid(clipped)).toBe(clipped);
    }
    // Answered by the clip's own path (edgeDifference, its far edges only summed), not by a fallback.
    expect(changeEngineStats().fallbacks).toBe(0);
  });

  it('the clip’s prepared edges are the set edgeSetOf makes of its GeoJSON, bit for bit, however the input is wound', () => {
    for (let seed = 51; seed <= 70; seed++) {
      const random = mulberry32(seed);
      const outline = landOutline(land(random));
      const g = shape(random);
      for (const input of [g, reversed(g)]) {
        const clipped = clipToLand(input, outline)!;
        expect(bits(preparedEdges(clipped).set), `seed ${seed}`).toEqual(
          bits(edgeSetOf(polygonsOf(clipped))),
        );
      }
    }
  });

  it('rotating the rings of the shape keeps the clip’s area', () => {
    for (let seed = 31; seed <= 40; seed++) {
      const random = mulberry32(seed);
      const outline = landOutline(land(random));
      const g = shape(random);
      const turned: MultiPolygon = {
        type: 'MultiPolygon',
        coordinates: g.coordinates.map((p) =>
          p.map((ring) => {
            const open = ring.slice(0, -1);
            const k = 1 + Math.floor(random() * (open.length - 1));
            return close([...open.slice(k), ...open.slice(0, k)]);
          }),
        ),
      };
      const a = areaKm2(clipToLand(g, outline));
      expect(Math.abs(areaKm2(clipToLand(turned, outline)) - a)).toBeLessThanOrEqual(FLOAT_REL * a);
    }
  });
});
