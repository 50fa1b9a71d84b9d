/**
 * Issue #13: generated degenerate inputs against GEOS (geos-wasm) as the oracle — sloping T-junctions at 5–7
 * decimals, edges 1 ulp apart, overlapping and repeated parts, holes touching their shell at a vertex, bowties and
 * figure-8s. Our rule (src/core/geometry/makeValid.ts): each polygon repaired by the even–odd rule (GEOS MakeValid), the parts
 * of a geometry united (GEOS UnaryUnion). For each case: our made-valid geometry is valid for GEOS, its area and the
 * change's gained and lost agree with GEOS's within 0.01 km², gained − lost = net, and the edge engine answered
 * without a fallback.
 */
import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  areaKm2,
  changeBetween,
  changeEngineStats,
  makeValid,
  resetChangeEngineStats,
  edgeChange,
  type AreaGeometry,
} from '../../src/core/index.ts';
import { loadGeos, type Geos } from '../support/geos.ts';
import { CHANGE_INVARIANT_KM2, METAMORPHIC_KM2 } from './tolerances.ts';

let geos: Geos;
beforeAll(async () => {
  geos = await loadGeos();
});
beforeEach(() => resetChangeEngineStats());

/** Cases per property; FRONTLINE_PROPERTY_RUNS=1000 for a longer hunt. */
const RUNS = Number(process.env['FRONTLINE_PROPERTY_RUNS'] ?? 60);
const polygonsOf = (g: AreaGeometry): Position[][][] =>
  g.type === 'Polygon' ? [g.coordinates] : g.coordinates;

/** GEOS's reading of our rule: every polygon made valid (MakeValid), then all of them united (UnaryUnion). */
function geosValid(g: AreaGeometry): number {
  const parts: Position[][][] = [];
  for (const p of polygonsOf(g)) {
    const ptr = geos.makeValid(geos.fromGeoJson({ type: 'Polygon', coordinates: p }));
    const back = geos.toGeoJson(ptr);
    geos.free(ptr);
    if (back) parts.push(...polygonsOf(back));
  }
  const all = geos.fromGeoJson({ type: 'MultiPolygon', coordinates: parts });
  const u = geos.unaryUnion(all);
  geos.free(all);
  return u;
}

/** Gained, lost and area figures by GEOS for a → b. */
function geosChange(a: AreaGeometry, b: AreaGeometry) {
  const ga = geosValid(a);
  const gb = geosValid(b);
  const gained = geos.difference(gb, ga);
  const lost = geos.difference(ga, gb);
  const km2 = (p: number) => areaKm2(geos.toGeoJson(p));
  const out = { areaFrom: km2(ga), areaTo: km2(gb), gained: km2(gained), lost: km2(lost) };
  [ga, gb, gained, lost].forEach(geos.free);
  return out;
}

/** Checks one pair against GEOS; returns the failures in words. */
function check(a: AreaGeometry, b: AreaGeometry): string[] {
  const out: string[] = [];
  const va = makeValid(a);
  const vb = makeValid(b);
  for (const v of [va, vb]) {
    if (!v) continue;
    const p = geos.fromGeoJson(v);
    if (!geos.isValid(p)) out.push(`made-valid geometry is not valid for GEOS: ${JSON.stringify(v)}`);
    geos.free(p);
  }
  const ours = changeBetween(a, b);
  const theirs = geosChange(a, b);
  const pairs: [string, number, number][] = [
    ['area from', ours.areaFromKm2, theirs.areaFrom],
    ['area to', ours.areaToKm2, theirs.areaTo],
    ['gained', ours.gainedKm2, theirs.gained],
    ['lost', ours.lostKm2, theirs.lost],
  ];
  for (const [what, x, y] of pairs)
    if (!(Math.abs(x - y) <= METAMORPHIC_KM2)) out.push(`${what}: ours ${x}, GEOS ${y}`);
  if (!(Math.abs(ours.gainedKm2 - ours.lostKm2 - ours.netKm2) <= CHANGE_INVARIANT_KM2))
    out.push(`gained − lost ≠ net: ${ours.gainedKm2} − ${ours.lostKm2} vs ${ours.netKm2}`);
  if (changeEngineStats().fallbacks > 0) out.push(`fallback: ${changeEngineStats().reasons.join('; ')}`);
  return out;
}

const lon = fc.integer({ min: 300_000, max: 399_999 }).map((v) => v / 10_000);
const lat = fc.integer({ min: 460_000, max: 519_999 }).map((v) => v / 10_000);
const size = fc.integer({ min: 20, max: 2000 }).map((v) => v / 10_000);
const decimals = fc.constantFrom(5, 6, 7);
const round = (v: number, d: number): number => Math.round(v * 10 ** d) / 10 ** d;

const box = (w: number, s: number, e: number, n: number): Position[] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const multi = (...polys: Position[][][]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: polys });

/** A sloping edge P→Q with V on it in decimal (P, Q, V with `d` decimals), and polygons on both sides of it. */
const tJunction = fc
  .record({ x: lon, y: lat, d: decimals, steps: fc.integer({ min: 3, max: 40 }), dx: size, dy: size })
  .chain((r) => fc.record({ r: fc.constant(r), m: fc.integer({ min: 1, max: r.steps - 1 }) }))
  .map(({ r, m }) => {
    const u = 10 ** -r.d;
    // Steps of whole units of the last decimal, so that V = P + m·step is exactly on P→Q in decimal.
    const sx = Math.max(1, Math.round(r.dx / u / r.steps)) * u;
    const sy = Math.max(1, Math.round(r.dy / u / r.steps)) * u;
    const P: Position = [round(r.x, r.d), round(r.y, r.d)];
    const Q: Position = [round(P[0]! + sx * r.steps, r.d), round(P[1]! + sy * r.steps, r.d)];
    const V: Position = [round(P[0]! + sx * m, r.d), round(P[1]! + sy * m, r.d)];
    const top = round(Q[1]! + 0.05, r.d);
    const bottom = round(P[1]! - 0.05, r.d);
    return {
      plain: poly([P, Q, [Q[0]!, top], [P[0]!, top], P]),
      withVertex: poly([P, V, Q, [Q[0]!, top], [P[0]!, top], P]),
      below: poly([P, [P[0]!, bottom], [Q[0]!, bottom], Q, V, P]),
      belowPlain: poly([P, [P[0]!, bottom], [Q[0]!, bottom], Q, P]),
    };
  });

