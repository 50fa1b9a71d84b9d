/**
 * How much of a geometry lies inside each of a list of regions, from edges (the breakdowns of issue #4: gained and lost
 * per oblast, per focus area, per polygon of the caller's; the share of each oblast under each class).
 *
 * The boundary of P ∩ R is P's boundary inside R plus R's boundary inside P, so its area is the sum of those edges'
 * area terms (src/core/geometry/edgeArea.ts), and only R's edges within P's bounding box can be inside P. The regions' edges sit
 * in one uniform grid, built once per list of regions; a polygon whose box no region edge enters lies wholly inside
 * one region or outside all, and one point-in-polygon test decides — most change polygons are such.
 */
import { TERM_TO_KM2 } from './edgeArea.ts';
import { EdgeTable, PointSet } from './edgeHash.ts';
import { edgeSetOf, polygonEdgeSet, vertexSetOf, type EdgeSet } from './edgeSet.ts';
import { polygonsOf } from '../model/polygonsOf.ts';
import type { AreaGeometry } from '../model/model.ts';
import { NODE_TOLERANCE_DEG } from './orient.ts';
import { splitEdges, splitPointSet } from './splitEdges.ts';
import { insideEdges, insideEdgesPlain, stripIndexOf, type StripIndex } from './stripIndex.ts';

interface PreparedRegion {
  set: EdgeSet;
  strips: StripIndex;
  /** The region's vertices, made when first needed. */
  vertices?: PointSet;
}

/** From this many pieces (both sides) on, runs of pieces are classified by one test ({@link overlapNear}). */
const RUN_PIECES = 64;
const NO_POINTS = new PointSet(0);

/** All regions' edges in one grid: cell c holds global edge ids items[start[c] .. start[c + 1]). */
interface RegionGrid {
  geometries: readonly AreaGeometry[];
  regions: PreparedRegion[];
  /** Global edge id → region, and → edge index within that region. */
  regionOf: Int32Array;
  localOf: Int32Array;
  west: number;
  south: number;
  cols: number;
  rows: number;
  sx: number;
  sy: number;
  start: Int32Array;
  items: Int32Array;
  /** Per global edge: the query that last saw it (an edge sits in every cell its box touches). */
  stamp: Int32Array;
  query: number;
}

const preparedRegions = new WeakMap<AreaGeometry, PreparedRegion>();
const grids = new WeakMap<readonly AreaGeometry[], RegionGrid>();

function preparedRegion(g: AreaGeometry): PreparedRegion {
  let r = preparedRegions.get(g);
  if (!r) {
    const set = edgeSetOf(polygonsOf(g));
    r = { set, strips: stripIndexOf(set) };
    preparedRegions.set(g, r);
  }
  return r;
}

