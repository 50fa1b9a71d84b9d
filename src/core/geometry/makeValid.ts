/**
 * Make-valid before the change engine (issue #13), by one stated rule:
 *
 * - **A self-crossing polygon is repaired**: its rings are noded (split wherever they cross or touch, with the same
 *   robust snap-rounding noder as the engine, src/core/geometry/splitEdges.ts) and re-polygonised by the even–odd rule — a
 *   point is inside when a ray from it crosses the polygon's rings an odd number of times — which is what GEOS's
 *   `MakeValid` (linework method) does: a bowtie becomes its two triangles, a spike or a ring run twice disappears.
 *   validateGeoJson (src/core/io/validateGeoJson.ts) does this and says where, in a warning.
 * - **Parts of one feature are united** (overlapping or repeated parts of a MultiPolygon, parts sharing a border) by
 *   the same edge union that unites a class's features (src/core/geometry/unionEdges.ts).
 *
 * The engine counts on its input's boundary having the interior on exactly one side (winding 0 or 1 everywhere);
 * what this module returns has that property. Valid geometries (all of DeepState's) pass through unchanged after
 * one sweep for crossings: no copy, no union.
 */
import type { Position } from 'geojson';
import { featureCollection, union } from '@turf/turf';
import { EdgeTable } from './edgeHash.ts';
import { edgeSetOf, type EdgeSet } from './edgeSet.ts';
import { polygonsOf } from '../model/polygonsOf.ts';
import { findCrossings } from './findCrossings.ts';
import { linkRings, ringsOf } from './linkRings.ts';
import type { AreaGeometry } from '../model/model.ts';
import { NODE_TOLERANCE_DEG, orient } from './orient.ts';
import { rayCrosses } from './pointInPolygon.ts';
import { pairs, piecesOf, type Pieces, type Splits } from './splitEdges.ts';
import { preparedEdges } from './edgeChange.ts';
import { stripIndexOf, type StripIndex } from './stripIndex.ts';
import { unionEdges } from './unionEdges.ts';

/** Geometries known to be valid: made here, or checked here and found so. */
const known = new WeakSet<object>();
const made = new WeakMap<object, AreaGeometry | null>();

/**
 * Marks a geometry as valid (the engine's own outputs: unions, gained and lost polygons), so that makeValid passes it
 * through without a sweep. The geometry must not be mutated afterwards.
 */
export function markValid<T extends AreaGeometry | null>(g: T): T {
  if (g) known.add(g);
  return g;
}

function indices(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Pieces as an edge set (for the strip index). */
function asEdgeSet(p: Pieces): EdgeSet {
  const n = p.x0.length;
  let [w, s, e, no] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    w = Math.min(w, p.x0[i]!, p.x1[i]!);
    e = Math.max(e, p.x0[i]!, p.x1[i]!);
    s = Math.min(s, p.y0[i]!, p.y1[i]!);
    no = Math.max(no, p.y0[i]!, p.y1[i]!);
  }
  return {
    n,
    x0: Float64Array.from(p.x0),
    y0: Float64Array.from(p.y0),
    x1: Float64Array.from(p.x1),
    y1: Float64Array.from(p.y1),
    term: Float64Array.from(p.term),
    box: [w, s, e, no],
    total: 0,
  };
}

/**
 * Whether the ray from (mx, my) towards +x, at height my + 0⁺ (`above`) or my − 0⁺, crosses edge i of `set`: the
 * point-in-polygon's own crossing rule (pointInPolygon.ts). The edge must not pass through (mx, my) (after noding,
 * only pieces that coincide with the one (mx, my) is the middle of could, and those are counted apart).
 */
const crossesRay = (set: EdgeSet, i: number, mx: number, my: number, above: boolean): boolean =>
  rayCrosses(set.x0[i]!, set.y0[i]!, set.x1[i]!, set.y1[i]!, mx, my, above);

const stripAt = (ix: StripIndex, y: number): number =>
  Math.min(ix.strips - 1, Math.max(0, Math.floor((y - ix.south) * ix.scale)));

/**
 * Whether the points just left and just right of the middle of edge k of `ix.set` are inside by the even–odd rule,
 * counting every edge except those `skip` names, and edge k itself `t` times (it and its copies). Exact: the rays
 * are decided by `orient`, the offsets are infinitesimal (symbolic), so no epsilon picks a side.
 */
function sidesOf(ix: StripIndex, k: number, skip: (e: number) => boolean, t: number): [boolean, boolean] {
  const { x0, y0, x1, y1 } = ix.set;
  const dx = x1[k]! - x0[k]!;
  const dy = y1[k]! - y0[k]!;
  const mx = (x0[k]! + x1[k]!) / 2;
  const my = (y0[k]! + y1[k]!) / 2;
  // Crossings of the rays from just above and just below the middle (just west and east for a vertical edge).
  let above = 0;
  let below = 0;
  const strip = stripAt(ix, my);
  for (let j = ix.start[strip]!, end = ix.start[strip + 1]!; j < end; j++) {
    const e = ix.items[j]!;
    if (skip(e)) continue;
    if (crossesRay(ix.set, e, mx, my, true)) above++;
    if (dx !== 0 && crossesRay(ix.set, e, mx, my, false)) below++;
  }
  if (dx === 0) {
    // West of the edge the ray also crosses it and its copies.
    const west = (above + t) % 2 === 1;
    const east = above % 2 === 1;
    return dy > 0 ? [west, east] : [east, west];
  }
  // A ray just above the middle crosses the edge (and its copies) east of the middle when it rises eastward; just
  // below, when it falls.
  if (dx * dy > 0) above += t;
  if (dx * dy < 0) below += t;
  const up = above % 2 === 1;
  const down = below % 2 === 1;
  return dx > 0 ? [up, down] : [down, up];
}

