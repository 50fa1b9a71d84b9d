/**
 * The front line on a date and its length (issue #15): the boundary of the occupied territory minus the stretches
 * that run along Ukraine's land border with Russia and Belarus or along the coast, split into named stretches (the
 * Dnipro, the land front by oblast, pockets), measured geodesically on WGS84 as drawn (raw) and generalised.
 *
 * Method, per boundary edge (memoised by its coordinates, so a day that shares most of its boundary with the day
 * before costs little more than a hash lookup per edge):
 * 1. cut the edge into pieces of at most {@link PIECE_M}; a piece whose midpoint lies within the tolerance
 *    {@link FRONT_TOLERANCE_M} of the border or the coast (src/core/geometry/frontOutline.ts) is border or coast, the rest is
 *    front;
 * 2. a stretch of front shorter than {@link SLIVER_KM} between two excluded stretches of the same kind is a sliver of
 *    the source's drawing (a chord across a bend of the border, a lagoon's shore), not front, and is excluded too;
 * 3. the front is split where an edge's midpoint changes oblast or comes within {@link DNIPRO_TOLERANCE_M} of the
 *    Dnipro's water (the outline's 'dnipro' feature, scripts/build-dnipro.mjs);
 *    a ring with no excluded piece at all (an enclave or an island of occupation) is a pocket.
 * Lengths: geodesic per edge (src/core/geometry/geodesicKm.ts); the generalised length simplifies each stretch with
 * Douglas–Peucker at {@link GENERALISE_M} (src/core/geometry/generaliseLine.ts). The headline `lengthKm` is the generalised one.
 */
import type { Position } from 'geojson';
import { hashEdge } from './edgeHash.ts';
import { TERM_TO_KM2 } from './edgeArea.ts';
import { edgeSetOf } from './edgeSet.ts';
import { polygonsOf } from '../model/polygonsOf.ts';
import {
  dniproOf,
  linesIndexOf,
  outlineDistance,
  outlineIndexOf,
  M_PER_DEG,
  type FrontOutlineCollection,
  type OutlineIndex,
  type OutlineKind,
} from './frontOutline.ts';
import { generaliseLine } from './generaliseLine.ts';
import { geodesicEdgeKm } from './geodesicKm.ts';
import type { AreaGeometry } from '../model/model.ts';
import type { Region } from '../report/snapshotAreas.ts';
import { insideEdges, stripIndexOf, type StripIndex } from './stripIndex.ts';

/**
 * A boundary stretch within this many metres of the border or the coast counts as border or coast. 1 km: the daily
 * archive is simplified to ~3,000 vertices, and 97.6% of its vertices within 5 km of the OpenStreetMap outline lie
 * within 1 km of it (docs/front-length.md); the length barely moves between 500 m and 2 km. The front itself runs
 * that close to the border only where it meets it.
 */
export const FRONT_TOLERANCE_M = 1000;
/** Pieces an edge is cut into before it is classified: transitions are placed to within half of this. */
export const PIECE_M = 100;
/** The generalisation tolerance of the headline length: 1 km, the scale a front is quoted at. */
export const GENERALISE_M = 1000;
/**
 * Front shorter than this between two stretches of border (or of coast) is a sliver of the drawing, in km. Along the
 * border, 5 km: a chord of the simplified drawing across a bend of the border. Along the coast, 25 km: the drawing
 * follows the shore of lagoons that the OpenStreetMap coastline closes off at their mouths (Molochnyi liman, the bays
 * by the Berdiansk and Obytichna spits), and no front has ever run from the shore back to the shore.
 */
export const SLIVER_KM: Readonly<Record<OutlineKind, number>> = { border: 5, coast: 25 };
/**
 * A closed ring with no border or coast whose mean width (2 × area ÷ perimeter) is under this many km is a seam: a
 * gap the source left between two of its own polygons (DeepState's API versions draw occupied-since-2022, ORDLO and
 * Crimea as separate features whose shared edges do not always meet), not a pocket. Real pockets are kilometres wide.
 */
