/**
 * The ellipsoidal area of a region as a sum over its boundary edges (Green's theorem), one term per directed edge.
 *
 * Each vertex is projected to the ellipsoidal cylindrical equal-area projection (x = a·λ, y = a·q(φ)/2; Snyder,
 * "Map Projections: A Working Manual", eq. 3-12), where area is the planar shoelace sum. Because the sum is per edge,
 * the area of any set of directed edges with the interior on their left — a ring, a polygon with holes, or the boundary
 * of an overlay result that was never assembled into rings — is the sum of its edges' terms. That is what lets the
 * change engine (src/core/geometry/edgeChange.ts) measure gains and losses from edges alone. `areaKm2` uses the same terms,
 * so both always agree.
 */

const A = 6_378_137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const E = Math.sqrt(E2);
const DEG = Math.PI / 180;

/** Multiplies a sum of {@link edgeTerm}s into km². */
export const TERM_TO_KM2 = (A * A * 0.25) / 1e6;

/**
 * Snyder's q(φ) for the WGS84 ellipsoid, from the latitude in degrees (the projected y is a·q/2).
 * @example qOfLat(48) // ≈ 1.4843
 */
export function qOfLat(latDeg: number): number {
  const sinPhi = Math.sin(latDeg * DEG);
  const es = E * sinPhi;
  return (1 - E2) * (sinPhi / (1 - es * es) - (1 / (2 * E)) * Math.log((1 - es) / (1 + es)));
}

/** Sloping edges are integrated in steps of at most this much latitude (radians, ~1 km). */
const MAX_DLAT = 1 / 6371;

/**
 * The area term of the directed edge (lon0, lat0) → (lon1, lat1), in degrees, with q0 = qOfLat(lat0) and
 * q1 = qOfLat(lat1): positive when the edge runs westward, so that a counter-clockwise ring sums to its area
 * (× {@link TERM_TO_KM2}). The edge is straight in longitude/latitude (RFC 7946 §3.1.1); y = q(φ) is not linear along
 * it, so every sloping edge is integrated with composite Simpson (the trapezoid rule's error would not be additive
 * when an overlay cuts an edge, and overlay pieces would not add up to the whole). Parallels and meridians are exact.
 * @example edgeTerm(37.1, 48, 37, 48, qOfLat(48), qOfLat(48)) * TERM_TO_KM2 // the northern edge of a small square
 */
export function edgeTerm(
  lon0: number,
  lat0: number,
  lon1: number,
  lat1: number,
  q0: number,
  q1: number,
): number {
  if (lon0 === lon1) return 0;
  const dl = (lon0 - lon1) * DEG;
  if (lat0 === lat1) return dl * (q0 + q1);
  const p0 = lat0 * DEG;
  const dp = (lat1 - lat0) * DEG;
  const steps = Math.max(2, 2 * Math.ceil(Math.abs(dp) / MAX_DLAT / 2));
  const h = 1 / steps;
  let s = q0 + q1;
  for (let k = 1; k < steps; k++) {
    const sinPhi = Math.sin(p0 + dp * k * h);
    const es = E * sinPhi;
    s +=
      (k % 2 ? 4 : 2) * (1 - E2) * (sinPhi / (1 - es * es) - (1 / (2 * E)) * Math.log((1 - es) / (1 + es)));
  }
  // ∫ y dλ along the edge; the trapezoid term (λ0 − λ1)(q0 + q1) is twice that for a straight y.
  return (dl * 2 * s * h) / 3;
}
