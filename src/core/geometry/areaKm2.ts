/**
 * Area on the WGS84 ellipsoid, in km².
 *
 * Why not `@turf/area`: it works on a sphere of radius 6,371,008.8 m and reads ~0.2–0.3% low at Ukraine's latitudes,
 * while DeepState publishes ellipsoidal figures (issue #4). We project each vertex to the ellipsoidal cylindrical
 * equal-area projection (x = a·λ, y = a·q(φ)/2, Snyder, "Map Projections: A Working Manual", eq. 3-12) and take the
 * planar shoelace area there, integrating along sloping edges (src/core/geometry/edgeArea.ts).
 *
 * Edges are taken as RFC 7946 defines them: straight lines in longitude/latitude. That is also how Turf clips, so
 * areas stay additive under our own unions and intersections (per-oblast parts add up to the total exactly).
 * GeographicLib takes edges as geodesics instead; the two agree to well under 0.01% for front-line data, whose edges
 * are tens of metres to a few km (≤ 0.0005% on the daily archive and the API versions since 2023), and part ways
 * only on edges of ~100 km: up to 0.14% on the 2022-04-03 version, where ours is the one closer to DeepState's own
 * published figure (tests/unit/areaKm2.test.ts). Edges must not cross the antimeridian (Ukraine's never do).
 */
import type { Position } from 'geojson';
import { edgeTerm, qOfLat, TERM_TO_KM2 } from './edgeArea.ts';
import type { AreaGeometry } from '../model/model.ts';

/** The area model named in every export. */
export const AREA_MODEL =
  'WGS84 ellipsoid, edges straight in lon/lat (RFC 7946), equal-area integration; within 0.001% of GeographicLib on 2023+ data';

/** Unsigned area of one closed ring in km² (the sum of its edges' terms, src/core/geometry/edgeArea.ts). */
function ringAreaKm2(ring: readonly Position[]): number {
  const n = ring.length;
  if (n < 4) return 0;
  let sum = 0;
  let x0 = ring[0]![0]!;
  let y0 = ring[0]![1]!;
  let q0 = qOfLat(y0);
  for (let i = 1; i < n; i++) {
    const x1 = ring[i]![0]!;
    const y1 = ring[i]![1]!;
    const q1 = y1 === y0 ? q0 : qOfLat(y1);
    sum += edgeTerm(x0, y0, x1, y1, q0, q1);
    x0 = x1;
    y0 = y1;
    q0 = q1;
  }
  return Math.abs(sum) * TERM_TO_KM2;
}

function polygonAreaKm2(rings: readonly (readonly Position[])[]): number {
  let area = 0;
  rings.forEach((ring, i) => {
    area += i === 0 ? ringAreaKm2(ring) : -ringAreaKm2(ring);
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
  return geometry.type === 'Polygon'
    ? polygonAreaKm2(geometry.coordinates)
    : geometry.coordinates.reduce((s, p) => s + polygonAreaKm2(p), 0);
}