export const SEAM_WIDTH_KM = 0.2;
/**
 * Front whose edge's midpoint lies in the Dnipro's water or within this many metres of it is the Dnipro stretch:
 * where the line follows the river, from the estuary past Kherson up the former Kakhovka reservoir. The water is
 * OpenStreetMap's (2017) at 500 m to 10 m resolution, the channels split by islands and the delta's reed beds; the
 * source draws the line on one bank or midstream. 1.5 km takes in the line along both banks and the delta
 * (docs/front-length.md gives the figures), while a land front meeting the river is Dnipro for its last 1.5 km only.
 */
export const DNIPRO_TOLERANCE_M = 3000;
/**
 * Along the Dnipro, the boundary is front only where the far side is not occupied too: before November 2022 the
 * source drew the river between Kherson and the occupied left bank as a gap between two occupied banks, which is
 * no front at all. Probes this far (metres) to both sides of the line; occupied on both sides at one of them means
 * the river runs inside occupied territory there (it is then counted with the seams).
 */
export const ACROSS_RIVER_M: readonly number[] = [1000, 2000];
/** How far (metres) a probe crosses the Dnipro's water to its far shore: the Kakhovka reservoir is ≤ 23 km wide. */
const ACROSS_WATER_MAX_M = 25_000;
/** The Dnipro stretch is probed about every this many km (its edges in between share the answer). */
const PROBE_EVERY_KM = 2;

export type PieceKind = 'front' | OutlineKind;
export type StretchKind = 'dnipro' | 'land' | 'pocket';

interface EdgeInfo {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  km: number;
  /** Pieces: piece j spans [cuts[j], cuts[j + 1]] of the edge (fractions), of kind kinds[j]. */
  cuts: readonly number[];
  kinds: readonly PieceKind[];
  /** Label of the front on this edge: 'dnipro', an oblast's iso, or '' outside every oblast. */
  label: string;
  /**
   * The edge that followed this one in the ring where it was last seen: the next day's ring mostly repeats it, so
   * checking this one first spares the hash lookup for nearly every edge (2.25 M edges over the archive, 21 k new).
   */
  next: EdgeInfo | null;
}

/** The Dnipro's water: inside (strips) or near its shore (segments). */
interface DniproIndex {
  strip: StripIndex;
  shore: OutlineIndex;
}

interface RegionIndex {
  iso: string;
  name: string;
  strip: StripIndex;
}

/** What {@link frontLine} needs besides the geometry: the outline, the oblasts, and the per-edge memo. */
export interface FrontContext {
  outline: OutlineIndex;
  /** Null when the outline has no Dnipro feature: then no front is the Dnipro. */
  dnipro: DniproIndex | null;
  regions: RegionIndex[];
  toleranceM: number;
  generaliseM: number;
  memo: Map<number, EdgeInfo[]>;
  /** Generalised lengths of stretches seen before, by a fingerprint of the stretch (see `generalisedKm`). */
  generalised: Map<string, number>;
  /**
   * Geodesic lengths of the generalised lines' edges, by their coordinates: a changed stretch keeps most of its
   * generalised vertices, so most of its chords were measured on an earlier day (the same number, not an estimate).
   */
  chords: Map<number, Chord[]>;
  /**
   * The across-the-river answers ({@link ACROSS_RIVER_M}) of the last day, by probed edge, valid while the occupied
   * territory's edges around the river are the same (`key`, a fingerprint of them): the far bank rarely changes, and
   * indexing a whole day's territory to probe it would cost more than the rest of the day's length.
   */
  across: {
    key: string;
    answers: Map<number, { x0: number; y0: number; x1: number; y1: number; inside: boolean }[]>;
  };
}

interface Chord {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  km: number;
}

/**
 * A context for {@link frontLine}; keep it across dates (the memo is what makes a daily history cheap).
 * @example const ctx = frontContext(outline, oblasts); frontLine(geometry, ctx).lengthKm
 */
