/**
 * The union of several polygons from their edges (a class of a DeepState version is up to 18 features: occupied
 * since 2022, Crimea, ORDLO, … touching along shared borders, and overlapping in mid-2022), far faster than Turf's
 * union (docs/performance.md).
 *
 * The boundary of the union is every piece of a part's boundary that lies inside no other part; where two parts share
 * a stretch of boundary, it bounds the union once if their interiors lie on the same side, and not at all if on
 * opposite sides (two parts touching along a border). Edges of different parts are split where they cross, each
 * piece classified by its midpoint, and the kept pieces linked into rings (src/core/geometry/linkRings.ts).
 */
import { EdgeTable } from './edgeHash.ts';
import { edgeSetOf, type EdgeSet } from './edgeSet.ts';
import { polygonsOf } from '../model/polygonsOf.ts';
import { linkRings, ringsOf } from './linkRings.ts';
import type { AreaGeometry } from '../model/model.ts';
import { pairs, piecesOf, type Pieces, type Splits } from './splitEdges.ts';
import { insideEdges, stripIndexOf, type StripIndex } from './stripIndex.ts';

const overlaps = (a: EdgeSet['box'], b: EdgeSet['box']): boolean =>
  a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

function indices(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * The union of `parts` as one geometry (null when there is nothing), or undefined when the pieces failed to link into
 * rings — the caller then falls back to an overlay library.
 * @example unionEdges(features.map((f) => f.geometry))
 */
export function unionEdges(parts: readonly AreaGeometry[]): AreaGeometry | null | undefined {
  const sets = parts.map((g) => edgeSetOf(polygonsOf(g))).filter((s) => s.n > 0);
  if (sets.length === 0) return null;
  const all = sets.map((s) => indices(s.n));
  const splits: Splits[] = sets.map(() => new Map());
  for (let i = 0; i < sets.length; i++)
    for (let j = i + 1; j < sets.length; j++)
      if (overlaps(sets[i]!.box, sets[j]!.box))
        pairs(sets[i]!, all[i]!, sets[j]!, all[j]!, splits[i]!, splits[j]!);
  const pieces = sets.map((s, i) => piecesOf(s, all[i]!, splits[i]!));

  // All pieces in one table, to find stretches two parts share.
  const flat: Pieces = { x0: [], y0: [], x1: [], y1: [], term: [] };
  const partOf: number[] = [];
  pieces.forEach((p, i) => {
    for (let k = 0; k < p.x0.length; k++) {
      flat.x0.push(p.x0[k]!);
      flat.y0.push(p.y0[k]!);
      flat.x1.push(p.x1[k]!);
      flat.y1.push(p.y1[k]!);
      flat.term.push(p.term[k]!);
      partOf.push(i);
    }
  });
  const n = flat.x0.length;
  const table = new EdgeTable(flat.x0, flat.y0, flat.x1, flat.y1, n);
  const strips: (StripIndex | undefined)[] = sets.map(() => undefined);
  // First copies of stretches that other parts share in the same direction.
  const shared = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const first = table.find(flat.x0[k]!, flat.y0[k]!, flat.x1[k]!, flat.y1[k]!);
    if (first !== k) shared[first] = 1;
  }
  const kept: Pieces = { x0: [], y0: [], x1: [], y1: [], term: [] };
  for (let k = 0; k < n; k++) {
    const [x0, y0, x1, y1] = [flat.x0[k]!, flat.y0[k]!, flat.x1[k]!, flat.y1[k]!];
    // The same stretch in another part, same side: keep the first copy only.
    if (table.find(x0, y0, x1, y1) !== k) continue;
    // The reverse stretch in another part: the two parts meet along it, so it is inside the union.
    if (table.find(x1, y1, x0, y0) !== -1) continue;
    // A piece bounds the union when no other part covers its outer (right-hand) side. Its midpoint tells, except on
    // a shared stretch, whose midpoint lies on the other part's boundary: there, step just off it to the right.
    let mx = (x0 + x1) / 2;
    let my = (y0 + y1) / 2;
    if (shared[k]) {
      const len = Math.hypot(x1 - x0, y1 - y0);
      mx += ((y1 - y0) / len) * 1e-10;
      my -= ((x1 - x0) / len) * 1e-10;
    }
    let covered = false;
    for (let j = 0; j < sets.length && !covered; j++) {
      if (j === partOf[k]) continue;
      const b = sets[j]!.box;
      if (mx < b[0] || mx > b[2] || my < b[1] || my > b[3]) continue;
      covered = insideEdges((strips[j] ??= stripIndexOf(sets[j]!)), mx, my);
    }
    if (covered) continue;
    kept.x0.push(x0);
    kept.y0.push(y0);
    kept.x1.push(x1);
    kept.y1.push(y1);
    kept.term.push(flat.term[k]!);
  }
  const polygons = linkRings(kept);
  if (!polygons) return undefined;
  if (polygons.length === 0) return null;
  return { type: 'MultiPolygon', coordinates: polygons.map(ringsOf) };
}
