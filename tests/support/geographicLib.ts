/**
 * The reference area: GeographicLib's geodesic polygon area on WGS84 (Karney 2013, `geographiclib-geodesic`),
 * independent of src/core/geometry/areaKm2.ts. It takes edges as geodesics where areaKm2 takes them straight in lon/lat;
 * the two agree to well under 0.001% on front-line data, whose edges are tens of metres to a few km.
 */
import geodesic from 'geographiclib-geodesic';
import type { AreaGeometry } from '../../src/core/index.ts';

/**
 * Geodesic area in km², holes subtracted.
 * @example geographicLibKm2({ type: 'Polygon', coordinates: [[[37, 48], [37.1, 48], [37.1, 48.1], [37, 48.1], [37, 48]]] })
 */
export function geographicLibKm2(geometry: AreaGeometry | null): number {
  if (!geometry) return 0;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let m2 = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      const poly = geodesic.Geodesic.WGS84.Polygon(false);
      // GeographicLib closes the ring itself: leave out the repeated last position.
      for (const [lon, lat] of ring.slice(0, -1)) poly.AddPoint(lat!, lon!);
      const ringM2 = Math.abs(poly.Compute(false, true).area ?? NaN);
      m2 += i === 0 ? ringM2 : -ringM2;
    });
  }
  return m2 / 1e6;
}
