/**
 * Polygons as flat arrays of directed boundary edges with the interior on their left (outer rings counter-clockwise,
 * holes clockwise, whatever the input's winding), each with its area term (src/core/geometry/edgeArea.ts). The form the change
 * engine works on: edges can be cancelled, split, classified and summed without ever building polygons.
 */
import type { Position } from 'geojson';
import { edgeTerm, qOfLat } from './edgeArea.ts';
import { PointSet } from './edgeHash.ts';

export interface EdgeSet {
  /** Number of edges. */
  n: number;
  x0: Float64Array;
  y0: Float64Array;
  x1: Float64Array;
  y1: Float64Array;
  /** Area term of each edge ({@link edgeTerm}); their sum × TERM_TO_KM2 is the area in km². */
  term: Float64Array;
  /** Bounding box of all edges: [west, south, east, north]. */
  box: [number, number, number, number];
  /** Sum of all terms. */
  total: number;
  /** Where each ring starts among the edges, when the set was made from rings ({@link edgeSetOf}). */
  ringStarts?: number[];
  /**
   * Whether {@link edgeSetOf} turned a ring round (wound the other way than the interior-left rule): its edges' terms
   * are then the negated terms of the edges as drawn, equal to their own terms only up to rounding.
   */
  rewound?: boolean;
}

/**
 * Coordinates are rounded to 1e-9° (0.1 mm) first: the same vertex written twice by a source often differs in its last
 * bit (48.1465936 and 48.14659360000001 in consecutive archive days), and an overlay must see such vertices as one —
 * otherwise two edges a 1e-14° sliver apart are classified against each other by chance. The area changes by far less
 * than 1e-9 of itself.
 */
const SNAP = 1e9;
const snap = (v: number): number => Math.round(v * SNAP) / SNAP;

/**
 * The directed edges of `polygons`, interior on the left, with coordinates snapped to 1e-9°. Repeated consecutive
 * positions are skipped; a ring's winding is read from its own area terms, so no second pass is needed.
 * @example edgeSetOf(polygonsOf(geometry)).total * TERM_TO_KM2 // = areaKm2(geometry)
 */
export function edgeSetOf(polygons: readonly (readonly (readonly Position[])[])[]): EdgeSet {
  let cap = 0;
  for (const rings of polygons) for (const ring of rings) cap += Math.max(0, ring.length - 1);
  const x0 = new Float64Array(cap);
  const y0 = new Float64Array(cap);
  const x1 = new Float64Array(cap);
  const y1 = new Float64Array(cap);
  const term = new Float64Array(cap);
  let n = 0;
  let total = 0;
  const ringStarts: number[] = [];
  let rewound = false;
  let [w, s, e, no] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) {
    for (let r = 0; r < rings.length; r++) {
      const ring = rings[r]!;
      if (ring.length < 4) continue;
      const start = n;
      let sum = 0;
      let px = snap(ring[0]![0]!);
      let py = snap(ring[0]![1]!);
      let pq = qOfLat(py);
      for (let i = 1; i < ring.length; i++) {
        const x = snap(ring[i]![0]!);
        const y = snap(ring[i]![1]!);
        if (x === px && y === py) continue;
        const qq = y === py ? pq : qOfLat(y);
        const t = edgeTerm(px, py, x, y, pq, qq);
        x0[n] = px;
        y0[n] = py;
        x1[n] = x;
        y1[n] = y;
        term[n] = t;
        sum += t;
        n++;
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > no) no = y;
        px = x;
        py = y;
        pq = qq;
      }
      // Outer rings must enclose positive area, holes negative: otherwise reverse the ring's edges.
      if (r === 0 ? sum < 0 : sum > 0) {
        rewound = true;
        for (let i = start, j = n - 1; i <= j; i++, j--) {
          const [ax0, ay0, ax1, ay1, at] = [x0[i]!, y0[i]!, x1[i]!, y1[i]!, term[i]!];
          x0[i] = x1[j]!;
          y0[i] = y1[j]!;
          x1[i] = x0[j]!;
          y1[i] = y0[j]!;
          term[i] = -term[j]!;
          x0[j] = ax1;
          y0[j] = ay1;
          x1[j] = ax0;
          y1[j] = ay0;
          term[j] = -at;
        }
        sum = -sum;
      }
      total += sum;
      if (n > start) ringStarts.push(start);
    }
  }
  return {
    n,
    x0: x0.subarray(0, n),
    y0: y0.subarray(0, n),
    x1: x1.subarray(0, n),
    y1: y1.subarray(0, n),
    term: term.subarray(0, n),
    box: [w, s, e, no],
    total,
    ringStarts,
    rewound,
  };
}

/** Polygons' edges by their ring arrays: the change engine's output polygons come with theirs. */
const polygonEdges = new WeakMap<readonly (readonly Position[])[], EdgeSet>();

