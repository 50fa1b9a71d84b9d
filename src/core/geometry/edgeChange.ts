/**
 * The change engine (issue #4): gained and lost territory between two geometries, from their boundary edges.
 *
 * Why it works: the boundary of B ∖ A is made of B's boundary outside A and A's boundary inside B (reversed), and
 * symmetrically for A ∖ B; a directed edge both geometries share, with the interior on the same side, bounds neither.
 * So: (1) cancel the shared edges with a hash lookup — 99% of the boundary for consecutive days, ~40% three months
 * apart; (2) split the remaining edges of A and B where they cross (a sweep over x); (3) classify each piece as
 * inside or outside the other geometry (a point-in-polygon test in a strip index); (4) sum the pieces' area terms
 * (Green's theorem on the ellipsoid, src/core/geometry/edgeArea.ts) — the areas need no polygons at all — and (5) link the
 * pieces into the gained and lost polygons for the map and the exports.
 *
 * Floating-point splitting is not exact; when the pieces fail to close into rings (every vertex must have as many
 * edges in as out), the caller falls back to the slower overlay, so a result is never a broken polygon. The
 * property tests and the real-data tests compare this engine with Turf's overlay and with GEOS.
 */
import { TERM_TO_KM2 } from './edgeArea.ts';
import { EdgeTable, PointSet } from './edgeHash.ts';
import { edgeSetOf, edgeSetOfLinked, rememberPolygonEdges, vertexSetOf, type EdgeSet } from './edgeSet.ts';
import { polygonsOf } from '../model/polygonsOf.ts';
import { linkRings, ringsOf, type LinkedPolygon } from './linkRings.ts';
import type { AreaGeometry } from '../model/model.ts';
import { splitEdges, splitPointSet, type Pieces } from './splitEdges.ts';
import { insideEdges, stripIndexOf, type StripIndex } from './stripIndex.ts';
import { NODE_TOLERANCE_DEG } from './orient.ts';

/** A geometry's edges with the lookups built on them, made once per geometry object. */
export interface Prepared {
  set: EdgeSet;
  table: EdgeTable;
  strips: StripIndex;
  /** The boundary's vertices, made when first needed (see {@link edgeChange}'s classification). */
  vertices?: PointSet;
}

const verticesOf = (P: Prepared): PointSet => (P.vertices ??= vertexSetOf(P.set));

const preparedCache = new WeakMap<AreaGeometry, Prepared>();
const EMPTY: Prepared = prepare(null);

function prepare(g: AreaGeometry | null): Prepared {
  return preparedSet(edgeSetOf(polygonsOf(g)));
}

function preparedSet(set: EdgeSet): Prepared {
  return { set, table: new EdgeTable(set.x0, set.y0, set.x1, set.y1, set.n), strips: stripIndexOf(set) };
}

/**
 * A geometry's prepared edges, cached by object: a history over consecutive days prepares each snapshot once. The
 * geometry must not be mutated afterwards (the core never mutates its inputs). src/core/geometry/makeValid.ts checks validity
 * on the same edges.
 * @example preparedEdges(g).strips
 */
export function preparedEdges(g: AreaGeometry | null): Prepared {
  return prepared(g);
}

function prepared(g: AreaGeometry | null): Prepared {
  if (!g) return EMPTY;
  let p = preparedCache.get(g);
  if (!p) {
    p = prepare(g);
    preparedCache.set(g, p);
  }
  return p;
}

export interface EdgeChange {
  areaFromKm2: number;
  areaToKm2: number;
  gainedKm2: number;
  lostKm2: number;
  netKm2: number;
  /** Built on first read (the figures never need the coordinates). */
  readonly gained: AreaGeometry | null;
  readonly lost: AreaGeometry | null;
}

/** The gained and lost polygons' edges of a change this engine made: breakdowns by region use them directly. */
const changeEdges = new WeakMap<object, { gained: EdgeSet[]; lost: EdgeSet[] }>();

/**
 * The edges of a change's gained and lost polygons when this engine made it (undefined otherwise).
 * @example changeEdgeSets(change)?.gained.length
 */
export function changeEdgeSets(change: object): { gained: EdgeSet[]; lost: EdgeSet[] } | undefined {
  return changeEdges.get(change);
}

const pushEdge = (out: Pieces, x0: number, y0: number, x1: number, y1: number, term: number): void => {
  out.x0.push(x0);
  out.y0.push(y0);
  out.x1.push(x1);
  out.y1.push(y1);
  out.term.push(term);
};

const measure = (polygons: readonly LinkedPolygon[]): number => {
  let s = 0;
  for (const p of polygons) s += p.edges.total;
  return Math.max(0, s * TERM_TO_KM2);
};

function asGeometry(polygons: readonly LinkedPolygon[]): AreaGeometry | null {
  if (polygons.length === 0) return null;
  const coordinates = polygons.map((p) => {
    const rings = ringsOf(p);
    rememberPolygonEdges(rings, p.edges);
    return rings;
  });
  return { type: 'MultiPolygon', coordinates };
}

