import { expect } from 'vitest';
/**
 * Every numeric tolerance the unit tests use, in one place: tolerances are kept in this one file and an assert is
 * never loosened inline. All relative tolerances are fractions: 1e-4 = 0.01%.
 */

/** `areaKm2` against GeographicLib's geodesic polygon area (the claim in src/core/geometry/areaKm2.ts): 0.01%. */
export const GEOGRAPHICLIB_REL = 1e-4;

/** A correct ellipsoidal area against DeepState's published figures (docs/accuracy.md): 0.5%. */
export const PUBLISHED_REL = 0.005;

/**
 * How far below the ellipsoidal area plain `@turf/area` (a sphere of radius 6,371,008.8 m) reads at 48°N:
 * between 0.1% and 0.4% low. Documents why src/core/geometry/areaKm2.ts does not use it.
 */
export const TURF_LOW_MIN_REL = 0.001;
export const TURF_LOW_MAX_REL = 0.004;

/**
 * Sums that should be equal up to floating-point noise only (the same area computed two ways on lon/lat-aligned
 * rectangles, or per-region pieces adding up to the total).
 */
export const FLOAT_REL = 1e-9;

/** Golden files store km² rounded to this many decimals. */
export const GOLDEN_KM2_DECIMALS = 2;

/**
 * The windowed change engine (src/core/geometry/windowedChange.ts) against the plain overlay (`overlayChange`): equal within
 * 0.05% or 0.05 km², whichever is larger (issue #4's bar for "the same result as the baseline").
 */
export const WINDOWED_VS_OVERLAY_REL = 5e-4;
export const WINDOWED_VS_OVERLAY_ABS_KM2 = 0.05;

/**
 * How far areas of pieces cut out by an overlay may fail to add up to the area of the whole (gained − lost vs
 * area(B) − area(A); per-region parts vs the total), as a fraction of the larger input area. src/core/geometry/areaKm2.ts
 * integrates every sloping edge with Simpson's rule, so this is floating-point noise plus Simpson's O(Δφ⁵) term
 * (measured 3e-10 km² on the random star polygons of tests/unit/changeBetween.property.test.ts).
 */
export const AREA_ADDITIVITY_REL = 1e-9;

/**
 * Our occupied-since-2022 area against DeepState's published figure, version by version from 2023 on: 0.1%
 * (a correct ellipsoidal computation on the raw geometry lands within about 0.1%: +0.06% measured, docs/accuracy.md).
 */
export const PUBLISHED_TIGHT_REL = 0.001;

/**
 * Our change (Turf overlay, areaKm2) against an independent one (GEOS overlay, GeographicLib geodesic areas):
 * 0.1% (issue #4), or 0.05 km² for the small per-oblast figures, whichever is larger.
 */
export const INDEPENDENT_CHANGE_REL = 0.001;
export const INDEPENDENT_CHANGE_ABS_KM2 = 0.05;
/**
 * The tolerance of INDEPENDENT_CHANGE_REL / _ABS_KM2 for an expected figure.
 * @example expect(Math.abs(ours - geos)).toBeLessThanOrEqual(independentChangeTolerance(geos))
 */
export const independentChangeTolerance = (expectedKm2: number): number =>
  INDEPENDENT_CHANGE_ABS_KM2 + INDEPENDENT_CHANGE_REL * Math.abs(expectedKm2);

/**
 * Our km² against an independent computation's, within independentChangeTolerance.
 * @example expectIndependentKm2(ours, geosOverlayKm2(geos, 'intersection', p, region), 'UA-14')
 */
export function expectIndependentKm2(actual: number, expected: number, label?: string): void {
  expect(Math.abs(actual - expected), label).toBeLessThanOrEqual(independentChangeTolerance(expected));
}

/**
 * CLI outputs whose parts must add up to a total they print (GeoJSON polygons' areas to gainedKm2): 0.05 km², the
 * rounding of two-decimal figures plus float noise (rounded per-row figures add n × 0.005 on top).
 */
export const CLI_SUM_ABS_KM2 = 0.05;

/**
 * The edge engine (src/core/geometry/edgeChange.ts) snaps coordinates to 1e-9° before it overlays (src/core/geometry/edgeSet.ts):
 * each vertex moves by at most 0.08 mm, so an area bounded by p km of edges moves by at most p × 8e-8 km². For the
 * test polygons (perimeters under 100 km) that is under 1e-5 km², which is this bound — on top of FLOAT_REL noise.
 */
export const SNAP_ABS_KM2 = 1e-5;

/**
 * A union from edges (src/core/geometry/unionEdges.ts) against Turf's union on real versions: measured at most 1.3e-8 of the
 * area over every class of all 41 reference versions (the 1e-9° snap plus rounding); the bound is ten times that.
 */
export const UNION_VS_TURF_REL = 1.3e-7;

/**
 * Issue #13: a rewrite of the input that keeps its point set (T-junction vertices inserted, rings reversed or
 * rotated, parts split over features or repeated) gives the same gained/lost/net, and the edge engine agrees with GEOS,
 * within 0.01 km² (the bar).
 */
export const METAMORPHIC_KM2 = 0.01;

/**
 * Issue #13: how far gained − lost may be from net (area(B) − area(A)) in one change report: rings under 1 m² dropped
 * from the outputs, plus floating-point noise. The runtime check in src/core/geometry/changeBetween.ts uses the same bound.
 */
export const CHANGE_INVARIANT_KM2 = 1e-3;

/**
 * Front-line length (issue #15): a synthetic front of known geodesic length, and the line's GeoJSON export re-read,
 * against the computed length: 1e-6 relative.
 */
export const FRONT_LENGTH_REL = 1e-6;

/** The largest day-to-day change of the archive's front-line length outside the dates docs/front-length.md lists. */
export const FRONT_DAILY_CHANGE_MAX = 0.05;
/**
 * What the front line's caches across dates (per-edge memo, the ring's next-edge chain, generalised stretches, chords)
 * may change in a day's figures against a fresh context, in km: nothing beyond rounding (issue #15's cost item).
 */
export const FRONT_MEMO_KM = 1e-6;