/**
 * Whether edges i and j of `set` meet at most at a shared end point: no crossing, no overlap, and no vertex of one
 * within the noder's tolerance ({@link NODE_TOLERANCE_DEG}) of the inside of the other (a T-junction, exact or
 * written in decimals), which the engine would split.
 */
function meetOnlyAtEnds(set: EdgeSet, i: number, j: number): boolean {
  const ax = set.x0[i]!;
  const ay = set.y0[i]!;
  const bx = set.x1[i]!;
  const by = set.y1[i]!;
  const cx = set.x0[j]!;
  const cy = set.y0[j]!;
  const dx = set.x1[j]!;
  const dy = set.y1[j]!;
  // Neighbours along a ring (the usual case): they share a vertex, and only a spike (doubling back) is wrong there.
  if (bx === cx && by === cy && !(ax === dx && ay === dy)) return !spike(ax, ay, bx, by, dx, dy);
  if (dx === ax && dy === ay && !(cx === bx && cy === by)) return !spike(cx, cy, ax, ay, bx, by);
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  // |orient| ≤ length × tolerance: the vertex is within the tolerance of the other edge's line (squared, no root).
  const t2 = NODE_TOLERANCE_DEG * NODE_TOLERANCE_DEG;
  const nearJ = ((dx - cx) * (dx - cx) + (dy - cy) * (dy - cy)) * t2;
  const nearI = ((bx - ax) * (bx - ax) + (by - ay) * (by - ay)) * t2;
  const aNear = d1 * d1 <= nearJ;
  const bNear = d2 * d2 <= nearJ;
  const cNear = d3 * d3 <= nearI;
  const dNear = d4 * d4 <= nearI;
  if (!aNear && !bNear && !cNear && !dNear) return d1 > 0 === d2 > 0 || d3 > 0 === d4 > 0;
  // The same edge twice, either way round.
  if (
    (ax === cx && ay === cy && bx === dx && by === dy) ||
    (ax === dx && ay === dy && bx === cx && by === cy)
  )
    return false;
  return !(
    (aNear && strictlyBetween(cx, cy, dx, dy, ax, ay)) ||
    (bNear && strictlyBetween(cx, cy, dx, dy, bx, by)) ||
    (cNear && strictlyBetween(ax, ay, bx, by, cx, cy)) ||
    (dNear && strictlyBetween(ax, ay, bx, by, dx, dy))
  );
}

/** Whether (rx, ry), near the line p→q, lies strictly between p and q (along the longer axis). */
function strictlyBetween(px: number, py: number, qx: number, qy: number, rx: number, ry: number): boolean {
  return Math.abs(qx - px) >= Math.abs(qy - py)
    ? Math.min(px, qx) < rx && rx < Math.max(px, qx)
    : Math.min(py, qy) < ry && ry < Math.max(py, qy);
}

/**
 * Whether the path p → q → r doubles back at q: r within the tolerance of p→q and between its ends, or p of q→r
 * (a spike, exact or written in decimals).
 */
function spike(px: number, py: number, qx: number, qy: number, rx: number, ry: number): boolean {
  const t2 = NODE_TOLERANCE_DEG * NODE_TOLERANCE_DEG;
  const o = orient(px, py, qx, qy, rx, ry);
  // The same determinant serves both lines (twice the triangle's area); only the length differs.
  return (
    (o * o <= ((qx - px) * (qx - px) + (qy - py) * (qy - py)) * t2 &&
      strictlyBetween(px, py, qx, qy, rx, ry)) ||
    (o * o <= ((rx - qx) * (rx - qx) + (ry - qy) * (ry - qy)) * t2 && strictlyBetween(qx, qy, rx, ry, px, py))
  );
}

/**
 * The quick test that lets valid geometries through untouched, on the edges the engine prepares anyway: no two edges
 * cross, overlap or meet at a T-junction (pairs tested within the strips of the point-in-polygon index, each pair
 * once), and just right of every ring lies outside (so no part lies inside another, nor a ring inside out).
 */