/** A change whose polygons become GeoJSON when first read, once. */
function lazyChange(
  figures: Omit<EdgeChange, 'gained' | 'lost'>,
  gainedPolygons: readonly LinkedPolygon[],
  lostPolygons: readonly LinkedPolygon[],
): EdgeChange {
  let gained: AreaGeometry | null | undefined;
  let lost: AreaGeometry | null | undefined;
  const change: EdgeChange = {
    ...figures,
    get gained() {
      return gained === undefined ? (gained = asGeometry(gainedPolygons)) : gained;
    },
    get lost() {
      return lost === undefined ? (lost = asGeometry(lostPolygons)) : lost;
    },
  };
  changeEdges.set(change, {
    gained: gainedPolygons.map((p) => p.edges),
    lost: lostPolygons.map((p) => p.edges),
  });
  return change;
}

/**
 * Gained (in `b`, not in `a`) and lost (in `a`, not in `b`) territory with their areas in km², or null when the
 * pieces did not link into rings (see the module comment: the caller then uses the overlay).
 * @example edgeChange(occupied0815, occupied1120)?.gainedKm2
 */
export function edgeChange(a: AreaGeometry | null, b: AreaGeometry | null): EdgeChange | null {
  const c = classified(a, b);
  // (4) Areas from the edges; (5) polygons.
  const gainedPolygons = linkRings(c.gained);
  const lostPolygons = linkRings(c.lost);
  if (!gainedPolygons || !lostPolygons) return null;
  // Measured on the linked polygons, so the figures are exactly those of the polygons exported (linking drops only
  // rounding slivers under 1 m²).
  return lazyChange(
    { ...c.figures, gainedKm2: measure(gainedPolygons), lostKm2: measure(lostPolygons) },
    gainedPolygons,
    lostPolygons,
  );
}

/** What B ∖ A and A ∖ B are made of, before linking: {@link edgeChange}'s steps (1)–(3). */
interface Classified {
  figures: { areaFromKm2: number; areaToKm2: number; netKm2: number };
  gained: Pieces;
  /** Empty when not kept: then only their terms' sum, `lostTerms`. */
  lost: Pieces;
  lostTerms: number;
  /**
   * Gained pieces from here on are B's, in B's direction; those before are A's, turned round (their terms negated).
   * B's keep the terms of B's edges as drawn unless B's edge set turned a ring round (`bAsDrawn` false).
   */
  gainedFromB: number;
  bAsDrawn: boolean;
}

/**
 * Only what `b` adds to `a` (its `gained`), for a clip (src/core/geometry/landClip.ts), which never reads the rest:
 * the "lost" pieces are not linked into polygons (half a millisecond a clip, the lost side being the land's
 * complement). `lostKm2` is the sum of their area terms, for the caller's check gained − lost = net; linking would
 * only drop slivers under 1 m². Null when the gained pieces do not close into rings.
 * @example edgeDifference(outsideTheLand, occupied)?.gained
 */
export function edgeDifference(
  a: AreaGeometry | null,
  b: AreaGeometry | null,
): (Omit<EdgeChange, 'gained' | 'lost'> & { gained: AreaGeometry | null }) | null {
  const c = classified(a, b, false);
  const gainedPolygons = linkRings(c.gained);
  if (!gainedPolygons) return null;
  const gained = asGeometry(gainedPolygons);
  // What the result is compared with next needs its edges prepared: made from the linked edges, not from the GeoJSON
  // just built (the same set to the last bit: src/core/geometry/edgeSet.ts, edgeSetOfLinked).
  if (gained) {
    const fromB = (k: number, i: number): boolean =>
      c.bAsDrawn && gainedPolygons[k]!.source[i]! >= c.gainedFromB;
    preparedCache.set(gained, preparedSet(edgeSetOfLinked(gainedPolygons, fromB)));
  }
  return {
    ...c.figures,
    gainedKm2: measure(gainedPolygons),
    lostKm2: Math.max(0, c.lostTerms * TERM_TO_KM2),
    gained,
  };
}

