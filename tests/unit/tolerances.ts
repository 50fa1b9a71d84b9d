/**
 * Every numeric tolerance the unit tests use, in one place (../shared/STYLE.md, habit 2: "keep tolerances in one
 * file, never loosen an assert inline"). All relative tolerances are fractions: 1e-4 = 0.01%.
 */

/** `areaKm2` against GeographicLib's geodesic polygon area (the claim in src/core/areaKm2.ts): 0.01%. */
export const GEOGRAPHICLIB_REL = 1e-4;

/** A correct ellipsoidal area against DeepState's published figures (../shared/geodata/README.md): 0.5%. */
export const PUBLISHED_REL = 0.005;

/**
 * How far below the ellipsoidal area plain `@turf/area` (a sphere of radius 6,371,008.8 m) reads at 48°N:
 * between 0.1% and 0.4% low. Documents why src/core/areaKm2.ts does not use it.
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
