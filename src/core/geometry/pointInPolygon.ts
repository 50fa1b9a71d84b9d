/**
 * The one point-in-polygon of the project (STYLE.md habit 13, issue #14): where a point lies against a ring, a
 * polygon or a multipolygon, decided exactly.
 *
 * Rule: the even–odd (crossing-number) rule over every ring of a polygon, shell and holes alike, with a ray towards
 * +x; an edge counts when one end is above the point and the other at or below it (half-open, so a vertex on the ray
 * is counted once). **Boundary rule: a point on an edge or a vertex of any ring (shell or hole) is on the boundary
 * (0), and `pointInPolygon` counts the boundary as inside** — a closed polygon, as Turf's `booleanPointInPolygon`
 * with its default `ignoreBoundary: false` and GEOS's `covers`. Signs come from `orient` (Shewchuk's adaptive
 * arithmetic), on the coordinates as given, never from a product compared with 0 (STYLE.md habit 12): a point off
 * an edge by one ulp is off it. Closed or unclosed rings, rings in either direction and repeated vertices give the
 * same answer.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { orient } from './orient.ts';

/** Inside (1), on the boundary (0) or outside (−1). */
export type Side = 1 | 0 | -1;

/**
 * Whether the ray from (x, y) towards +x crosses the edge a → b, by the half-open rule: one end above y, the other
 * at or below it (`above`, the ray at y + 0⁺), or one end at or above, the other below (the ray at y − 0⁺). The
 * caller has ruled out (x, y) lying on the edge.
 * @example rayCrosses(1, -1, 1, 1, 0, 0) // true: the edge x = 1 is east of the origin
 */
export function rayCrosses(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  x: number,
  y: number,
  above = true,
): boolean {
  if (above ? ay > y === by > y : ay >= y === by >= y) return false;
  const o = orient(ax, ay, bx, by, x, y);
  // (x, y) left of an upward edge, or right of a downward one: the edge is east of it.
  return ay < by ? o > 0 : o < 0;
}

/**
 * Where (x, y) lies against one ring (closed or not): 1 inside, 0 on an edge or vertex, −1 outside.
 * @example pointInRing(0.5, 0.5, [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]) // 1
 * @example pointInRing(1, 0.5, [[0, 0], [1, 0], [1, 1], [0, 1]]) // 0
 */
export function pointInRing(x: number, y: number, ring: readonly Position[]): Side {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const ax = ring[j]![0]!;
    const ay = ring[j]![1]!;
    const bx = ring[i]![0]!;
    const by = ring[i]![1]!;
    // An edge wholly above or below the point can neither hold it nor cross its ray.
    if ((ay > y && by > y) || (ay < y && by < y)) continue;
    const o = orient(ax, ay, bx, by, x, y);
    if (o === 0) {
      if (x >= Math.min(ax, bx) && x <= Math.max(ax, bx)) return 0;
      continue;
    }
    if (ay > y !== by > y && (ay < by ? o > 0 : o < 0)) inside = !inside;
  }
  return inside ? 1 : -1;
}

/**
 * Where (x, y) lies against a polygon's rings (the first the shell, the rest holes): the even–odd rule over all of
 * them, 0 on any ring's boundary.
 * @example pointInRings(5, 5, square10WithHole2to8) // -1: in the hole
 */
export function pointInRings(x: number, y: number, rings: readonly (readonly Position[])[]): Side {
  let inside = false;
  for (const ring of rings) {
    const side = pointInRing(x, y, ring);
    if (side === 0) return 0;
    if (side > 0) inside = !inside;
  }
  return inside ? 1 : -1;
}

/**
 * Whether `point` lies in a polygon or multipolygon (any of its parts), the boundary counted as inside. A `bbox` on
 * the geometry or feature is checked first, as Turf does.
 * @example pointInPolygon([30.5, 50.4], kyivOblast) // true
 */
export function pointInPolygon(
  point: Position,
  area: Polygon | MultiPolygon | Feature<Polygon | MultiPolygon>,
): boolean {
  const x = point[0]!;
  const y = point[1]!;
  const box = area.bbox;
  if (box && (x < box[0] || y < box[1] || x > box[2] || y > box[3])) return false;
  const geometry = area.type === 'Feature' ? area.geometry : area;
  if (geometry.type === 'Polygon') return pointInRings(x, y, geometry.coordinates) >= 0;
  for (const rings of geometry.coordinates) if (pointInRings(x, y, rings) >= 0) return true;
  return false;
}
