/**
 * Area on the WGS84 ellipsoid, in km².
 *
 * Why not `@turf/area`: it works on a sphere of radius 6,371,008.8 m and reads ~0.2–0.3% low at Ukraine's latitudes,
 * while DeepState publishes ellipsoidal figures (issue #4). We project each vertex to the ellipsoidal cylindrical
 * equal-area projection (x = a·λ, y = a·q(φ)/2, Snyder, "Map Projections: A Working Manual", eq. 3-12) and take the
 * planar shoelace area there, integrating along edges that span more than ~1 km of latitude.
 *
 * Edges are taken as RFC 7946 defines them: straight lines in longitude/latitude. That is also how Turf clips, so
 * areas stay additive under our own unions and intersections (per-oblast parts add up to the total exactly).
 * GeographicLib takes edges as geodesics instead; the two agree to well under 0.01% for front-line data, whose edges
 * are tens of metres to a few km (≤ 0.0005% on the daily archive and the API versions since 2023), and part ways
 * only on edges of ~100 km: up to 0.14% on the 2022-04-03 version, where ours is the one closer to DeepState's own
 * published figure (tests/unit/areaKm2.test.ts). Edges must not cross the antimeridian (Ukraine's never do).
 */
import type { Position } from 'geojson';
import type { AreaGeometry } from './model.ts';

/** The area model named in every export. */
export const AREA_MODEL =
  'WGS84 ellipsoid, edges straight in lon/lat (RFC 7946), equal-area integration; within 0.001% of GeographicLib on 2023+ data';

const A = 6_378_137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const E = Math.sqrt(E2);
const DEG = Math.PI / 180;

/** Snyder's q(φ) for the WGS84 ellipsoid, from sin φ. */
function q(sinPhi: number): number {
  const es = E * sinPhi;
  return (1 - E2) * (sinPhi / (1 - es * es) - (1 / (2 * E)) * Math.log((1 - es) / (1 + es)));
}

/** Sloping edges are integrated in steps of at most this much latitude (radians, ~1 km). */
const MAX_DLAT = 1 / 6371;

/**
 * Shoelace term of an edge that is straight in longitude/latitude (RFC 7946 §3.1.1): y = q(φ) is not linear along
 * it, so integrate y dλ with composite Simpson. Parallels (constant φ) and meridians (no Δλ) need none of this.
 */
function longEdgeTerm(l0: number, p0: number, l1: number, p1: number, y0: number, y1: number): number {
  const steps = Math.max(2, 2 * Math.ceil(Math.abs(p1 - p0) / MAX_DLAT / 2));
  const h = 1 / steps;
  let s = y0 + y1;
  for (let k = 1; k < steps; k++) s += (k % 2 ? 4 : 2) * q(Math.sin(p0 + (p1 - p0) * k * h));
  // ∫ y dλ along the edge, as the trapezoid term (λ1 − λ0)(y0 + y1) is twice that for a straight y.
  return ((l1 - l0) * 2 * s * h) / 3;
}

/** Unsigned area of one closed ring in m². */
function ringAreaM2(ring: readonly Position[]): number {
  const n = ring.length;
  if (n < 4) return 0;
  let sum = 0;
  let x0 = ring[0]![0]! * DEG;
  let p0 = ring[0]![1]! * DEG;
  let y0 = q(Math.sin(p0));
  for (let i = 1; i < n; i++) {
    const p = ring[i]!;
    const x1 = p[0]! * DEG;
    const p1 = p[1]! * DEG;
    const y1 = q(Math.sin(p1));
    // Every sloping edge is integrated with Simpson's rule (parallels are exact as they are): the trapezoid rule's
    // error is not additive when clipping cuts an edge, so overlay pieces would not add up to the whole exactly.
    sum += p1 !== p0 && x1 !== x0 ? longEdgeTerm(x0, p0, x1, p1, y0, y1) : (x1 - x0) * (y1 + y0);
    x0 = x1;
    p0 = p1;
    y0 = y1;
  }
  // Shoelace in projected units: x = a·λ, y = a·q/2.
  return Math.abs(sum) * A * A * 0.25;
}

function polygonAreaM2(rings: readonly (readonly Position[])[]): number {
  let area = 0;
  rings.forEach((ring, i) => {
    area += i === 0 ? ringAreaM2(ring) : -ringAreaM2(ring);
  });
  return area;
}

/**
 * Ellipsoidal area of a Polygon or MultiPolygon in km² (holes subtracted; overlapping parts are counted twice, so
 * union first when parts may overlap).
 * @example areaKm2({ type: 'Polygon', coordinates: [[[37, 48], [37.1, 48], [37.1, 48.1], [37, 48.1], [37, 48]]] }) // ≈ 82.7
 */
export function areaKm2(geometry: AreaGeometry | null | undefined): number {
  if (!geometry) return 0;
  const m2 =
    geometry.type === 'Polygon'
      ? polygonAreaM2(geometry.coordinates)
      : geometry.coordinates.reduce((s, p) => s + polygonAreaM2(p), 0);
  return m2 / 1e6;
}
