/**
 * The one orientation predicate of the geometry core (STYLE.md habit 12): the sign of the turn a → b → c, decided
 * exactly by Shewchuk's adaptive-precision arithmetic (`robust-predicates`, the package Turf uses), never by a
 * floating-point product compared with 0.
 *
 * `robust-predicates`' own `orient2d` is positive when the points run clockwise (despite its README); this module
 * turns that into the usual convention, checked in tests/unit/engineRobustness.test.ts.
 */
import { orient2d } from 'robust-predicates';

/**
 * Positive when c lies left of the directed line a → b, negative when right, exactly 0 only when collinear. Its
 * magnitude is twice the triangle's area (so |orient| / |b − a| is the distance of c from the line).
 * @example orient(0, 0, 1, 0, 0, 1) // > 0: left
 */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return -orient2d(ax, ay, bx, by, cx, cy);
}

/**
 * How close (in degrees) a vertex must come to another edge to split it: snap rounding's tolerance. Coordinates are
 * already on a 1e-9° grid (src/core/geometry/edgeSet.ts), so a vertex that lies on an edge in decimal (a T-junction written
 * with 7 decimals) is off it in binary by ~1e-15°, and a vertex rounded to the grid by up to 7e-10°: both well within
 * 1e-9° (about 0.1 mm). Splitting an edge at a vertex that close moves its boundary by under 0.1 mm, which changes an
 * area by less than 1e-4 km² per 1,000 km of edge.
 */
export const NODE_TOLERANCE_DEG = 1e-9;