/**
 * The edges of one polygon (rings as in GeoJSON), cached by the rings array: reused when the change engine made the
 * polygon (it knows its edges and their area terms already), built otherwise. The rings must not be mutated.
 * @example polygonEdgeSet(change.gained.coordinates[0]).total
 */
export function polygonEdgeSet(rings: readonly (readonly Position[])[]): EdgeSet {
  let set = polygonEdges.get(rings);
  if (!set) {
    set = edgeSetOf([rings]);
    polygonEdges.set(rings, set);
  }
  return set;
}

/** Records the edges of a polygon made from them (see {@link polygonEdgeSet}). */
export function rememberPolygonEdges(rings: readonly (readonly Position[])[], set: EdgeSet): void {
  polygonEdges.set(rings, set);
}

/**
 * {@link edgeSetOf} of polygons given as their directed edges, ring after ring (the change engine's linked output,
 * src/core/geometry/linkRings.ts): the very same set, to the last bit, without reading GeoJSON positions and without
 * recomputing an area term that cannot change. An edge keeps its term when snapping to the 1e-9° grid moves neither
 * end and `termAsDrawn(k, i)` says it was computed for edge i of polygon k as it runs (not as the negation of the
 * edge the other way round, which equals it only up to rounding).
 * Why: a clip to the land is compared next (src/core/report/compareAssessments.ts); its edges are known already.
 * @example edgeSetOfLinked(linked, () => true).total * TERM_TO_KM2
 */
export function edgeSetOfLinked(
  polygons: readonly { edges: EdgeSet; ringStarts: readonly number[] }[],
  termAsDrawn: (k: number, i: number) => boolean,
): EdgeSet {
  let cap = 0;
  for (const p of polygons) cap += p.edges.n;
  const x0 = new Float64Array(cap);
  const y0 = new Float64Array(cap);
  const x1 = new Float64Array(cap);
  const y1 = new Float64Array(cap);
  const term = new Float64Array(cap);
  let n = 0;
  let total = 0;
  const ringStarts: number[] = [];
  let rewound = false;
  let [w, s, e, no] = [Infinity, Infinity, -Infinity, -Infinity];
  polygons.forEach((p, k) => {
    const E = p.edges;
    for (let r = 0; r < p.ringStarts.length; r++) {
      const from = p.ringStarts[r]!;
      const to = r + 1 < p.ringStarts.length ? p.ringStarts[r + 1]! : E.n;
      // edgeSetOf skips rings of fewer than 4 positions (3 edges).
      if (to - from < 3) continue;
      const start = n;
      let sum = 0;
      let px = snap(E.x0[from]!);
      let py = snap(E.y0[from]!);
      // qOfLat(py), computed only when a term is (the same value edgeSetOf carries along).
      let pq = NaN;
      for (let i = from; i < to; i++) {
        const x = snap(E.x1[i]!);
        const y = snap(E.y1[i]!);
        if (x === px && y === py) continue;
        let t: number;
        let qq = NaN;
        if (px === E.x0[i] && py === E.y0[i] && x === E.x1[i] && y === E.y1[i] && termAsDrawn(k, i))
          t = E.term[i]!;
        else {
          if (Number.isNaN(pq)) pq = qOfLat(py);
          qq = y === py ? pq : qOfLat(y);
          t = edgeTerm(px, py, x, y, pq, qq);
        }
        x0[n] = px;
        y0[n] = py;
        x1[n] = x;
        y1[n] = y;
        term[n] = t;
        sum += t;
        n++;
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > no) no = y;
        px = x;
        py = y;
        pq = qq;
      }
      if (r === 0 ? sum < 0 : sum > 0) {
        rewound = true;
        for (let i = start, j = n - 1; i <= j; i++, j--) {
          const [ax0, ay0, ax1, ay1, at] = [x0[i]!, y0[i]!, x1[i]!, y1[i]!, term[i]!];
          x0[i] = x1[j]!;
          y0[i] = y1[j]!;
          x1[i] = x0[j]!;
          y1[i] = y0[j]!;
          term[i] = -term[j]!;
          x0[j] = ax1;
          y0[j] = ay1;
          x1[j] = ax0;
          y1[j] = ay0;
          term[j] = -at;
        }
        sum = -sum;
      }
      total += sum;
      if (n > start) ringStarts.push(start);
    }
  });
  return {
    n,
    x0: x0.subarray(0, n),
    y0: y0.subarray(0, n),
    x1: x1.subarray(0, n),
    y1: y1.subarray(0, n),
    term: term.subarray(0, n),
    box: [w, s, e, no],
    total,
    ringStarts,
    rewound,
  };
}

/**
 * The vertices of a set of edges (every vertex starts an edge), for the runs of pieces of the change engine and of
 * the per-region split: the side of a run can only change at the other boundary's vertices and split points.
 * @example vertexSetOf(set).has(37.1, 48.2)
 */
export function vertexSetOf(set: EdgeSet): PointSet {
  const out = new PointSet(set.n);
  for (let i = 0; i < set.n; i++) out.add(set.x0[i]!, set.y0[i]!);
  return out;
}