export function frontContext(
  outline: FrontOutlineCollection,
  oblasts: readonly Region[],
  options: { toleranceM?: number; generaliseM?: number } = {},
): FrontContext {
  const water = dniproOf(outline);
  const rings = water ? polygonsOf(water.geometry) : [];
  return {
    outline: outlineIndexOf(outline),
    dnipro: water
      ? {
          strip: stripIndexOf(edgeSetOf(rings)),
          shore: linesIndexOf(rings.flat().map((line) => ({ line, kind: 'coast' as const }))),
        }
      : null,
    regions: oblasts.map((r) => ({
      iso: r.properties.id,
      name: r.properties.name_en,
      strip: stripIndexOf(edgeSetOf(polygonsOf(r.geometry))),
    })),
    toleranceM: options.toleranceM ?? FRONT_TOLERANCE_M,
    generaliseM: options.generaliseM ?? GENERALISE_M,
    memo: new Map(),
    generalised: new Map(),
    chords: new Map(),
    across: { key: '', answers: new Map() },
  };
}

export interface FrontStretch {
  kind: StretchKind;
  /** 'Dnipro', the oblast's name, or 'Pocket, <oblast>' (English; the UI translates from kind and oblast). */
  name: string;
  /** ISO 3166-2 of the oblast the stretch lies in, null for the Dnipro or outside every oblast. */
  oblast: string | null;
  /** Generalised length (km). */
  km: number;
  /** Length as drawn (km). */
  rawKm: number;
  /** The stretch as drawn; a pocket's line is closed. */
  line: Position[];
}

export interface ExcludedStretch {
  kind: OutlineKind;
  rawKm: number;
  line: Position[];
}

export interface FrontLine {
  /** The whole contact line, Dnipro included, generalised at {@link GENERALISE_M} (km). */
  lengthKm: number;
  /** `lengthKm` less the Dnipro stretch. */
  withoutDniproKm: number;
  /** The whole contact line as drawn (km). */
  rawKm: number;
  /** Boundary stretches taken out as border or coast, as drawn (km). */
  excludedKm: Record<OutlineKind, number>;
  /** Closed rings left out as seams between the source's own polygons ({@link SEAM_WIDTH_KM}), as drawn (km). */
  seamKm: number;
  stretches: FrontStretch[];
  excluded: ExcludedStretch[];
}

function pieceKind(ctx: FrontContext, x: number, y: number): PieceKind {
  return outlineDistance(ctx.outline, x, y, ctx.toleranceM).kind ?? 'front';
}

function labelOf(ctx: FrontContext, x: number, y: number): string {
  const d = ctx.dnipro;
  if (d && (insideEdges(d.strip, x, y) || outlineDistance(d.shore, x, y, DNIPRO_TOLERANCE_M).kind !== null))
    return 'dnipro';
  // Natural Earth's oblast outlines are off by up to a kilometre or two along the border: a point just outside every
  // oblast takes the oblast found a little way off (~2 km), if any.
  for (const [dx, dy] of PROBES)
    for (const r of ctx.regions) if (insideEdges(r.strip, x + dx, y + dy)) return r.iso;
  return '';
}

const PROBES: readonly (readonly [number, number])[] = [
  [0, 0],
  [0.025, 0],
  [-0.025, 0],
  [0, 0.018],
  [0, -0.018],
];

/** The pieces of an edge that is all front (most edges): shared, never mutated, so the memo stays small. */
const WHOLE: readonly number[] = Object.freeze([0, 1]);
const FRONT_ONLY: readonly PieceKind[] = Object.freeze(['front'] as const);

function classify(ctx: FrontContext, x0: number, y0: number, x1: number, y1: number): EdgeInfo {
  const km = geodesicEdgeKm(x0, y0, x1, y1);
  const lenM = km * 1000;
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  const info: EdgeInfo = {
    x0,
    y0,
    x1,
    y1,
    km,
    cuts: WHOLE,
    kinds: FRONT_ONLY,
    label: labelOf(ctx, mx, my),
    next: null,
  };
  // Every point of the edge is within half its length of the midpoint: nothing near it, nothing to cut.
  if (outlineDistance(ctx.outline, mx, my, ctx.toleranceM + lenM / 2 + 1).kind === null) return info;
  const k = Math.max(1, Math.ceil(lenM / PIECE_M));
  const cuts = [0];
  const kinds: PieceKind[] = [];
  for (let j = 0; j < k; j++) {
    const t = (j + 0.5) / k;
    const kind = pieceKind(ctx, x0 + t * (x1 - x0), y0 + t * (y1 - y0));
    if (kinds.length && kinds[kinds.length - 1] === kind) cuts[cuts.length - 1] = (j + 1) / k;
    else {
      kinds.push(kind);
      cuts.push((j + 1) / k);
    }
  }
  info.cuts = cuts;
  info.kinds = kinds;
  return info;
}