function looksValid(g: AreaGeometry): boolean {
  const { set, strips: ix } = preparedEdges(g);
  const { x0, y0, x1, y1 } = set;
  for (let k = 0; k < ix.strips; k++) {
    const end = ix.start[k + 1]!;
    for (let p = ix.start[k]!; p < end; p++) {
      const i = ix.items[p]!;
      const iw = Math.min(x0[i]!, x1[i]!);
      const ie = Math.max(x0[i]!, x1[i]!);
      const is = Math.min(y0[i]!, y1[i]!);
      const iN = Math.max(y0[i]!, y1[i]!);
      for (let q = p + 1; q < end; q++) {
        const j = ix.items[q]!;
        const js = Math.min(y0[j]!, y1[j]!);
        if (Math.max(x0[j]!, x1[j]!) < iw || Math.min(x0[j]!, x1[j]!) > ie || js > iN) continue;
        if (Math.max(y0[j]!, y1[j]!) < is) continue;
        // Each pair once: in the strip of the south end of their common y-range.
        if (stripAt(ix, Math.max(is, js)) !== k) continue;
        if (!meetOnlyAtEnds(set, i, j)) return false;
      }
    }
  }
  for (const start of set.ringStarts ?? []) if (sidesOf(ix, start, (e) => e === start, 1)[1]) return false;
  return true;
}

/**
 * The even–odd repair of one polygon: its rings noded against each other and re-polygonised (see the module
 * comment). Null when the noded pieces do not link into rings — then the polygon is rejected (validate says so).
 * @example repairPolygon(bowtieRings) // two triangles
 */
export function repairPolygon(rings: readonly (readonly Position[])[]): Position[][][] | null {
  const set = edgeSetOf([rings]);
  if (set.n === 0) return [];
  const all = indices(set.n);
  const splits: Splits = new Map();
  pairs(set, all, set, all, splits, splits, true);
  const pieces = piecesOf(set, all, splits);
  const n = pieces.x0.length;
  const { x0, y0, x1, y1, term } = pieces;
  // Pieces that coincide (either direction) count together: the first of them stands for all.
  const table = new EdgeTable(x0, y0, x1, y1, n);
  const copies = new Int32Array(n);
  const first = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const f = table.find(x0[k]!, y0[k]!, x1[k]!, y1[k]!);
    const r = table.find(x1[k]!, y1[k]!, x0[k]!, y0[k]!);
    first[k] = r === -1 ? f : Math.min(f, r);
    copies[first[k]!]!++;
  }
  const edges = asEdgeSet(pieces);
  const strips: StripIndex = stripIndexOf(edges);
  const kept: Pieces = { x0: [], y0: [], x1: [], y1: [], term: [] };
  for (let k = 0; k < n; k++) {
    if (first[k] !== k) continue;
    const [leftIn, rightIn] = sidesOf(strips, k, (e) => first[e] === k, copies[k]!);
    if (leftIn === rightIn) continue;
    const forward = leftIn;
    kept.x0.push(forward ? x0[k]! : x1[k]!);
    kept.y0.push(forward ? y0[k]! : y1[k]!);
    kept.x1.push(forward ? x1[k]! : x0[k]!);
    kept.y1.push(forward ? y1[k]! : y0[k]!);
    kept.term.push(forward ? term[k]! : -term[k]!);
  }
  const polygons = linkRings(kept);
  return polygons && polygons.map(ringsOf);
}

/**
 * `g` made valid by the rule in the module comment: the same object when it already is (the usual case), a new
 * geometry otherwise; null when nothing is left. Cached by object.
 * @example changeBetween(makeValid(a), makeValid(b))
 */
export function makeValid(g: AreaGeometry | null): AreaGeometry | null {
  if (!g || known.has(g)) return g;
  const cached = made.get(g);
  if (cached !== undefined) return cached;
  if (looksValid(g)) return markValid(g);
  const result = validOf(g);
  made.set(g, result);
  return markValid(result);
}

function validOf(g: AreaGeometry): AreaGeometry | null {
  const polygons = polygonsOf(g);
  const rings: Position[][] = [];
  const polygonOf: number[] = [];
  polygons.forEach((p, k) => {
    for (const r of p) {
      rings.push(r);
      polygonOf.push(k);
    }
  });
  const { count, first } = findCrossings(rings, Infinity);
  const broken = new Set<number>();
  for (const c of count > 0 ? first : []) {
    const [p, q] = [polygonOf[c.rings[0]]!, polygonOf[c.rings[1]]!];
    if (p === q) broken.add(p);
  }
  const parts: Position[][][] = [];
  polygons.forEach((p, k) => {
    if (!broken.has(k)) parts.push(p);
    // A polygon that cannot be repaired is left out: validateGeoJson rejects such files before they get here.
    else parts.push(...(repairPolygon(p) ?? []));
  });
  if (parts.length === 0) return null;
  // The quick test failed: several parts are united whatever the reason (they may cross, overlap, nest, touch along
  // a border or come within the noder's tolerance of each other), by the noder that snaps.
  if (parts.length === 1) return broken.size === 0 ? g : { type: 'Polygon', coordinates: parts[0]! };
  const asPolygons = parts.map((coordinates): AreaGeometry => ({ type: 'Polygon', coordinates }));
  const united = unionEdges(asPolygons);
  if (united !== undefined) return united;
  return (
    (union(
      featureCollection(
        asPolygons.map((geometry) => ({ type: 'Feature' as const, geometry, properties: {} })),
      ),
    )?.geometry as AreaGeometry | undefined) ?? null
  );
}
