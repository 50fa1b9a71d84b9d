/**
 * The area of a polygon inside a region, from edges (the breakdowns of issue #4: gained and lost per oblast, per focus
 * area, per polygon of the caller's). The boundary of P ∩ R is P's boundary inside R plus R's boundary inside P, so
 * its area is the sum of those edges' area terms; only R's edges within P's bounding box can be inside P, and a
 * spatial index finds them. A polygon whose box no edge of R enters lies wholly inside or wholly outside R, and one
 * point decides — most change polygons are such.
 */
import Flatbush from 'flatbush';
import { TERM_TO_KM2 } from './edgeArea.ts';
import { EdgeTable } from './edgeHash.ts';
import { edgeSetOf, polygonsOf, type EdgeSet } from './edgeSet.ts';
import type { AreaGeometry } from './model.ts';
import { splitEdges } from './splitEdges.ts';
import { insideEdges, stripIndexOf, type StripIndex } from './stripIndex.ts';

interface PreparedRegion {
  set: EdgeSet;
  strips: StripIndex;
  index: Flatbush;
}

const regions = new WeakMap<AreaGeometry, PreparedRegion>();

/** A region's edges, point-in-polygon strips and edge index, built once per geometry object. */
function preparedRegion(g: AreaGeometry): PreparedRegion {
  let r = regions.get(g);
  if (r) return r;
  const set = edgeSetOf(polygonsOf(g));
  const index = new Flatbush(Math.max(1, set.n));
  for (let i = 0; i < set.n; i++) {
    const [ax, ay, bx, by] = [set.x0[i]!, set.y0[i]!, set.x1[i]!, set.y1[i]!];
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  if (set.n === 0) index.add(0, 0, 0, 0);
  index.finish();
  r = { set, strips: stripIndexOf(set), index };
  regions.set(g, r);
  return r;
}

let identity = new Int32Array(0);
/** 0, 1, …, n − 1 (shared, read-only). */
function allOf(n: number): Int32Array {
  if (identity.length < n)
    identity = Int32Array.from({ length: Math.max(n, 2 * identity.length) }, (_, i) => i);
  return identity.subarray(0, n);
}

/**
 * km² of the polygon whose edges are `poly` (src/core/edgeSet.ts) inside `region`.
 * @example overlapKm2(edgeSetOf([rings]), oblast.geometry)
 */
export function overlapKm2(poly: EdgeSet, region: AreaGeometry): number {
  const R = preparedRegion(region);
  const [pw, ps, pe, pn] = poly.box;
  const rb = R.set.box;
  if (poly.n === 0 || pe < rb[0] || pw > rb[2] || pn < rb[1] || ps > rb[3]) return 0;
  const near = R.index.search(pw, ps, pe, pn);
  if (near.length === 0 || (near.length === 1 && R.set.n === 0))
    return insideEdges(R.strips, poly.x0[0]!, poly.y0[0]!) ? poly.total * TERM_TO_KM2 : 0;

  const [pp, pr] = splitEdges(poly, allOf(poly.n), R.set, near);
  const nr = pr.x0.length;
  const taken = new Uint8Array(nr);
  const table = new EdgeTable(pr.x0, pr.y0, pr.x1, pr.y1, nr);
  let sum = 0;
  for (let i = 0; i < pp.x0.length; i++) {
    const [x0, y0, x1, y1] = [pp.x0[i]!, pp.y0[i]!, pp.x1[i]!, pp.y1[i]!];
    let j = table.find(x0, y0, x1, y1);
    if (j !== -1) {
      // Shared, same side: it bounds the intersection once.
      taken[j] = 1;
      sum += pp.term[i]!;
      continue;
    }
    j = table.find(x1, y1, x0, y0);
    if (j !== -1) {
      // Shared, opposite sides: P and R only touch along it.
      taken[j] = 1;
      continue;
    }
    if (insideEdges(R.strips, (x0 + x1) / 2, (y0 + y1) / 2)) sum += pp.term[i]!;
  }
  let strips: StripIndex | undefined;
  for (let j = 0; j < nr; j++) {
    if (taken[j]) continue;
    strips ??= stripIndexOf(poly);
    if (insideEdges(strips, (pr.x0[j]! + pr.x1[j]!) / 2, (pr.y0[j]! + pr.y1[j]!) / 2)) sum += pr.term[j]!;
  }
  return Math.max(0, sum * TERM_TO_KM2);
}