function buildGrid(geometries: readonly AreaGeometry[]): RegionGrid {
  const regions = geometries.map(preparedRegion);
  const total = regions.reduce((n, r) => n + r.set.n, 0);
  const regionOf = new Int32Array(total);
  const localOf = new Int32Array(total);
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  let id = 0;
  regions.forEach((r, k) => {
    for (let i = 0; i < r.set.n; i++, id++) {
      regionOf[id] = k;
      localOf[id] = i;
    }
    if (r.set.n === 0) return;
    w = Math.min(w, r.set.box[0]);
    s = Math.min(s, r.set.box[1]);
    e = Math.max(e, r.set.box[2]);
    n = Math.max(n, r.set.box[3]);
  });
  if (total === 0) [w, s, e, n] = [0, 0, 1, 1];
  // About one cell per two edges, square in degrees.
  const width = Math.max(e - w, 1e-9);
  const height = Math.max(n - s, 1e-9);
  const side = Math.sqrt((width * height) / Math.max(1, total / 2));
  const cols = Math.max(1, Math.min(4096, Math.ceil(width / side)));
  const rows = Math.max(1, Math.min(4096, Math.ceil(height / side)));
  const grid: RegionGrid = {
    geometries,
    regions,
    regionOf,
    localOf,
    west: w,
    south: s,
    cols,
    rows,
    sx: cols / width,
    sy: rows / height,
    start: new Int32Array(cols * rows + 1),
    items: new Int32Array(0),
    stamp: new Int32Array(total),
    query: 0,
  };
  const each = (visit: (cell: number, id: number) => void): void => {
    for (let g = 0; g < total; g++) {
      const set = regions[regionOf[g]!]!.set;
      const i = localOf[g]!;
      const [c0, c1] = cellRange(grid.west, grid.sx, cols, set.x0[i]!, set.x1[i]!);
      const [r0, r1] = cellRange(grid.south, grid.sy, rows, set.y0[i]!, set.y1[i]!);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) visit(r * cols + c, g);
    }
  };
  each((cell) => grid.start[cell + 1]!++);
  for (let c = 0; c < cols * rows; c++) grid.start[c + 1]! += grid.start[c]!;
  const fill = grid.start.slice(0, cols * rows);
  grid.items = new Int32Array(grid.start[cols * rows]!);
  each((cell, g) => (grid.items[fill[cell]!++] = g));
  return grid;
}

/** The first and last grid column (or row) that the span between a and b touches. */
function cellRange(origin: number, scale: number, count: number, a: number, b: number): [number, number] {
  const lo = Math.min(count - 1, Math.max(0, Math.floor((Math.min(a, b) - origin) * scale)));
  const hi = Math.min(count - 1, Math.max(0, Math.floor((Math.max(a, b) - origin) * scale)));
  return [lo, hi];
}

/** The grid for these regions, reused while the same geometries are passed in the same order. */
function gridFor(geometries: readonly AreaGeometry[], key: readonly AreaGeometry[]): RegionGrid {
  const cached = grids.get(key);
  if (
    cached &&
    cached.geometries.length === geometries.length &&
    cached.geometries.every((g, k) => g === geometries[k])
  )
    return cached;
  const grid = buildGrid(geometries);
  grids.set(key, grid);
  return grid;
}

/** Below this many edges a polygon is tested point by point against every edge rather than through strips. */
const SMALL_POLYGON = 48;

/** A polygon's strip index and vertices, made when first needed and shared by every region it is measured in. */
interface LazyStrips {
  strips?: StripIndex;
  vertices?: PointSet;
}

/**
 * km² of polygon P inside region R, given the edges of R that come near P (indices into R's edges). `own` keeps P's
 * strip index across the regions P spans (the main occupied polygon spans nine oblasts: one index, not nine).
 */
