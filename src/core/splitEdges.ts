/**
 * Splits two sets of directed edges where they cross or touch, so that afterwards any two edges either coincide
 * exactly, meet only at endpoints, or are apart. The edges come from two different geometries (P's edges never
 * cross each other, nor do Q's), so only P-against-Q pairs are tested, found through a uniform grid.
 */
import { edgeTerm, qOfLat } from './edgeArea.ts';
import type { EdgeSet } from './edgeSet.ts';

/** Edges after splitting, as parallel arrays; `term` is each piece's area term. */
export interface Pieces {
  x0: number[];
  y0: number[];
  x1: number[];
  y1: number[];
  term: number[];
}

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number =>
  (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

/** Whether p, known to lie on the line through a and b, lies strictly between them. */
function within(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.abs(bx - ax) >= Math.abs(by - ay)
    ? (ax < px && px < bx) || (bx < px && px < ax)
    : (ay < py && py < by) || (by < py && py < ay);
}

type Splits = Map<number, number[]>;

function addSplit(splits: Splits, i: number, x: number, y: number): void {
  const list = splits.get(i);
  if (list) list.push(x, y);
  else splits.set(i, [x, y]);
}

/** Records where edge i of P and edge j of Q cross or touch (a vertex of one lying inside the other). */
function meet(P: EdgeSet, i: number, Q: EdgeSet, j: number, sp: Splits, sq: Splits): void {
  const ax = P.x0[i]!;
  const ay = P.y0[i]!;
  const bx = P.x1[i]!;
  const by = P.y1[i]!;
  const cx = Q.x0[j]!;
  const cy = Q.y0[j]!;
  const dx = Q.x1[j]!;
  const dy = Q.y1[j]!;
  if (Math.max(ay, by) < Math.min(cy, dy) || Math.max(cy, dy) < Math.min(ay, by)) return;
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  if ((d1 > 0 && d2 > 0) || (d1 < 0 && d2 < 0)) return;
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if ((d3 > 0 && d4 > 0) || (d3 < 0 && d4 < 0)) return;
  if (d1 === 0 || d2 === 0 || d3 === 0 || d4 === 0) {
    // A vertex on the other edge (collinear overlaps included): split the other edge there, at that exact vertex.
    if (d1 === 0 && within(cx, cy, dx, dy, ax, ay)) addSplit(sq, j, ax, ay);
    if (d2 === 0 && within(cx, cy, dx, dy, bx, by)) addSplit(sq, j, bx, by);
    if (d3 === 0 && within(ax, ay, bx, by, cx, cy)) addSplit(sp, i, cx, cy);
    if (d4 === 0 && within(ax, ay, bx, by, dx, dy)) addSplit(sp, i, dx, dy);
    return;
  }
  // A proper crossing: both edges are split at the very same computed point.
  const t = d1 / (d1 - d2);
  const x = ax + t * (bx - ax);
  const y = ay + t * (by - ay);
  addSplit(sp, i, x, y);
  addSplit(sq, j, x, y);
}

/**
 * Calls `meet` for every P-edge/Q-edge pair whose bounding boxes overlap, found through a uniform grid over the two
 * lists' common extent (about one cell per two edges). Each pair is met once: in the cell holding the south-west
 * corner of the overlap of their boxes.
 */
function gridPairs(
  P: EdgeSet,
  iP: ArrayLike<number>,
  Q: EdgeSet,
  iQ: ArrayLike<number>,
  sp: Splits,
  sq: Splits,
): void {
  if (iP.length === 0 || iQ.length === 0) return;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = 0; k < iQ.length; k++) {
    const f = iQ[k]!;
    w = Math.min(w, Q.x0[f]!, Q.x1[f]!);
    e = Math.max(e, Q.x0[f]!, Q.x1[f]!);
    s = Math.min(s, Q.y0[f]!, Q.y1[f]!);
    n = Math.max(n, Q.y0[f]!, Q.y1[f]!);
  }
  const side = Math.max(1, Math.min(1024, Math.ceil(Math.sqrt((iP.length + iQ.length) / 2))));
  const sx = side / Math.max(e - w, 1e-12);
  const sy = side / Math.max(n - s, 1e-12);
  const col = (x: number): number => Math.min(side - 1, Math.max(0, Math.floor((x - w) * sx)));
  const row = (y: number): number => Math.min(side - 1, Math.max(0, Math.floor((y - s) * sy)));
  // Q's edges into cells (compressed rows: cell c holds items[start[c] .. start[c + 1])).
  const start = new Int32Array(side * side + 1);
  const cellsOf = (f: number, visit: (c: number) => void): void => {
    const c0 = col(Math.min(Q.x0[f]!, Q.x1[f]!));
    const c1 = col(Math.max(Q.x0[f]!, Q.x1[f]!));
    const r0 = row(Math.min(Q.y0[f]!, Q.y1[f]!));
    const r1 = row(Math.max(Q.y0[f]!, Q.y1[f]!));
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) visit(r * side + c);
  };
  for (let k = 0; k < iQ.length; k++) cellsOf(iQ[k]!, (c) => start[c + 1]!++);
  for (let c = 0; c < side * side; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, side * side);
  const items = new Int32Array(start[side * side]!);
  for (let k = 0; k < iQ.length; k++) {
    const f = iQ[k]!;
    cellsOf(f, (c) => (items[fill[c]!++] = f));
  }
  for (let k = 0; k < iP.length; k++) {
    const i = iP[k]!;
    const pw = Math.min(P.x0[i]!, P.x1[i]!);
    const pe = Math.max(P.x0[i]!, P.x1[i]!);
    const ps = Math.min(P.y0[i]!, P.y1[i]!);
    const pn = Math.max(P.y0[i]!, P.y1[i]!);
    if (pe < w || pw > e || pn < s || ps > n) continue;
    const c0 = col(pw);
    const c1 = col(pe);
    const r0 = row(ps);
    const r1 = row(pn);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * side + c;
        for (let t = start[cell]!, end = start[cell + 1]!; t < end; t++) {
          const f = items[t]!;
          const qw = Math.min(Q.x0[f]!, Q.x1[f]!);
          const qs = Math.min(Q.y0[f]!, Q.y1[f]!);
          if (qw > pe || Math.max(Q.x0[f]!, Q.x1[f]!) < pw || qs > pn || Math.max(Q.y0[f]!, Q.y1[f]!) < ps)
            continue;
          // Only in the cell of the overlap's south-west corner, so each pair is met once.
          if (col(Math.max(pw, qw)) !== c || row(Math.max(ps, qs)) !== r) continue;
          meet(P, i, Q, f, sp, sq);
        }
      }
    }
  }
}