function edgeInfo(ctx: FrontContext, x0: number, y0: number, x1: number, y1: number): EdgeInfo {
  const h = hashEdge(x0, y0, x1, y1);
  const bucket = ctx.memo.get(h);
  if (bucket) for (const e of bucket) if (e.x0 === x0 && e.y0 === y0 && e.x1 === x1 && e.y1 === y1) return e;
  const e = classify(ctx, x0, y0, x1, y1);
  if (bucket) bucket.push(e);
  else ctx.memo.set(h, [e]);
  return e;
}

/** A run of one kind (and, for front, one label) along a ring; 'seam' for the Dnipro inside occupied territory. */
interface Run {
  kind: PieceKind | 'seam';
  label: string;
  line: Position[];
  km: number;
}

/** The runs of one ring, in order; the first and last are merged when they continue each other. */
function ringRuns(ctx: FrontContext, ring: readonly Position[]): Run[] {
  const runs: Run[] = [];
  let cur: Run | null = null;
  let prev: EdgeInfo | null = null;
  for (let i = 1; i < ring.length; i++) {
    const p0 = ring[i - 1]!;
    const p1 = ring[i]!;
    const x0 = p0[0]!;
    const y0 = p0[1]!;
    const x1 = p1[0]!;
    const y1 = p1[1]!;
    if (x0 === x1 && y0 === y1) continue;
    const guess: EdgeInfo | null = prev ? prev.next : null;
    const e: EdgeInfo =
      guess && guess.x0 === x0 && guess.y0 === y0 && guess.x1 === x1 && guess.y1 === y1
        ? guess
        : edgeInfo(ctx, x0, y0, x1, y1);
    if (prev) prev.next = e;
    prev = e;
    const pieces = e.kinds.length;
    for (let j = 0; j < pieces; j++) {
      const kind = e.kinds[j]!;
      const label = kind === 'front' ? e.label : '';
      const ta = e.cuts[j]!;
      const tb = e.cuts[j + 1]!;
      if (!cur || cur.kind !== kind || cur.label !== label) {
        // The ring's own positions where a run starts or ends at a vertex: nothing allocated for most edges.
        const a: Position = ta === 0 ? p0 : [x0 + ta * (x1 - x0), y0 + ta * (y1 - y0)];
        cur = { kind, label, line: [a], km: 0 };
        runs.push(cur);
      }
      cur.line.push(tb === 1 ? p1 : [x0 + tb * (x1 - x0), y0 + tb * (y1 - y0)]);
      cur.km += (tb - ta) * e.km;
    }
  }
  if (runs.length > 1) {
    const first = runs[0]!;
    const last = runs[runs.length - 1]!;
    if (first.kind === last.kind && first.label === last.label) {
      last.line.push(...first.line.slice(1));
      last.km += first.km;
      runs.shift();
    }
  }
  return runs;
}

/** Step 2 of the method: short front between two excluded runs of one kind becomes that kind. */
function absorbSlivers(runs: Run[]): void {
  const n = runs.length;
  if (n < 2) return;
  // Total front length between consecutive excluded runs, over maximal sequences of front runs.
  for (let i = 0; i < n; i++) {
    const before = runs[i]!;
    if (before.kind === 'front' || before.kind === 'seam') continue;
    let j = (i + 1) % n;
    let km = 0;
    const between: Run[] = [];
    while (runs[j]!.kind === 'front' && j !== i) {
      km += runs[j]!.km;
      between.push(runs[j]!);
      j = (j + 1) % n;
    }
    // j === i: the ring is this excluded run and front closing it.
    if (between.length === 0) continue;
    if (runs[j]!.kind === before.kind && km < SLIVER_KM[before.kind]) {
      for (const r of between) {
        r.kind = before.kind;
        r.label = '';
      }
    }
  }
}