function overlapNear(P: EdgeSet, R: PreparedRegion, near: readonly number[], own: LazyStrips): number {
  const nearP = edgesInBox(P, R.set.box);
  // No edge of P comes within the noding tolerance of R's box: the box, connected, lies wholly inside P or wholly
  // outside, and so do all of R's edges in it. One point decides; the terms are summed in the order the general
  // path sums them, so the figure is the same to the last bit. (The main occupied polygon's box holds whole oblasts,
  // Crimea's among them: hundreds of point-in-polygon tests each, before.)
  if (nearP.length === 0) return wholly(P, R, near, own);
  const [pp, pr, splitsOfP, splitsOfR] = splitEdges(P, nearP, R.set, near);
  const nr = pr.x0.length;
  const taken = new Uint8Array(nr);
  const table = new EdgeTable(pr.x0, pr.y0, pr.x1, pr.y1, nr);
  // Runs of pieces take one point-in-polygon test, as in the change engine (src/core/geometry/edgeChange.ts): a
  // piece that starts where the previous one ended, at a point that is no vertex of the other side (its own or a
  // split point), lies on the previous piece's side.
  // Below a few dozen pieces the point sets cost more than the tests they save (the disagreement's ~340 small
  // polygons along the coast); `previous` then never matches.
  const runs = pp.x0.length + nr >= RUN_PIECES;
  const rVertices = runs ? (R.vertices ??= vertexSetOf(R.set)) : NO_POINTS;
  const rSplits = runs ? splitPointSet(splitsOfR) : NO_POINTS;
  let sum = 0;
  let previous = -1;
  let wasInside = false;
  for (let i = 0; i < pp.x0.length; i++) {
    const x0 = pp.x0[i]!;
    const y0 = pp.y0[i]!;
    const x1 = pp.x1[i]!;
    const y1 = pp.y1[i]!;
    // A piece can only coincide with one of R's (either way round) when it starts on R's boundary: at one of R's
    // vertices or split points, where R's pieces start and end.
    const onR = !runs || rVertices.has(x0, y0) || rSplits.has(x0, y0);
    let j = onR ? table.find(x0, y0, x1, y1) : -1;
    if (j !== -1) {
      // Shared, interior on the same side: it bounds the intersection once.
      taken[j] = 1;
      sum += pp.term[i]!;
      continue;
    }
    j = onR ? table.find(x1, y1, x0, y0) : -1;
    if (j !== -1) {
      // Shared, interiors on opposite sides: P and R only touch along it.
      taken[j] = 1;
      continue;
    }
    const inside: boolean =
      runs && !onR && previous === i - 1 && pp.x1[previous] === x0 && pp.y1[previous] === y0
        ? wasInside
        : insideEdges(R.strips, (x0 + x1) / 2, (y0 + y1) / 2);
    if (inside) sum += pp.term[i]!;
    previous = i;
    wasInside = inside;
  }
  const pVertices = runs ? (own.vertices ??= vertexSetOf(P)) : NO_POINTS;
  const pSplits = runs ? splitPointSet(splitsOfP) : NO_POINTS;
  previous = -1;
  for (let j = 0; j < nr; j++) {
    if (taken[j]) continue;
    const x0 = pr.x0[j]!;
    const y0 = pr.y0[j]!;
    let inside: boolean;
    if (
      runs &&
      previous === j - 1 &&
      pr.x1[previous] === x0 &&
      pr.y1[previous] === y0 &&
      !pVertices.has(x0, y0) &&
      !pSplits.has(x0, y0)
    )
      inside = wasInside;
    else {
      const mx = (x0 + pr.x1[j]!) / 2;
      const my = (y0 + pr.y1[j]!) / 2;
      if (P.n < SMALL_POLYGON) inside = insideEdgesPlain(P, mx, my);
      else inside = insideEdges((own.strips ??= stripIndexOf(P)), mx, my);
    }
    if (inside) sum += pr.term[j]!;
    previous = j;
    wasInside = inside;
  }
  return Math.max(0, sum * TERM_TO_KM2);
}

/** {@link overlapNear} when no edge of P comes near R's box: all of R's `near` edges are inside P, or none. */
function wholly(P: EdgeSet, R: PreparedRegion, near: readonly number[], own: LazyStrips): number {
  const { x0, y0, x1, y1, term } = R.set;
  const e = near[0]!;
  const mx = (x0[e]! + x1[e]!) / 2;
  const my = (y0[e]! + y1[e]!) / 2;
  const inside =
    P.n < SMALL_POLYGON ? insideEdgesPlain(P, mx, my) : insideEdges((own.strips ??= stripIndexOf(P)), mx, my);
  if (!inside) return 0;
  let sum = 0;
  for (const i of near) sum += term[i]!;
  return Math.max(0, sum * TERM_TO_KM2);
}

let inBox = new Int32Array(0);
/**
 * The edges of P whose box meets `box` grown by the noding tolerance (one shared array, valid until the next call).
 * Why: an edge of P outside R's box is outside R, so it bounds no part of P ∩ R and cannot split an edge of R (the
 * splitting reaches NODE_TOLERANCE_DEG at most). A polygon spanning several oblasts (the main occupied polygon spans
 * nine) was split and classified in full against each of them; now only its stretch near each one is.
 */
