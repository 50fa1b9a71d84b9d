/**
 * Directed boundary edges (interior on the left) → polygons. Used by the change engine to turn the edges of a gain or
 * a loss into GeoJSON, after the areas were already summed from the same edges.
 */
import type { Position } from 'geojson';
import { TERM_TO_KM2 } from './edgeArea.ts';
import { hashPoint } from './edgeHash.ts';
import type { EdgeSet } from './edgeSet.ts';
import { rayCrosses } from './pointInPolygon.ts';
import type { Pieces } from './splitEdges.ts';
import { insideEdges, stripIndexOf, type StripIndex } from './stripIndex.ts';

/**
 * A linked polygon: its edges (with their area terms, for measuring) ring after ring, outer ring first, and where
 * each ring starts among them. GeoJSON coordinates are made from these only when asked for ({@link ringsOf}): the
 * figures never need them.
 */
export interface LinkedPolygon {
  edges: EdgeSet;
  ringStarts: number[];
  /** Which of the input edges each edge is (its index in what was linked). */
  source: Int32Array;
}

/**
 * The polygon's rings as GeoJSON positions (outer first, each closed).
 * @example ringsOf(linked[0]) // [[[37.1, 48.2], …, [37.1, 48.2]]]
 */
export function ringsOf(p: LinkedPolygon): Position[][] {
  const { x0, y0, x1, y1, n } = p.edges;
  return p.ringStarts.map((start, r) => {
    const end = r + 1 < p.ringStarts.length ? p.ringStarts[r + 1]! : n;
    const ring: Position[] = [[x0[start]!, y0[start]!]];
    for (let i = start; i < end; i++) ring.push([x1[i]!, y1[i]!]);
    return ring;
  });
}

/** Rings smaller than this (km², 1 m²) are dropped. */
export const MIN_RING_KM2 = 1e-6;

/** Clockwise angle in (0, 2π] from direction u to direction v. */
function clockwise(ux: number, uy: number, vx: number, vy: number): number {
  const a = Math.atan2(-(ux * vy - uy * vx), ux * vx + uy * vy);
  return a <= 0 ? a + 2 * Math.PI : a;
}

interface Ring {
  edges: number[];
  sum: number;
  box: [number, number, number, number];
}

/** Rings of at least this many edges get a strip index when they are tested against more than one hole. */
const INDEXED_RING_EDGES = 64;

/** One ring's edges as an edge set, for {@link stripIndexOf}. */
function ringEdgeSet(ring: Ring, edges: Pieces): EdgeSet {
  const n = ring.edges.length;
  const set: EdgeSet = {
    n,
    x0: new Float64Array(n),
    y0: new Float64Array(n),
    x1: new Float64Array(n),
    y1: new Float64Array(n),
    term: new Float64Array(n),
    box: ring.box,
    total: ring.sum,
  };
  ring.edges.forEach((e, i) => {
    set.x0[i] = edges.x0[e]!;
    set.y0[i] = edges.y0[e]!;
    set.x1[i] = edges.x1[e]!;
    set.y1[i] = edges.y1[e]!;
    set.term[i] = edges.term[e]!;
  });
  return set;
}

/**
 * Even–odd test of (x, y) against one ring given as edge indices, by the point-in-polygon's crossing rule
 * (pointInPolygon.ts, exact signs).
 */
function insideRing(ring: readonly number[], edges: Pieces, x: number, y: number): boolean {
  let inside = false;
  for (const e of ring) {
    if (rayCrosses(edges.x0[e]!, edges.y0[e]!, edges.x1[e]!, edges.y1[e]!, x, y)) inside = !inside;
  }
  return inside;
}

/**
 * Links `edges` into rings and groups them into polygons (holes into the smallest outer ring around them). Pairs of
 * opposite edges (p→q and q→p) are interior to the union and dropped first. At a vertex with several ways out the
 * tightest left turn is taken, so polygons that touch at a point stay separate rings. Returns null when the edges do
 * not close into rings (every vertex must have as many edges in as out) — the caller then falls back to a slower,
 * exact path rather than return a broken polygon.
 * @example linkRings(gainedEdges)?.map(ringsOf)
 */
