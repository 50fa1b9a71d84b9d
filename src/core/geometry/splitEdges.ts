/**
 * Splits two sets of directed edges where they cross or touch, so that afterwards any two edges either coincide
 * exactly, meet only at endpoints, or are apart. The edges come from two different geometries (P's edges never
 * cross each other, nor do Q's), so only P-against-Q pairs are tested, found by testing every pair when there are few and through a uniform grid otherwise.
 *
 * Noding is robust by construction (issue #13): every sign comes from the exact `orient` predicate, and a vertex
 * within {@link NODE_TOLERANCE_DEG} of another edge splits that edge at the vertex itself (snap rounding), so a
 * T-junction written in decimals — on the edge in decimal, off it in binary — is split like an exact one.
 */
import { edgeTerm, qOfLat } from './edgeArea.ts';
import { PointSet } from './edgeHash.ts';
import type { EdgeSet } from './edgeSet.ts';
import { NODE_TOLERANCE_DEG, orient } from './orient.ts';

/** Edges after splitting, as parallel arrays; `term` is each piece's area term. */
export interface Pieces {
  x0: number[];
  y0: number[];
  x1: number[];
  y1: number[];
  term: number[];
}

/** Whether p, known to lie on the line through a and b, lies strictly between them. */
function within(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.abs(bx - ax) >= Math.abs(by - ay)
    ? (ax < px && px < bx) || (bx < px && px < ax)
    : (ay < py && py < by) || (by < py && py < ay);
}

/** Split points per edge index: x, y, x, y, … */
export type Splits = Map<number, number[]>;

function addSplit(splits: Splits, i: number, x: number, y: number): void {
  const list = splits.get(i);
  if (list) list.push(x, y);
  else splits.set(i, [x, y]);
}

/** Records where edge i of P and edge j of Q cross or touch (a vertex of one lying on, or within the tolerance of, the other). */
function meet(P: EdgeSet, i: number, Q: EdgeSet, j: number, sp: Splits, sq: Splits): void {
  const ax = P.x0[i]!;
  const ay = P.y0[i]!;
  const bx = P.x1[i]!;
  const by = P.y1[i]!;
  const cx = Q.x0[j]!;
  const cy = Q.y0[j]!;
  const dx = Q.x1[j]!;
  const dy = Q.y1[j]!;
  const T = NODE_TOLERANCE_DEG;
  if (Math.max(ay, by) + T < Math.min(cy, dy) || Math.max(cy, dy) + T < Math.min(ay, by)) return;
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  // |orient| / length is a vertex's distance from the other edge's line.
  const nearQ = Math.hypot(dx - cx, dy - cy) * T;
  const nearP = Math.hypot(bx - ax, by - ay) * T;
  const aOnQ = Math.abs(d1) <= nearQ;
  const bOnQ = Math.abs(d2) <= nearQ;
  const cOnP = Math.abs(d3) <= nearP;
  const dOnP = Math.abs(d4) <= nearP;
  if (aOnQ || bOnQ || cOnP || dOnP) {
    // A vertex on (or within the tolerance of) the other edge, collinear overlaps included: split the other edge
    // there, at that exact vertex.
    if (aOnQ && within(cx, cy, dx, dy, ax, ay)) addSplit(sq, j, ax, ay);
    if (bOnQ && within(cx, cy, dx, dy, bx, by)) addSplit(sq, j, bx, by);
    if (cOnP && within(ax, ay, bx, by, cx, cy)) addSplit(sp, i, cx, cy);
    if (dOnP && within(ax, ay, bx, by, dx, dy)) addSplit(sp, i, dx, dy);
    return;
  }
  // No vertex is near the other edge, so every sign is non-zero: a proper crossing or nothing.
  if (d1 > 0 === d2 > 0 || d3 > 0 === d4 > 0) return;
  // A proper crossing: both edges are split at the very same computed point.
  const t = d1 / (d1 - d2);
  const x = ax + t * (bx - ax);
  const y = ay + t * (by - ay);
  addSplit(sp, i, x, y);
  addSplit(sq, j, x, y);
}

/** Below this many P×Q pairs, testing every pair beats building a grid. */
const BRUTE_FORCE_PAIRS = 4096;

/** Grid column (or row) of coordinate v. */
function cellOf(v: number, origin: number, scale: number, count: number): number {
  const c = Math.floor((v - origin) * scale);
  return c < 0 ? 0 : c >= count ? count - 1 : c;
}