function classified(a: AreaGeometry | null, b: AreaGeometry | null, keepLost = true): Classified {
  const A = prepared(a);
  const B = prepared(b);
  const areaFromKm2 = A.set.total * TERM_TO_KM2;
  const areaToKm2 = B.set.total * TERM_TO_KM2;

  // (1) The edges one geometry has and the other lacks (in that direction).
  const differing = (P: Prepared, Q: Prepared): Int32Array => {
    const out = new Int32Array(P.set.n);
    let k = 0;
    const { x0, y0, x1, y1 } = P.set;
    for (let i = 0; i < P.set.n; i++) if (Q.table.find(x0[i]!, y0[i]!, x1[i]!, y1[i]!) === -1) out[k++] = i;
    return out.subarray(0, k);
  };
  const dA = differing(A, B);
  const dB = differing(B, A);
  const netKm2 = areaToKm2 - areaFromKm2;
  const figures = { areaFromKm2, areaToKm2, netKm2 };
  if (dA.length === 0 && dB.length === 0)
    return {
      figures,
      gained: { x0: [], y0: [], x1: [], y1: [], term: [] },
      lost: { x0: [], y0: [], x1: [], y1: [], term: [] },
      lostTerms: 0,
      gainedFromB: 0,
      bAsDrawn: false,
    };

  // When the lost side is only summed (a clip: A is the land's complement), A's edges whose box stays clear of B's
  // box (grown by the noding tolerance) can neither be split by B nor lie inside it: they bound the lost side, and
  // are summed here instead of being split and classified (most of the land's outline is far from a territory).
  let lostTerms = 0;
  let nearA = dA;
  if (!keepLost) {
    const T = NODE_TOLERANCE_DEG;
    const [w, s, e, n] = B.set.box;
    const { x0, y0, x1, y1, term } = A.set;
    const kept = new Int32Array(dA.length);
    let k = 0;
    for (let j = 0; j < dA.length; j++) {
      const i = dA[j]!;
      const far =
        (x0[i]! < w - T && x1[i]! < w - T) ||
        (x0[i]! > e + T && x1[i]! > e + T) ||
        (y0[i]! < s - T && y1[i]! < s - T) ||
        (y0[i]! > n + T && y1[i]! > n + T);
      if (far) lostTerms += term[i]!;
      else kept[k++] = i;
    }
    nearA = kept.subarray(0, k);
  }

  // (2) Split where they cross or touch.
  const [pa, pb, splitsOfA, splitsOfB] = splitEdges(A.set, nearA, B.set, dB);

  // (3) Pieces that now coincide: same direction bounds neither result; opposite directions bound both.
  const na = pa.x0.length;
  const nb = pb.x0.length;
  const SAME = 1;
  const OPPOSITE = 2;
  const stateA = new Uint8Array(na);
  const stateB = new Uint8Array(nb);
  const tb = new EdgeTable(pb.x0, pb.y0, pb.x1, pb.y1, nb);
  for (let i = 0; i < na; i++) {
    let j = tb.find(pa.x0[i]!, pa.y0[i]!, pa.x1[i]!, pa.y1[i]!);
    if (j !== -1) {
      stateA[i] = stateB[j] = SAME;
      continue;
    }
    j = tb.find(pa.x1[i]!, pa.y1[i]!, pa.x0[i]!, pa.y0[i]!);
    if (j !== -1) stateA[i] = stateB[j] = OPPOSITE;
  }

  // Classify the rest by one point (the middle) against the other geometry. Along a run of pieces, one after the
  // other, the side can only change where the run meets the other boundary, and every such point is a vertex of the
  // other side: its own vertex, a split point of its pieces, or a crossing, where both sides were split at the same
  // point (src/core/geometry/splitEdges.ts, splitPointSet). So a piece that starts where the previous one ended, at
  // no vertex of the other side, is on the previous piece's side: one hash lookup instead of a point-in-polygon test.
  const gained: Pieces = { x0: [], y0: [], x1: [], y1: [], term: [] };
  const lost: Pieces | null = keepLost ? { x0: [], y0: [], x1: [], y1: [], term: [] } : null;
  const route = (
    p: Pieces,
    n: number,
    state: Uint8Array,
    other: StripIndex,
    otherVertices: PointSet,
    splitPoints: PointSet,
    outside: Pieces | null,
    inside: Pieces | null,
  ): void => {
    let previous = -1;
    let wasInside = false;
    for (let i = 0; i < n; i++) {
      const s = state[i]!;
      if (s === SAME) continue;
      const x0 = p.x0[i]!;
      const y0 = p.y0[i]!;
      const x1 = p.x1[i]!;
      const y1 = p.y1[i]!;
      let isInside: boolean;
      if (s === OPPOSITE) isInside = false;
      else if (
        previous === i - 1 &&
        p.x1[previous] === x0 &&
        p.y1[previous] === y0 &&
        !otherVertices.has(x0, y0) &&
        !splitPoints.has(x0, y0)
      )
        isInside = wasInside;
      else isInside = insideEdges(other, (x0 + x1) / 2, (y0 + y1) / 2);
      // A side not kept (null: the lost side of a clip) is only summed.
      if (!isInside) {
        if (outside) pushEdge(outside, x0, y0, x1, y1, p.term[i]!);
        else lostTerms += p.term[i]!;
      } else if (inside) pushEdge(inside, x1, y1, x0, y0, -p.term[i]!);
      else lostTerms -= p.term[i]!;
      if (s !== OPPOSITE) {
        previous = i;
        wasInside = isInside;
      }
    }
  };
  route(pa, na, stateA, B.strips, verticesOf(B), splitPointSet(splitsOfB), lost, gained);
  const gainedFromB = gained.x0.length;
  route(pb, nb, stateB, A.strips, verticesOf(A), splitPointSet(splitsOfA), gained, lost);

  return {
    figures,
    gained,
    lost: lost ?? { x0: [], y0: [], x1: [], y1: [], term: [] },
    lostTerms,
    gainedFromB,
    bAsDrawn: B.set.rewound === false,
  };
}
