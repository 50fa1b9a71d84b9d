/**
 * A circle on the ground as a polygon, for areas of your own drawn as a circle (issue #5): its vertices lie
 * `radiusKm` from the centre along great circles (Turf's `circle`, on a sphere of the mean Earth radius), so the
 * circle is as wide on the ground in every direction; at Ukraine's latitudes it looks round on the web map too.
 */
import { circle } from '@turf/turf';
import type { Polygon } from 'geojson';

/** The largest radius accepted: a circle wider than Ukraine is not an "area" of the front. */
export const MAX_CIRCLE_KM = 1000;

/**
 * The polygon of a circle: `steps` vertices (closed: the first repeated at the end), wound counter-clockwise as
 * RFC 7946 §3.1.6 asks. Throws a RangeError for a centre off the globe or a radius that is not in (0, 1000] km.
 * @example circlePolygon([37.18, 48.28], 10).coordinates[0].length // 65
 */
export function circlePolygon(center: readonly [number, number], radiusKm: number, steps = 64): Polygon {
  const [lon, lat] = center;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90)
    throw new RangeError(`circlePolygon: centre (${lon}, ${lat}) is not a longitude and latitude`);
  if (!Number.isFinite(radiusKm) || radiusKm <= 0 || radiusKm > MAX_CIRCLE_KM)
    throw new RangeError(`circlePolygon: radius ${radiusKm} km is not in (0, ${MAX_CIRCLE_KM}] km`);
  if (!Number.isInteger(steps) || steps < 8)
    throw new RangeError(`circlePolygon: ${steps} steps; at least 8 needed`);
  return circle([lon, lat], radiusKm, { steps, units: 'kilometers' }).geometry;
}