/**
 * Records in `sp` and `sq` where the listed edges of P and of Q cross or touch, testing every P-edge/Q-edge pair
 * whose bounding boxes overlap. Small lists test every pair; larger ones go through a uniform grid over Q's extent
 * (about one cell per two edges), where each pair is met once: in the cell holding the south-west corner of the
 * overlap of their boxes. With `self` (P and Q the same set, listed alike, `sp` = `sq`), each pair of different edges
 * is met once: the noding of one geometry's own edges (src/core/geometry/makeValid.ts).
 * @example pairs(a, allOfA, b, allOfB, splitsOfA, splitsOfB)
 */
export function pairs(
  P: EdgeSet,
  iP: ArrayLike<number>,
  Q: EdgeSet,
  iQ: ArrayLike<number>,
  sp: Splits,
  sq: Splits,
  self = false,
): void {
  const nP = iP.length;
  const nQ = iQ.length;
  if (nP === 0 || nQ === 0) return;
  const { x0: px0, y0: py0, x1: px1, y1: py1 } = P;
  const { x0: qx0, y0: qy0, x1: qx1, y1: qy1 } = Q;
  if (nP * nQ <= BRUTE_FORCE_PAIRS) {
    for (let k = 0; k < nP; k++) {
      const i = iP[k]!;
      const pw = Math.min(px0[i]!, px1[i]!) - NODE_TOLERANCE_DEG;
      const pe = Math.max(px0[i]!, px1[i]!) + NODE_TOLERANCE_DEG;
      for (let l = 0; l < nQ; l++) {
        const f = iQ[l]!;
        if (self && f <= i) continue;
        if (Math.max(qx0[f]!, qx1[f]!) < pw || Math.min(qx0[f]!, qx1[f]!) > pe) continue;
        meet(P, i, Q, f, sp, sq);
      }
    }
    return;
  }
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = 0; k < nQ; k++) {
    const f = iQ[k]!;
    w = Math.min(w, qx0[f]!, qx1[f]!);
    e = Math.max(e, qx0[f]!, qx1[f]!);
    s = Math.min(s, qy0[f]!, qy1[f]!);
    n = Math.max(n, qy0[f]!, qy1[f]!);
  }
  const side = Math.max(1, Math.min(1024, Math.ceil(Math.sqrt((nP + nQ) / 2))));
  const sx = side / Math.max(e - w, 1e-12);
  const sy = side / Math.max(n - s, 1e-12);
  // Q's edges into cells (compressed rows: cell c holds items[start[c] .. start[c + 1])), in two passes.
  const start = new Int32Array(side * side + 1);
  let items = new Int32Array(0);
  let fill = start;
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < nQ; k++) {
      const f = iQ[k]!;
      const c0 = cellOf(Math.min(qx0[f]!, qx1[f]!), w, sx, side);
      const c1 = cellOf(Math.max(qx0[f]!, qx1[f]!), w, sx, side);
      const r0 = cellOf(Math.min(qy0[f]!, qy1[f]!), s, sy, side);
      const r1 = cellOf(Math.max(qy0[f]!, qy1[f]!), s, sy, side);
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          if (pass === 0) start[r * side + c + 1]!++;
          else items[fill[r * side + c]!++] = f;
        }
      }
    }
    if (pass === 0) {
      for (let c = 0; c < side * side; c++) start[c + 1]! += start[c]!;
      fill = start.slice(0, side * side);
      items = new Int32Array(start[side * side]!);
    }
  }
  for (let k = 0; k < nP; k++) {
    const i = iP[k]!;
    // P's box grown by the tolerance: an edge passing that close to a vertex of Q is met too.
    const pw = Math.min(px0[i]!, px1[i]!) - NODE_TOLERANCE_DEG;
    const pe = Math.max(px0[i]!, px1[i]!) + NODE_TOLERANCE_DEG;
    const ps = Math.min(py0[i]!, py1[i]!) - NODE_TOLERANCE_DEG;
    const pn = Math.max(py0[i]!, py1[i]!) + NODE_TOLERANCE_DEG;
    if (pe < w || pw > e || pn < s || ps > n) continue;
    const c0 = cellOf(pw, w, sx, side);
    const c1 = cellOf(pe, w, sx, side);
    const r0 = cellOf(ps, s, sy, side);
    const r1 = cellOf(pn, s, sy, side);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * side + c;
        for (let t = start[cell]!, end = start[cell + 1]!; t < end; t++) {
          const f = items[t]!;
          if (self && f <= i) continue;
          const qw = Math.min(qx0[f]!, qx1[f]!);
          const qs = Math.min(qy0[f]!, qy1[f]!);
          if (qw > pe || Math.max(qx0[f]!, qx1[f]!) < pw || qs > pn || Math.max(qy0[f]!, qy1[f]!) < ps)
            continue;
          // Only in the cell of the overlap's south-west corner, so each pair is met once.
          if (
            (r0 === r1 && c0 === c1) ||
            (cellOf(Math.max(pw, qw), w, sx, side) === c && cellOf(Math.max(ps, qs), s, sy, side) === r)
          )
            meet(P, i, Q, f, sp, sq);
        }
      }
    }
  }
}

