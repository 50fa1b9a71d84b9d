import type { Geometry, Position } from 'geojson';

/**
 * Every polygon of a geometry, as coordinate arrays: a Polygon is one, a MultiPolygon its parts, a
 * GeometryCollection (2022–23 DeepState versions) the polygons of its members, to a depth of 8; anything else, and
 * null, none. The one `polygonsOf` of the project (issue #14: there were three).
 * @example polygonsOf({ type: 'MultiPolygon', coordinates: [a, b] }) // [a, b]
 * @example polygonsOf(null) // []
 */
export function polygonsOf(geometry: Geometry | null | undefined, depth = 0): Position[][][] {
  if (!geometry || depth > 8) return [];
  switch (geometry.type) {
    case 'Polygon':
      return [geometry.coordinates];
    case 'MultiPolygon':
      return geometry.coordinates;
    case 'GeometryCollection':
      return geometry.geometries.flatMap((g) => polygonsOf(g, depth + 1));
    default:
      return [];
  }
}