function edgesInBox(P: EdgeSet, box: readonly number[]): Int32Array {
  if (inBox.length < P.n) inBox = new Int32Array(Math.max(P.n, 2 * inBox.length));
  const T = NODE_TOLERANCE_DEG;
  const [w, s, e, n] = [box[0]! - T, box[1]! - T, box[2]! + T, box[3]! + T];
  let k = 0;
  for (let i = 0; i < P.n; i++) {
    const ax = P.x0[i]!;
    const bx = P.x1[i]!;
    const ay = P.y0[i]!;
    const by = P.y1[i]!;
    if ((ax < w && bx < w) || (ax > e && bx > e) || (ay < s && by < s) || (ay > n && by > n)) continue;
    inBox[k++] = i;
  }
  return inBox.subarray(0, k);
}

/**
 * km² of `geometry` inside each region, in the regions' order. Pass the same array of regions again to reuse its
 * grid (the CLI, the worker and the history do).
 * @example areaByRegion(change.gained, oblasts.map((o) => o.geometry))
 */
export function areaByRegion(geometry: AreaGeometry | null, regions: readonly AreaGeometry[]): number[] {
  return areaByRegionKeyed(polygonsOf(geometry).map(polygonEdgeSet), regions, regions);
}

/**
 * km² of the polygons (as edge sets) inside each region, with the regions' grid cached under `key` (an array the
 * caller keeps, e.g. its list of features).
 * @example areaByRegionKeyed(polygonsOf(g).map(polygonEdgeSet), oblasts.map((o) => o.geometry), oblasts)
 */
export function areaByRegionKeyed(
  polygons: readonly EdgeSet[],
  regions: readonly AreaGeometry[],
  key: readonly unknown[],
): number[] {
  const out = regions.map(() => 0);
  if (polygons.length === 0 || regions.length === 0) return out;
  const grid = gridFor(regions, key as readonly AreaGeometry[]);
  const near: number[][] = regions.map(() => []);
  for (const P of polygons) {
    if (P.n === 0) continue;
    const [pw, ps, pe, pn] = P.box;
    const q = ++grid.query;
    const [c0, c1] = cellRange(grid.west, grid.sx, grid.cols, pw, pe);
    const [r0, r1] = cellRange(grid.south, grid.sy, grid.rows, ps, pn);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * grid.cols + c;
        for (let t = grid.start[cell]!, end = grid.start[cell + 1]!; t < end; t++) {
          const g = grid.items[t]!;
          if (grid.stamp[g] === q) continue;
          grid.stamp[g] = q;
          const k = grid.regionOf[g]!;
          const i = grid.localOf[g]!;
          const set = grid.regions[k]!.set;
          const [ax, ay, bx, by] = [set.x0[i]!, set.y0[i]!, set.x1[i]!, set.y1[i]!];
          if (
            Math.max(ax, bx) < pw ||
            Math.min(ax, bx) > pe ||
            Math.max(ay, by) < ps ||
            Math.min(ay, by) > pn
          )
            continue;
          near[k]!.push(i);
        }
      }
    }
    const areaKm2 = P.total * TERM_TO_KM2;
    const own: LazyStrips = {};
    for (let k = 0; k < regions.length; k++) {
      const R = grid.regions[k]!;
      const b = R.set.box;
      if (R.set.n === 0 || pe < b[0] || pw > b[2] || pn < b[1] || ps > b[3]) continue;
      const list = near[k]!;
      if (list.length > 0) {
        out[k]! += overlapNear(P, R, list, own);
        list.length = 0;
      } else if (insideEdges(R.strips, P.x0[0]!, P.y0[0]!)) out[k]! += areaKm2;
    }
  }
  return out;
}
