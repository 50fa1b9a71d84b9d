/**
 * Geodesic lengths on the WGS84 ellipsoid with GeographicLib's inverse solution (Karney 2013, accurate to 15 nm),
 * for the front-line length (issue #15). An edge of the source is straight in longitude/latitude (RFC 7946 §3.1.1),
 * not a geodesic; for the edges of front-line data (metres to ~20 km) the two lengths differ by less than 1e-7 of
 * the edge, far below anything the length is quoted to.
 */
import geodesic from 'geographiclib-geodesic';
import type { Position } from 'geojson';

const WGS84 = geodesic.Geodesic.WGS84;
const DISTANCE = geodesic.Geodesic.DISTANCE;

/**
 * Geodesic distance in km between two points given as longitude/latitude degrees.
 * @example geodesicEdgeKm(37, 48, 37.1, 48) // ≈ 7.4509
 */
export function geodesicEdgeKm(lon0: number, lat0: number, lon1: number, lat1: number): number {
  if (lon0 === lon1 && lat0 === lat1) return 0;
  return WGS84.Inverse(lat0, lon0, lat1, lon1, DISTANCE).s12! / 1000;
}

/**
 * Geodesic length in km of a line (the sum of its edges).
 * @example geodesicLineKm([[37, 48], [37.1, 48], [37.1, 48.1]])
 */
export function geodesicLineKm(line: readonly Position[]): number {
  let km = 0;
  for (let i = 1; i < line.length; i++)
    km += geodesicEdgeKm(line[i - 1]![0]!, line[i - 1]![1]!, line[i]![0]!, line[i]![1]!);
  return km;
}
