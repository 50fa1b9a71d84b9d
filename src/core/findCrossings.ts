/**
 * Self-intersections of one polygon: edges that cross, edges that run along each other, and spikes (an edge that
 * doubles straight back). Touching at a single point is not reported: OGC allows a hole to touch its shell at a
 * point, and it does not upset areas, unions or rendering.
 *
 * A sweep along x keeps only the edges whose x-range covers the sweep position; a vertical line meets a polygon's
 * boundary a handful of times, so this stays near O(n log n) for the 10–50k-vertex polygons of real snapshots,
 * where the naive pairwise test would be quadratic.
 */
import type { Position } from 'geojson';

export interface Crossing {
  /** The rings involved (equal when a ring meets itself), as indices into the polygon's rings. */
  rings: [number, number];
  kind: 'cross' | 'overlap' | 'spike';
  /** Where: the crossing point, the start of the shared stretch, or the tip of the spike. */
  at: Position;
}

/** >0 when c lies left of a→b, <0 right, 0 on the line. */
function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
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
  return { count, first };

  function test(i: number, j: number): Omit<Crossing, 'rings'> | null {
    const d1 = orient(ax[j]!, ay[j]!, bx[j]!, by[j]!, ax[i]!, ay[i]!);
    const d2 = orient(ax[j]!, ay[j]!, bx[j]!, by[j]!, bx[i]!, by[i]!);
    const d3 = orient(ax[i]!, ay[i]!, bx[i]!, by[i]!, ax[j]!, ay[j]!);
    const d4 = orient(ax[i]!, ay[i]!, bx[i]!, by[i]!, bx[j]!, by[j]!);
    if (opposite(d1, d2) && opposite(d3, d4)) {
      const t = d1 / (d1 - d2);
      return { kind: 'cross', at: [ax[i]! + t * (bx[i]! - ax[i]!), ay[i]! + t * (by[i]! - ay[i]!)] };
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

  /** The position on edge i or j whose x (or y) is `v`: the start of the shared stretch. */
  function pointAt(i: number, j: number, useX: boolean, v: number): Position {
    for (const e of [i, j]) {
      if ((useX ? ax[e] : ay[e]) === v) return [ax[e]!, ay[e]!];
      if ((useX ? bx[e] : by[e]) === v) return [bx[e]!, by[e]!];
    }
    return [ax[i]!, ay[i]!];
  }
}