describe('generated degenerate inputs against GEOS (issue #13)', () => {
  it('sloping T-junctions at 5–7 decimals: no change, no fallback, no sliver; unions of the two sides match GEOS', () => {
    fc.assert(
      fc.property(tJunction, ({ plain, withVertex, below, belowPlain }) => {
        resetChangeEngineStats();
        const fast = edgeChange(plain, withVertex);
        expect(fast).not.toBeNull();
        expect([fast!.gainedKm2, fast!.lostKm2, fast!.gained, fast!.lost]).toEqual([0, 0, null, null]);
        // A class split into two features along the edge, one with the vertex, one without: one territory.
        const twoSides = multi(withVertex.coordinates, belowPlain.coordinates);
        const whole = multi(plain.coordinates, below.coordinates);
        expect(check(twoSides, whole)).toEqual([]);
        expect(check(plain, twoSides)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('edges 1 ulp apart: the change is what GEOS says, without a fallback', () => {
    const ulp = (v: number, k: number): number => {
      const f = new Float64Array([v]);
      const i = new BigInt64Array(f.buffer);
      i[0] = i[0]! + BigInt(k);
      return f[0]!;
    };
    fc.assert(
      fc.property(
        lon,
        lat,
        size,
        size,
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        (x, y, w, h, k, corner) => {
          resetChangeEngineStats();
          const a = poly(box(x, y, x + w, y + h));
          const moved = a.coordinates[0]!.map((p, i) =>
            i % 4 === corner ? [ulp(p[0]!, k), ulp(p[1]!, -k)] : [...p],
          );
          moved[4] = [...moved[0]!];
          const b = poly(moved);
          // A neighbour sharing the east edge, 1 ulp off.
          const c = multi(b.coordinates, [box(ulp(x + w, k), y, x + 2 * w, y + h)]);
          expect(check(a, b)).toEqual([]);
          expect(check(a, c)).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('overlapping and repeated parts are united, as GEOS UnaryUnion does', () => {
    const part = fc
      .record({ x: lon, y: lat, w: size, h: size, skew: fc.integer({ min: -500, max: 500 }) })
      .map(({ x, y, w, h, skew }): Position[][] => {
        const s = skew / 10_000;
        return [
          [
            [x, y],
            [x + w, y + s],
            [x + w, y + h + s],
            [x, y + h],
            [x, y],
          ],
        ];
      });
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 4 }),
        fc.array(part, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (pa, pb, repeat) => {
          resetChangeEngineStats();
          // Near each other, so that they overlap: every part shifted next to the first.
          const near = (ps: Position[][][]): Position[][][] => {
            const [x0, y0] = ps[0]![0]![0]!;
            return ps.map((p, i) =>
              p.map((r) => r.map(([x, y]) => [x0! + (x! - x0!) * 0.02 + i * 0.01, y0! + (y! - y0!) * 0.02])),
            );
          };
          const a = near(pa);
          const b = near([...pa.slice(0, 1), ...pb]);
          const ma = multi(...a, ...(repeat ? [a[0]!] : []));
          const mb = multi(...b);
          expect(check(ma, mb)).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('holes touching their shell at a vertex: areas and changes as GEOS', () => {
    fc.assert(
      fc.property(lon, lat, size, fc.boolean(), fc.boolean(), (x, y, d, onVertex, twoHoles) => {
        resetChangeEngineStats();
        const shell = box(x, y, x + d, y + d);
        // A triangular hole touching the shell: at its south-west corner, or in the middle of its south edge.
        const tx = onVertex ? x : x + d / 2;
        const hole: Position[] = [
          [tx, y],
          [tx + d / 4, y + d / 2],
          [tx + d / 8, y + d / 2],
          [tx, y],
        ];
        // A second hole at the north-east corner, apart from the first (touching it too would cut the polygon in two).
        const other: Position[] = [
          [x + d, y + d],
          [x + d - d / 4, y + (3 * d) / 4],
          [x + d - d / 8, y + (3 * d) / 4],
          [x + d, y + d],
        ];
        const a = poly(shell, hole, ...(twoHoles ? [other] : []));
        const b = poly(box(x, y, x + d, y + d / 3));
        expect(check(a, b)).toEqual([]);
        expect(check(b, a)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('bowties and figure-8s are repaired into what GEOS MakeValid makes of them', () => {
    fc.assert(
      fc.property(lon, lat, size, size, fc.boolean(), (x, y, w, h, throughVertex) => {
        resetChangeEngineStats();
        const bowtie: Position[] = throughVertex
          ? [
              [x, y],
              [x + w, y + h],
              [x + w, y],
              [x + w / 2, y + h / 2],
              [x, y + h],
              [x, y],
            ]
          : [
              [x, y],
              [x + w, y + h],
              [x + w, y],
              [x, y + h],
              [x, y],
            ];
        const a = poly(bowtie);
        const b = poly(box(x, y, x + w / 2, y + h));
        expect(check(a, b)).toEqual([]);
        expect(check(b, a)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