/**
 * A Dnipro run cut where the river runs inside occupied territory (both sides occupied at one of
 * {@link ACROSS_RIVER_M}): those parts become 'seam', the rest stays front. Probed at an edge's midpoint about every
 * {@link PROBE_EVERY_KM} km along the run, the edges in between taking the last answer.
 */
function acrossRiver(ctx: FrontContext, run: Run, across: (p0: Position, p1: Position) => boolean): Run[] {
  const out: Run[] = [];
  const line = run.line;
  let cur: Run | null = null;
  let inside = false;
  let sinceKm = Infinity;
  for (let i = 1; i < line.length; i++) {
    const p0 = line[i - 1]!;
    const p1 = line[i]!;
    const km = chordKm(ctx, p0[0]!, p0[1]!, p1[0]!, p1[1]!);
    if (sinceKm >= PROBE_EVERY_KM) {
      inside = across(p0, p1);
      sinceKm = 0;
    }
    sinceKm += km;
    const kind = inside ? 'seam' : 'front';
    if (!cur || cur.kind !== kind) {
      cur = { kind, label: run.label, line: [p0], km: 0 };
      out.push(cur);
    }
    cur.line.push(p1);
    cur.km += km;
  }
  // Nothing inside: the run itself, its length as measured (the pieces' shares of their edges).
  if (out.length === 1 && out[0]!.kind === 'front') return [run];
  return out;
}

/**
 * A fingerprint of the territory's edges that touch the river's surroundings (its water's box, widened by the
 * tolerance and the probes): whether a point there is occupied depends on nothing else.
 */
function riverFingerprint(ctx: FrontContext, geometry: AreaGeometry | null): string {
  const b = ctx.dnipro!.strip.set.box;
  const pad = (DNIPRO_TOLERANCE_M + Math.max(...ACROSS_RIVER_M) + 1000) / M_PER_DEG;
  const [w, s, e, n] = [b[0] - pad * 1.6, b[1] - pad, b[2] + pad * 1.6, b[3] + pad];
  let h1 = 0x12345678;
  let h2 = 0x9abcdef0;
  let count = 0;
  for (const rings of polygonsOf(geometry))
    for (const ring of rings)
      for (let i = 1; i < ring.length; i++) {
        const x0 = ring[i - 1]![0]!;
        const y0 = ring[i - 1]![1]!;
        const x1 = ring[i]![0]!;
        const y1 = ring[i]![1]!;
        if ((x0 < w && x1 < w) || (x0 > e && x1 > e) || (y0 < s && y1 < s) || (y0 > n && y1 > n)) continue;
        const h = hashEdge(x0, y0, x1, y1);
        h1 = Math.imul(h1 ^ h, 0x85ebca6b) >>> 0;
        h2 = (h2 + Math.imul(h, 0xc2b2ae35 + count)) >>> 0;
        count++;
      }
  return `${count}:${h1}:${h2}`;
}

function bothSidesOccupied(
  p0: Position,
  p1: Position,
  occupied: (x: number, y: number) => boolean,
  water: StripIndex,
): boolean {
  const mx = (p0[0]! + p1[0]!) / 2;
  const my = (p0[1]! + p1[1]!) / 2;
  const k = Math.cos((my * Math.PI) / 180);
  const dx = (p1[0]! - p0[0]!) * k;
  const dy = p1[1]! - p0[1]!;
  const len = Math.hypot(dx, dy);
  if (len === 0) return false;
  // The unit normal in degrees of latitude; a longitude offset is divided by cos(latitude).
  const nx = -dy / len;
  const ny = dx / len;
  const at = (side: number, m: number): [number, number] => [
    mx + (side * nx * m) / M_PER_DEG / k,
    my + (side * ny * m) / M_PER_DEG,
  ];
  for (const m of ACROSS_RIVER_M) if (occupied(...at(1, m)) && occupied(...at(-1, m))) return true;
  // The reservoir is wider than the probes: from the occupied side, cross the water in 1 km steps (up to
  // ACROSS_WATER_MAX_M) and look 1 km past its far shore.
  for (const side of [1, -1]) {
    if (!occupied(...at(-side, ACROSS_RIVER_M[0]!))) continue;
    let m = ACROSS_RIVER_M[0]!;
    if (!insideEdges(water, ...at(side, m))) continue;
    while (m < ACROSS_WATER_MAX_M && insideEdges(water, ...at(side, m))) m += 1000;
    if (m < ACROSS_WATER_MAX_M && occupied(...at(side, m + 1000)) && occupied(...at(side, m + 5000)))
      return true;
  }
  return false;
}