/** The listed edges of S cut at their split points, in order along each edge. */
function piecesOf(S: EdgeSet, idx: ArrayLike<number>, splits: Splits): Pieces {
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
    const pts: { t: number; x: number; y: number }[] = [];
    for (let p = 0; p < list.length; p += 2) {
      const x = list[p]!;
      const y = list[p + 1]!;
      if ((x === ax && y === ay) || (x === bx && y === by)) continue;
      pts.push({ t: (x - ax) * ux + (y - ay) * uy, x, y });
    }
    pts.sort((p, q) => p.t - q.t);
    let px = ax;
    let py = ay;
    let pq = qOfLat(ay);
    for (const p of [...pts, { t: Infinity, x: bx, y: by }]) {
      if (p.x === px && p.y === py) continue;
      const q = qOfLat(p.y);
      out.x0.push(px);
      out.y0.push(py);
      out.x1.push(p.x);
      out.y1.push(p.y);
      out.term.push(edgeTerm(px, py, p.x, p.y, pq, q));
      px = p.x;
      py = p.y;
      pq = q;
    }
  }
  return out;
}

/**
 * The listed edges of P and of Q, each split wherever it crosses or touches an edge of the other list.
 * @example const [p, q] = splitEdges(a, differingA, b, differingB)
 */
export function splitEdges(
  P: EdgeSet,
  iP: ArrayLike<number>,
  Q: EdgeSet,
  iQ: ArrayLike<number>,
): [Pieces, Pieces] {
  const sp: Splits = new Map();
  const sq: Splits = new Map();
  gridPairs(P, iP, Q, iQ, sp, sq);
  return [piecesOf(P, iP, sp), piecesOf(Q, iQ, sq)];
}