/** Scratch arrays of {@link piecesOf}: the split points of one edge, their order and positions along it. */
const order: number[] = [];
let along = new Float64Array(16);

/**
 * The listed edges of S cut at their split points, in order along each edge.
 * @example piecesOf(a, allOfA, splitsOfA).x0.length
 */
export function piecesOf(S: EdgeSet, idx: ArrayLike<number>, splits: Splits): Pieces {
  const out: Pieces = { x0: [], y0: [], x1: [], y1: [], term: [] };
  for (let k = 0; k < idx.length; k++) {
    const e = idx[k]!;
    const ax = S.x0[e]!;
    const ay = S.y0[e]!;
    const bx = S.x1[e]!;
    const by = S.y1[e]!;
    const list = splits.get(e);
    if (!list) {
      out.x0.push(ax);
      out.y0.push(ay);
      out.x1.push(bx);
      out.y1.push(by);
      out.term.push(S.term[e]!);
      continue;
    }
    const ux = bx - ax;
    const uy = by - ay;
    // The split points in order along the edge: positions along it, sorted with their indices (no object per point).
    const count = list.length >> 1;
    order.length = 0;
    if (along.length < count) along = new Float64Array(Math.max(count, 2 * along.length));
    for (let p = 0; p < count; p++) {
      const x = list[2 * p]!;
      const y = list[2 * p + 1]!;
      if ((x === ax && y === ay) || (x === bx && y === by)) continue;
      along[p] = (x - ax) * ux + (y - ay) * uy;
      order.push(p);
    }
    if (order.length > 1) order.sort((p, q) => along[p]! - along[q]!);
    let px = ax;
    let py = ay;
    let pq = qOfLat(ay);
    for (let o = 0; o <= order.length; o++) {
      const x = o < order.length ? list[2 * order[o]!]! : bx;
      const y = o < order.length ? list[2 * order[o]! + 1]! : by;
      if (x === px && y === py) continue;
      const q = qOfLat(y);
      out.x0.push(px);
      out.y0.push(py);
      out.x1.push(x);
      out.y1.push(y);
      out.term.push(edgeTerm(px, py, x, y, pq, q));
      px = x;
      py = y;
      pq = q;
    }
  }
  return out;
}

/**
 * The listed edges of P and of Q, each split wherever it crosses or touches an edge of the other list.
 * With them, the split points of each side ({@link splitPointSet}).
 * @example const [p, q] = splitEdges(a, differingA, b, differingB)
 */
export function splitEdges(
  P: EdgeSet,
  iP: ArrayLike<number>,
  Q: EdgeSet,
  iQ: ArrayLike<number>,
): [Pieces, Pieces, Splits, Splits] {
  const sp: Splits = new Map();
  const sq: Splits = new Map();
  pairs(P, iP, Q, iQ, sp, sq);
  return [piecesOf(P, iP, sp), piecesOf(Q, iQ, sq), sp, sq];
}

/**
 * The points where edges were split, as a set: with the edges' own vertices, every point where the pieces of one side
 * can meet the other side's boundary (a crossing, or a vertex of the other side on an edge).
 * @example const [pa, pb, , splitsOfB] = splitEdges(a, dA, b, dB); splitPointSet(splitsOfB).has(x, y)
 */
export function splitPointSet(splits: Splits): PointSet {
  let n = 0;
  for (const list of splits.values()) n += list.length >> 1;
  const out = new PointSet(n);
  for (const list of splits.values())
    for (let k = 0; k < list.length; k += 2) out.add(list[k]!, list[k + 1]!);
  return out;
}
