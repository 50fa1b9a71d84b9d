/**
 * Self-intersections of one polygon: edges that cross, edges that run along each other, and spikes (an edge that
 * doubles straight back). Touching at a single point is not reported: OGC allows a hole to touch its shell at a
 * point, and it does not upset areas, unions or rendering. A crossing *through a vertex* is reported (issue #13): a
 * vertex on another edge with its two edges on opposite sides of it, or a point the boundary passes twice where the
 * two passes interleave (the figure-8 (0,0)→(2,2)→(2,0)→(1,1)→(0,2)). Every sign is the exact `orient` predicate.
 *
 * A sweep along x keeps only the edges whose x-range covers the sweep position; a vertical line meets a polygon's
 * boundary a handful of times, so this stays near O(n log n) for the 10–50k-vertex polygons of real snapshots,
 * where the naive pairwise test would be quadratic.
 */
import type { Position } from 'geojson';
import { hashPoint } from './edgeHash.ts';
import { orient } from './orient.ts';

export interface Crossing {
  /** The rings involved (equal when a ring meets itself), as indices into the polygon's rings. */
  rings: [number, number];
  kind: 'cross' | 'overlap' | 'spike';
  /** Where: the crossing point, the start of the shared stretch, or the tip of the spike. */
  at: Position;
}

const opposite = (a: number, b: number): boolean => (a > 0 && b < 0) || (a < 0 && b > 0);

/**
 * Finds where the rings of one polygon cross themselves or each other. Rings must be closed (first = last) and
 * free of repeated consecutive positions. Stops collecting details after `limit` but keeps counting.
 * @example
 * const bowtie = [[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]];
 * findCrossings([bowtie]).first[0] // { rings: [0, 0], kind: 'cross', at: [0.5, 0.5] }
 */
