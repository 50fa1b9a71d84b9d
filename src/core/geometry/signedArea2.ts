import type { Position } from 'geojson';

/**
 * Twice the signed planar area of a closed ring in degrees (the shoelace sum): positive when the ring runs
 * counter-clockwise. Used for its sign (winding) and to compare sizes in the plane, never as an area in km² (that is
 * areaKm2's, on the ellipsoid). The one shoelace of the project (issue #14).
 * @example signedArea2([[0, 0], [1, 0], [1, 1], [0, 0]]) // 1
 */
export function signedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++)
    s += ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
  return s;
}