export function linkRings(edges: Pieces): LinkedPolygon[] | null {
  const { x0, y0, x1, y1, term } = edges;
  const m = x0.length;
  if (m === 0) return [];
  let size = 16;
  while (size < m * 2) size *= 2;
  const mask = size - 1;
  // Start point → first outgoing edge; further outgoing edges chained through `next`.
  const slots = new Int32Array(size).fill(-1);
  const next = new Int32Array(m).fill(-1);
  const used = new Uint8Array(m);
  const slotOf = (x: number, y: number): number => {
    let s = hashPoint(x, y) & mask;
    for (;;) {
      const e = slots[s]!;
      if (e === -1 || (x0[e] === x && y0[e] === y)) return s;
      s = (s + 1) & mask;
    }
  };
  for (let e = 0; e < m; e++) {
    const s = slotOf(x0[e]!, y0[e]!);
    next[e] = slots[s]!;
    slots[s] = e;
  }
  // Drop opposite pairs.
  for (let e = 0; e < m; e++) {
    if (used[e]) continue;
    for (let f = slots[slotOf(x1[e]!, y1[e]!)]!; f !== -1; f = next[f]!) {
      if (!used[f] && x1[f] === x0[e] && y1[f] === y0[e]) {
        used[e] = 1;
        used[f] = 1;
        break;
      }
    }
  }

  const rings: Ring[] = [];
  for (let first = 0; first < m; first++) {
    if (used[first]) continue;
    const sx = x0[first]!;
    const sy = y0[first]!;
    const ringEdges: number[] = [];
    let sum = 0;
    let [w, s, ea, n] = [sx, sy, sx, sy];
    let e = first;
    for (;;) {
      used[e] = 1;
      ringEdges.push(e);
      sum += term[e]!;
      const ex = x1[e]!;
      const ey = y1[e]!;
      if (ex < w) w = ex;
      if (ex > ea) ea = ex;
      if (ey < s) s = ey;
      if (ey > n) n = ey;
      if (ex === sx && ey === sy) break;
      let best = -1;
      let bestAngle = Infinity;
      const ux = x0[e]! - ex;
      const uy = y0[e]! - ey;
      for (let f = slots[slotOf(ex, ey)]!; f !== -1; f = next[f]!) {
        if (used[f]) continue;
        if (best === -1 && next[f] === -1 && bestAngle === Infinity) {
          best = f;
          break;
        }
        const angle = clockwise(ux, uy, x1[f]! - ex, y1[f]! - ey);
        if (angle < bestAngle) {
          bestAngle = angle;
          best = f;
        }
      }
      if (best === -1) return null;
      e = best;
    }
    // Two edges out and back enclose nothing; a ring under 1 m² (either orientation) is a sliver of rounding where
    // two boundaries all but coincide, and is dropped from every output, figures and GeoJSON alike (issue #13).
    if (ringEdges.length >= 3 && Math.abs(sum) * TERM_TO_KM2 >= MIN_RING_KM2)
      rings.push({ edges: ringEdges, sum, box: [w, s, ea, n] });
  }

  const outers = rings.filter((r) => r.sum > 0);
  const holesOf = outers.map((): Ring[] => []);
  // An outer ring tested against several holes gets a strip index (UA Control Map's territory holds ~100 holes in
  // one 2,700-edge ring: each test went round the whole ring). The same crossing rule on the same edges, so the
  // same answers (an edge missing from a point's strip cannot cross the point's ray).
  const tested = new Int32Array(outers.length);
  const indexes: (StripIndex | undefined)[] = [];
  const insideOuter = (k: number, x: number, y: number): boolean => {
    const o = outers[k]!;
    if (o.edges.length < INDEXED_RING_EDGES || ++tested[k]! < 2) return insideRing(o.edges, edges, x, y);
    return insideEdges((indexes[k] ??= stripIndexOf(ringEdgeSet(o, edges))), x, y);
  };
  for (const hole of rings) {
    if (hole.sum > 0) continue;
    const h = hole.edges[0]!;
    const mx = (x0[h]! + x1[h]!) / 2;
    const my = (y0[h]! + y1[h]!) / 2;
    let home = -1;
    for (let k = 0; k < outers.length; k++) {
      const o = outers[k]!;
      const b = o.box;
      if (hole.box[0] < b[0] || hole.box[1] < b[1] || hole.box[2] > b[2] || hole.box[3] > b[3]) continue;
      if (home !== -1 && outers[home]!.sum <= o.sum) continue;
      if (insideOuter(k, mx, my)) home = k;
    }
    // A hole (of 1 m² or more) outside every outer ring is an error: the caller takes the exact path.
    if (home === -1) return null;
    holesOf[home]!.push(hole);
  }
  // Every polygon's edges in one set of arrays, each polygon a view of its own stretch (900 polygons three months
  // apart: one allocation instead of thousands).
  const all = {
    x0: new Float64Array(m),
    y0: new Float64Array(m),
    x1: new Float64Array(m),
    y1: new Float64Array(m),
    term: new Float64Array(m),
    source: new Int32Array(m),
  };
  let i = 0;
  return outers.map((outer, k) => {
    const parts = [outer, ...holesOf[k]!];
    const from = i;
    let total = 0;
    const ringStarts: number[] = [];
    for (const r of parts) {
      ringStarts.push(i - from);
      for (const e of r.edges) {
        all.x0[i] = x0[e]!;
        all.y0[i] = y0[e]!;
        all.x1[i] = x1[e]!;
        all.y1[i] = y1[e]!;
        all.term[i] = term[e]!;
        all.source[i] = e;
        i++;
      }
      total += r.sum;
    }
    const set: EdgeSet = {
      n: i - from,
      x0: all.x0.subarray(from, i),
      y0: all.y0.subarray(from, i),
      x1: all.x1.subarray(from, i),
      y1: all.y1.subarray(from, i),
      term: all.term.subarray(from, i),
      box: outer.box,
      total,
    };
    return { edges: set, ringStarts, source: all.source.subarray(from, i) };
  });
}
