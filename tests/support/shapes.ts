/**
 * Small authored shapes for tests.
 */
import type { Polygon } from 'geojson';

/**
 * An axis-aligned square in lon/lat with its south-west corner at (x, y) and sides of `d` degrees, wound
 * counter-clockwise as RFC 7946 asks of an outer ring.
 * @example squarePolygon(37, 48, 0.1)
 */
export function squarePolygon(x: number, y: number, d: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ],
  };
}