export function findCrossings(
  rings: readonly (readonly Position[])[],
  limit = 5,
): { count: number; first: Crossing[] } {
  let n = 0;
  for (const ring of rings) n += Math.max(0, ring.length - 1);
  const ax = new Float64Array(n);
  const ay = new Float64Array(n);
  const bx = new Float64Array(n);
  const by = new Float64Array(n);
  const ringOf = new Int32Array(n);
  const indexInRing = new Int32Array(n);
  const ringSize = new Int32Array(rings.length);
  const first: Crossing[] = [];
  let count = 0;
  const found = (c: Crossing): void => {
    count++;
    if (first.length < limit) first.push(c);
  };

  let s = 0;
  rings.forEach((ring, r) => {
    const m = ring.length - 1;
    ringSize[r] = Math.max(0, m);
    for (let i = 0; i < m; i++, s++) {
      const p = ring[i]!;
      const q = ring[i + 1]!;
      ax[s] = p[0]!;
      ay[s] = p[1]!;
      bx[s] = q[0]!;
      by[s] = q[1]!;
      ringOf[s] = r;
      indexInRing[s] = i;
    }
    // Spikes: consecutive edges are skipped by the sweep (they share a vertex), so test them here, including the
    // pair that meets at the closing vertex.
    for (let i = 0; m >= 3 && i < m; i++) {
      const p = ring[i]!;
      const q = ring[i + 1]!;
      const t = ring[i + 2 <= m ? i + 2 : 1]!;
      const o = orient(p[0]!, p[1]!, q[0]!, q[1]!, t[0]!, t[1]!);
      const dot = (q[0]! - p[0]!) * (t[0]! - q[0]!) + (q[1]! - p[1]!) * (t[1]! - q[1]!);
      if (o === 0 && dot < 0) found({ rings: [r, r], kind: 'spike', at: [q[0]!, q[1]!] });
    }
  });

  const minX = (i: number): number => Math.min(ax[i]!, bx[i]!);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => minX(i) - minX(j));
  const active: number[] = [];
  for (const i of order) {
    const x0 = minX(i);
    // Drop edges that end before this one starts (in place, keeping the array small).
    let keep = 0;
    for (const j of active) if (Math.max(ax[j]!, bx[j]!) >= x0) active[keep++] = j;
    active.length = keep;
    const iy0 = Math.min(ay[i]!, by[i]!);
    const iy1 = Math.max(ay[i]!, by[i]!);
    for (const j of active) {
      if (Math.max(ay[j]!, by[j]!) < iy0 || Math.min(ay[j]!, by[j]!) > iy1) continue;
      if (ringOf[i] === ringOf[j]) {
        const d = Math.abs(indexInRing[i]! - indexInRing[j]!);
        if (d === 1 || d === ringSize[ringOf[i]!]! - 1) continue; // neighbours share a vertex by design
      }
      const c = test(i, j);
      if (c) found({ rings: [Math.min(ringOf[i]!, ringOf[j]!), Math.max(ringOf[i]!, ringOf[j]!)], ...c });
    }
    active.push(i);
  }
  passesThroughTwice();
  return { count, first };

  /** The edge after edge e in its ring. */
  function nextOf(e: number): number {
    return indexInRing[e]! + 1 < ringSize[ringOf[e]!]! ? e + 1 : e - indexInRing[e]!;
  }

  /**
   * Points the boundary passes more than once (each vertex is the end of exactly one edge): two passes that
   * interleave around the point cross there; two that don't only touch.
   */
  function passesThroughTwice(): void {
    const byPoint = new Map<number, number[]>();
    for (let e = 0; e < n; e++) {
      const h = hashPoint(bx[e]!, by[e]!);
      const list = byPoint.get(h);
      if (list) list.push(e);
      else byPoint.set(h, [e]);
    }
    for (const list of byPoint.values()) {
      if (list.length < 2) continue;
      for (let p = 0; p < list.length; p++) {
        for (let q = p + 1; q < list.length; q++) {
          const e = list[p]!;
          const f = list[q]!;
          if (bx[e] !== bx[f] || by[e] !== by[f]) continue;
          if (interleave(e, f)) {
            const [re, rf] = [ringOf[e]!, ringOf[f]!];
            found({ rings: [Math.min(re, rf), Math.max(re, rf)], kind: 'cross', at: [bx[e]!, by[e]!] });
          }
        }
      }
    }
  }

  /** Whether the passes through the common end point of edges e and f cross (rather than touch). */
  function interleave(e: number, f: number): boolean {
    const ox = bx[e]!;
    const oy = by[e]!;
    const ne = nextOf(e);
    const nf = nextOf(f);
    // Each pass: in from the previous vertex (u), out to the next (v).
    const [u1x, u1y, v1x, v1y] = [ax[e]!, ay[e]!, bx[ne]!, by[ne]!];
    const [u2x, u2y, v2x, v2y] = [ax[f]!, ay[f]!, bx[nf]!, by[nf]!];
    // A direction shared by both passes is an overlap, reported by the sweep.
    const same = (px: number, py: number, qx: number, qy: number): boolean =>
      orient(ox, oy, px, py, qx, qy) === 0 && (px - ox) * (qx - ox) + (py - oy) * (qy - oy) > 0;
    for (const [px, py] of [
      [u2x, u2y],
      [v2x, v2y],
    ] as const)
      if (same(px, py, u1x, u1y) || same(px, py, v1x, v1y)) return false;
    return inSector(ox, oy, v1x, v1y, u1x, u1y, u2x, u2y) !== inSector(ox, oy, v1x, v1y, u1x, u1y, v2x, v2y);
  }

  function test(i: number, j: number): Omit<Crossing, 'rings'> | null {
    const d1 = orient(ax[j]!, ay[j]!, bx[j]!, by[j]!, ax[i]!, ay[i]!);
    const d2 = orient(ax[j]!, ay[j]!, bx[j]!, by[j]!, bx[i]!, by[i]!);
    const d3 = orient(ax[i]!, ay[i]!, bx[i]!, by[i]!, ax[j]!, ay[j]!);
    const d4 = orient(ax[i]!, ay[i]!, bx[i]!, by[i]!, bx[j]!, by[j]!);
    if (opposite(d1, d2) && opposite(d3, d4)) {
      const t = d1 / (d1 - d2);
      return { kind: 'cross', at: [ax[i]! + t * (bx[i]! - ax[i]!), ay[i]! + t * (by[i]! - ay[i]!)] };
    }
    // The end vertex of one edge inside the other, with the next edge leaving to the other side: a crossing.
    for (const [e, o, side] of [
      [j, i, d4],
      [i, j, d2],
    ] as const) {
      if (side !== 0 || !strictlyWithin(o, bx[e]!, by[e]!)) continue;
      const from = orient(ax[o]!, ay[o]!, bx[o]!, by[o]!, ax[e]!, ay[e]!);
      const next = nextOf(e);
      const to = orient(ax[o]!, ay[o]!, bx[o]!, by[o]!, bx[next]!, by[next]!);
      if (opposite(from, to)) return { kind: 'cross', at: [bx[e]!, by[e]!] };
    }
    if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) {
      // Collinear: a shared stretch of positive length is an overlap; a shared end point is only a touch.
      const useX = Math.abs(bx[i]! - ax[i]!) >= Math.abs(by[i]! - ay[i]!);
      const [ia, ib, ja, jb] = useX ? [ax[i]!, bx[i]!, ax[j]!, bx[j]!] : [ay[i]!, by[i]!, ay[j]!, by[j]!];
      const lo = Math.max(Math.min(ia, ib), Math.min(ja, jb));
      const hi = Math.min(Math.max(ia, ib), Math.max(ja, jb));
      if (hi > lo) return { kind: 'overlap', at: pointAt(i, j, useX, lo) };
    }
    return null;
  }

  /** Whether (x, y), known to lie on the line of edge e, lies strictly between its ends. */
  function strictlyWithin(e: number, x: number, y: number): boolean {
    return Math.abs(bx[e]! - ax[e]!) >= Math.abs(by[e]! - ay[e]!)
      ? Math.min(ax[e]!, bx[e]!) < x && x < Math.max(ax[e]!, bx[e]!)
      : Math.min(ay[e]!, by[e]!) < y && y < Math.max(ay[e]!, by[e]!);
  }

  /** The position on edge i or j whose x (or y) is `v`: the start of the shared stretch. */
  function pointAt(i: number, j: number, useX: boolean, v: number): Position {
    for (const e of [i, j]) {
      if ((useX ? ax[e] : ay[e]) === v) return [ax[e]!, ay[e]!];
      if ((useX ? bx[e] : by[e]) === v) return [bx[e]!, by[e]!];
    }
    return [ax[i]!, ay[i]!];
  }
}

/**
 * Whether direction o→w lies strictly inside the sector swept counter-clockwise from direction o→s to o→e.
 * @example inSector(0, 0, 1, 0, 0, 1, 1, 1) // true: the first quadrant
 */
function inSector(
  ox: number,
  oy: number,
  sx: number,
  sy: number,
  ex: number,
  ey: number,
  wx: number,
  wy: number,
): boolean {
  const se = orient(ox, oy, sx, sy, ex, ey);
  const sw = orient(ox, oy, sx, sy, wx, wy);
  const we = orient(ox, oy, wx, wy, ex, ey);
  if (se > 0) return sw > 0 && we > 0;
  if (se < 0) return sw > 0 || we > 0;
  // s and e collinear: a half-plane when opposite, everything but s itself when the same.
  return (sx - ox) * (ex - ox) + (sy - oy) * (ey - oy) < 0 ? sw > 0 : sw !== 0 || we !== 0;
}