/**
 * The generalised length of a stretch, remembered across dates: most stretches are the same from one day to the next.
 * The fingerprint (ends, vertex count, and the length as drawn to the last bit) tells a changed stretch apart.
 */
function generalisedKm(ctx: FrontContext, line: readonly Position[], rawKm: number): number {
  const a = line[0]!;
  const b = line[line.length - 1]!;
  const key = `${a[0]},${a[1]},${b[0]},${b[1]},${line.length},${rawKm}`;
  let km = ctx.generalised.get(key);
  if (km === undefined) {
    km = chordsKm(ctx, generaliseLine(line, ctx.generaliseM));
    ctx.generalised.set(key, km);
  }
  return km;
}

/** `geodesicLineKm(line)`, each edge's length taken from {@link FrontContext.chords} when measured before. */
function chordsKm(ctx: FrontContext, line: readonly Position[]): number {
  let km = 0;
  for (let i = 1; i < line.length; i++)
    km += chordKm(ctx, line[i - 1]![0]!, line[i - 1]![1]!, line[i]![0]!, line[i]![1]!);
  return km;
}

/** `geodesicEdgeKm`, remembered in {@link FrontContext.chords}. */
function chordKm(ctx: FrontContext, x0: number, y0: number, x1: number, y1: number): number {
  const h = hashEdge(x0, y0, x1, y1);
  const bucket = ctx.chords.get(h);
  let chord = bucket?.find((c) => c.x0 === x0 && c.y0 === y0 && c.x1 === x1 && c.y1 === y1);
  if (!chord) {
    chord = { x0, y0, x1, y1, km: geodesicEdgeKm(x0, y0, x1, y1) };
    if (bucket) bucket.push(chord);
    else ctx.chords.set(h, [chord]);
  }
  return chord.km;
}

/**
 * The front line of the occupied territory `geometry` (a union: one class or several, as drawn on one date).
 * Parts add up: `lengthKm` is the sum of the stretches' `km`, `rawKm` of their `rawKm`.
 * @example frontLine(classGeometry(snapshot, 'occupied_all'), ctx).lengthKm // ≈ 1,2xx on 2025-09-26
 */
