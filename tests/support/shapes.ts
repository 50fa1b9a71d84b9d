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
  return boxPolygon(x, y, x + d, y + d);
}

/**
 * An axis-aligned box in lon/lat from west, south, east and north, wound counter-clockwise (RFC 7946).
 * @example boxPolygon(37.2, 48.25, 37.35, 48.35)
 */
export function boxPolygon(w: number, s: number, e: number, n: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}
