/**
 * Clipping to Ukraine's land outline (issue #16). Independent assessments draw their areas without clipping to the
 * coast or the border (UA Control Map's Crimea ring includes the sea), so every side of a comparison is cut to the
 * same land before it is measured.
 *
 * Why a complement: the edge engine (src/core/geometry/edgeChange.ts) answers `B ∖ A` in one run. An intersection
 * `G ∩ land` is `G ∖ (box ∖ land)` for any box holding `G`; `box ∖ land` is computed once per outline and box and
 * then reused, so a clip costs one run of the engine, with its edges prepared once (the engine caches them by object).
 */
import { unionEdges } from './unionEdges.ts';
import { CHANGE_INVARIANT_KM2, changeBetween, noteFallback } from './changeBetween.ts';
import { edgeDifference } from './edgeChange.ts';
import { boundsOf } from './boundsOf.ts';
import { makeValid, markValid } from './makeValid.ts';
import type { AreaGeometry } from '../model/model.ts';

/** The land outline with the complements made from it so far, keyed by their box. */
export interface LandOutline {
  readonly land: AreaGeometry;
  /** Bounding box of the land: [west, south, east, north]. */
  readonly bounds: [number, number, number, number];
  /** `box ∖ land` per box, so each is prepared once. */
  readonly complements: Map<string, AreaGeometry | null>;
  /** Geometries this outline's clip made (by object): clipping them again is the identity. */
  readonly clipped: WeakSet<AreaGeometry>;
}

/** How far the default box reaches beyond the land, in degrees: the areas drawn over the border or the sea. */
const MARGIN_DEG = 4;

/**
 * The union of `regions` (the oblasts) as one outline, ready for {@link clipToLand}; throws when they have none.
 * @example const land = landOutline(oblasts.map((o) => o.geometry));
 */
export function landOutline(regions: readonly AreaGeometry[]): LandOutline {
  const land = unionEdges(regions);
  if (land === undefined) throw new Error('landOutline: the regions did not join into one outline');
  if (!land) throw new Error('landOutline: the regions hold no polygon');
  return { land, bounds: boundsOf(land), complements: new Map(), clipped: new WeakSet() };
}

const boxPolygon = ([w, s, e, n]: readonly number[]): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [w!, s!],
      [e!, s!],
      [e!, n!],
      [w!, n!],
      [w!, s!],
    ],
  ],
});

/** The whole-degree box holding both the land (with its margin) and `g`. */
function boxFor(outline: LandOutline, g: AreaGeometry): [number, number, number, number] {
  const [w, s, e, n] = outline.bounds;
  const [gw, gs, ge, gn] = boundsOf(g);
  return [
    Math.floor(Math.min(w - MARGIN_DEG, gw - 1)),
    Math.floor(Math.min(s - MARGIN_DEG, gs - 1)),
    Math.ceil(Math.max(e + MARGIN_DEG, ge + 1)),
    Math.ceil(Math.max(n + MARGIN_DEG, gn + 1)),
  ];
}

/**
 * `b ∖ a` by the edge engine without linking `a ∖ b` (src/core/geometry/edgeChange.ts, edgeDifference), checked as
 * changeBetween checks a change (gained − lost = net, STYLE.md habit 15); when the check or the linking fails, the
 * full changeBetween answers, with its exact fallback.
 */
function difference(a: AreaGeometry | null, b: AreaGeometry | null): AreaGeometry | null {
  const va = makeValid(a);
  const vb = makeValid(b);
  const d = edgeDifference(va, vb);
  if (d && Math.abs(d.gainedKm2 - d.lostKm2 - d.netKm2) <= CHANGE_INVARIANT_KM2) return d.gained;
  noteFallback(
    d
      ? `clip: gained − lost − net = ${(d.gainedKm2 - d.lostKm2 - d.netKm2).toExponential(3)} km²`
      : 'clip: the pieces on the land did not close into rings',
  );
  return changeBetween(a, b).gained;
}

/**
 * The part of `g` on the land (null when none): `g ∖ (box ∖ land)`, one run of the edge engine.
 * @example clipToLand(owlmapsOccupied, landOutline(oblasts.map((o) => o.geometry)))
 */
export function clipToLand(g: AreaGeometry | null, outline: LandOutline): AreaGeometry | null {
  if (!g) return null;
  // Already cut to this land (a UA Control Map snapshot is clipped when parsed): cutting again changes nothing.
  if (outline.clipped.has(g)) return g;
  const box = boxFor(outline, g);
  const key = box.join(',');
  let outside = outline.complements.get(key);
  if (outside === undefined) {
    outside = changeBetween(outline.land, boxPolygon(box)).gained;
    outline.complements.set(key, outside);
  }
  const clipped = difference(outside, g);
  if (clipped) outline.clipped.add(clipped);
  // The engine's own output, as its unions are (src/core/geometry/changeBetween.ts, classGeometry): its pieces were
  // noded against each other, so makeValid's sweep for crossings is skipped when it is compared next (~0.2 ms a side
  // of bench (f); the sweep passed every clip of the reference data: 769 archive days and 75 UA Control Map days).
  return markValid(clipped);
}