export function frontLine(geometry: AreaGeometry | null, ctx: FrontContext): FrontLine {
  const names = new Map(ctx.regions.map((r) => [r.iso, r.name]));
  const stretches: FrontStretch[] = [];
  const excluded: ExcludedStretch[] = [];
  const excludedKm: Record<OutlineKind, number> = { border: 0, coast: 0 };
  let seamKm = 0;
  // The day's occupied territory, indexed only when a Dnipro stretch needs to know what lies across the river.
  let day: StripIndex | null = null;
  const occupied = (x: number, y: number): boolean => {
    day ??= stripIndexOf(edgeSetOf(polygonsOf(geometry)));
    return insideEdges(day, x, y);
  };
  let keyed = false;
  const across = (p0: Position, p1: Position): boolean => {
    if (!keyed) {
      const key = riverFingerprint(ctx, geometry);
      if (key !== ctx.across.key) ctx.across = { key, answers: new Map() };
      keyed = true;
    }
    const [x0, y0, x1, y1] = [p0[0]!, p0[1]!, p1[0]!, p1[1]!];
    const h = hashEdge(x0, y0, x1, y1);
    const bucket = ctx.across.answers.get(h);
    const hit = bucket?.find((a) => a.x0 === x0 && a.y0 === y0 && a.x1 === x1 && a.y1 === y1);
    if (hit) return hit.inside;
    const inside = bothSidesOccupied(p0, p1, occupied, ctx.dnipro!.strip);
    const entry = { x0, y0, x1, y1, inside };
    if (bucket) bucket.push(entry);
    else ctx.across.answers.set(h, [entry]);
    return inside;
  };
  for (const rings of polygonsOf(geometry)) {
    for (const ring of rings) {
      if (ring.length < 4) continue;
      const runs = ringRuns(ctx, ring);
      absorbSlivers(runs);
      const pocket = runs.every((r) => r.kind === 'front');
      if (pocket) {
        const perimeterKm = runs.reduce((sum, r) => sum + r.km, 0);
        const areaKm2 = Math.abs(edgeSetOf([[ring]]).total * TERM_TO_KM2);
        if ((2 * areaKm2) / perimeterKm < SEAM_WIDTH_KM) {
          seamKm += perimeterKm;
          continue;
        }
      }
      // Slivers absorbed: runs of one kind may now follow each other; join them.
      const joined: Run[] = [];
      for (const r of runs) {
        const last = joined[joined.length - 1];
        if (last && last.kind === r.kind && last.label === r.label) {
          last.line.push(...r.line.slice(1));
          last.km += r.km;
        } else joined.push({ ...r, line: r.line.slice() });
      }
      if (joined.length > 1) {
        const first = joined[0]!;
        const last = joined[joined.length - 1]!;
        if (first.kind === last.kind && first.label === last.label) {
          last.line.push(...first.line.slice(1));
          last.km += first.km;
          joined.shift();
        }
      }
      for (const whole of joined) {
        // A Dnipro run is split where the river starts or stops running inside occupied territory.
        const parts =
          whole.kind === 'front' && whole.label === 'dnipro' ? acrossRiver(ctx, whole, across) : [whole];
        for (const r of parts) {
          if (r.kind === 'seam') {
            seamKm += r.km;
            continue;
          }
          if (r.kind !== 'front') {
            excludedKm[r.kind] += r.km;
            excluded.push({ kind: r.kind, rawKm: r.km, line: r.line });
            continue;
          }
          const oblast = r.label === 'dnipro' || r.label === '' ? null : r.label;
          const kind: StretchKind = r.label === 'dnipro' ? 'dnipro' : pocket ? 'pocket' : 'land';
          const place = oblast ? (names.get(oblast) ?? oblast) : 'outside the oblasts';
          const name = kind === 'dnipro' ? 'Dnipro' : kind === 'pocket' ? `Pocket, ${place}` : place;
          const km = generalisedKm(ctx, r.line, r.km);
          stretches.push({ kind, name, oblast, km, rawKm: r.km, line: r.line });
        }
      }
    }
  }
  let lengthKm = 0;
  let rawKm = 0;
  let dniproKm = 0;
  for (const s of stretches) {
    lengthKm += s.km;
    rawKm += s.rawKm;
    if (s.kind === 'dnipro') dniproKm += s.km;
  }
  return { lengthKm, withoutDniproKm: lengthKm - dniproKm, rawKm, excludedKm, seamKm, stretches, excluded };
}

export interface StretchSummary {
  kind: StretchKind;
  name: string;
  oblast: string | null;
  /** How many separate stretches were summed into this row. */
  count: number;
  km: number;
  rawKm: number;
}

/**
 * The stretches summed by kind and oblast, in a stable order (Dnipro, land front by oblast, pockets by oblast).
 * @example stretchSummary(frontLine(g, ctx).stretches).map((s) => s.name)
 */
export function stretchSummary(stretches: readonly FrontStretch[]): StretchSummary[] {
  const rows = new Map<string, StretchSummary>();
  for (const s of stretches) {
    const key = `${s.kind}|${s.oblast ?? ''}`;
    const row = rows.get(key);
    if (row) {
      row.count++;
      row.km += s.km;
      row.rawKm += s.rawKm;
    } else
      rows.set(key, { kind: s.kind, name: s.name, oblast: s.oblast, count: 1, km: s.km, rawKm: s.rawKm });
  }
  const order: Record<StretchKind, number> = { dnipro: 0, land: 1, pocket: 2 };
  return [...rows.values()].sort(
    (a, b) => order[a.kind] - order[b.kind] || (a.oblast ?? '').localeCompare(b.oblast ?? ''),
  );
}
