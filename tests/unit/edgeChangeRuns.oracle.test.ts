/**
 * The change engine's classification along runs of pieces (src/core/geometry/edgeChange.ts, issue #16's 20 ms
 * goal): a piece that starts where the previous one ended, at a point that is no vertex of the other geometry, takes
 * the previous piece's side without a point-in-polygon test. The hard cases are where the two boundaries meet without
 * crossing: B's boundary passing through A's vertices (touching from inside, from outside, or crossing there) and
 * stretches the two share. GEOS is the oracle; rotating where every ring starts (so every run starts elsewhere)
 * and swapping the inputs must keep every figure.
 */
import type { Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { areaKm2, changeBetween, changeEngineStats, resetChangeEngineStats } from '../../src/core/index.ts';
import { geosOverlayKm2, loadGeos, type Geos } from '../support/geos.ts';
import { mulberry32 } from '../support/random.ts';
import { FLOAT_REL, expectIndependentKm2 } from './tolerances.ts';

const grid = (v: number): number => Math.round(v * 1e6) / 1e6;

/**
 * Two star-shaped polygons around the same centre with the same vertex angles: at each angle B's vertex is A's
 * (the boundaries meet there), further out or further in. Runs of equal radii make shared stretches; a vertex that
 * is shared between two where B is out on one side and in on the other is a crossing through a vertex; one with B
 * out (or in) on both sides is a touch.
 */
function pair(random: () => number): { a: Polygon; b: Polygon } {
  const n = 60 + Math.floor(random() * 60);
  const [cx, cy] = [36 + random(), 48 + random()];
  const ra: Position[] = [];
  const rb: Position[] = [];
  for (let k = 0; k < n; k++) {
    const t = (2 * Math.PI * k) / n;
    const r = 1 + 0.2 * random();
    const pick = random();
    const s = pick < 0.4 ? 1 : pick < 0.7 ? 1.1 : 0.9;
    ra.push([grid(cx + r * Math.cos(t)), grid(cy + r * Math.sin(t))]);
    rb.push([grid(cx + r * s * Math.cos(t)), grid(cy + r * s * Math.sin(t))]);
  }
  const close = (r: Position[]): Position[] => [...r, r[0]!];
  return {
    a: { type: 'Polygon', coordinates: [close(ra)] },
    b: { type: 'Polygon', coordinates: [close(rb)] },
  };
}

const rotate = (p: Polygon, k: number): Polygon => {
  const open = p.coordinates[0]!.slice(0, -1);
  const r = [...open.slice(k % open.length), ...open.slice(0, k % open.length)];
  return { type: 'Polygon', coordinates: [[...r, r[0]!]] };
};

let geos: Geos;
beforeAll(async () => {
  geos = await loadGeos();
});

describe('edgeChange: runs of pieces along boundaries that touch, cross at vertices and share stretches', () => {
  it('gained and lost equal GEOS, with no fallback', () => {
    resetChangeEngineStats();
    for (let seed = 1; seed <= 30; seed++) {
      const { a, b } = pair(mulberry32(seed));
      const c = changeBetween(a, b);
      expectIndependentKm2(c.gainedKm2, geosOverlayKm2(geos, 'difference', b, a), `seed ${seed} gained`);
      expectIndependentKm2(c.lostKm2, geosOverlayKm2(geos, 'difference', a, b), `seed ${seed} lost`);
      // The polygons measure what is reported (the runs decide which pieces bound them).
      expectIndependentKm2(areaKm2(c.gained), c.gainedKm2, `seed ${seed} gained polygons`);
      expectIndependentKm2(areaKm2(c.lost), c.lostKm2, `seed ${seed} lost polygons`);
    }
    expect(changeEngineStats().fallbacks).toBe(0);
  });

  it('boundaries crossing exactly at vertices both have (no split point there) change the side of a run', () => {
    // A: [30, 32] × [45, 46] with a vertex every 0.05°; B: west of x = 31, its east side running through A's
    // vertices (31, 45) and (31, 46), which are B's vertices too. Only the vertex sets tell a run its side changes.
    const side = (from: Position, to: Position): Position[] =>
      Array.from({ length: 40 }, (_, k): Position => [
        grid(from[0]! + ((to[0]! - from[0]!) * k) / 40),
        grid(from[1]! + ((to[1]! - from[1]!) * k) / 40),
      ]);
    const r = [
      ...side([30, 45], [32, 45]),
      ...side([32, 45], [32, 46]),
      ...side([32, 46], [30, 46]),
      ...side([30, 46], [30, 45]),
    ];
    const a: Polygon = { type: 'Polygon', coordinates: [[...r, r[0]!]] };
    const b: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [29, 44],
          [31, 44],
          [31, 45],
          [31, 46],
          [31, 47],
          [29, 47],
          [29, 44],
        ],
      ],
    };
    resetChangeEngineStats();
    for (const [p, q] of [
      [a, b],
      [b, a],
    ] as const) {
      const c = changeBetween(p, q);
      expectIndependentKm2(c.gainedKm2, geosOverlayKm2(geos, 'difference', q, p), 'gained');
      expectIndependentKm2(c.lostKm2, geosOverlayKm2(geos, 'difference', p, q), 'lost');
    }
    expect(changeEngineStats().fallbacks).toBe(0);
  });

  it('rotating where the rings start, and swapping A and B, keep every figure', () => {
    resetChangeEngineStats();
    for (let seed = 31; seed <= 50; seed++) {
      const random = mulberry32(seed);
      const { a, b } = pair(random);
      const base = changeBetween(a, b);
      for (let turn = 0; turn < 4; turn++) {
        const k = 1 + Math.floor(random() * 50);
        const c = changeBetween(rotate(a, k), rotate(b, 2 * k + 1));
        const tol = FLOAT_REL * areaKm2(a);
        expect(Math.abs(c.gainedKm2 - base.gainedKm2), `seed ${seed} turn ${turn}`).toBeLessThanOrEqual(tol);
        expect(Math.abs(c.lostKm2 - base.lostKm2), `seed ${seed} turn ${turn}`).toBeLessThanOrEqual(tol);
      }
      const swapped = changeBetween(b, a);
      expect(Math.abs(swapped.gainedKm2 - base.lostKm2)).toBeLessThanOrEqual(FLOAT_REL * areaKm2(a));
      expect(Math.abs(swapped.lostKm2 - base.gainedKm2)).toBeLessThanOrEqual(FLOAT_REL * areaKm2(a));
    }
    expect(changeEngineStats().fallbacks).toBe(0);
  });
});
