/**
 * The bounding box of a polygon or multipolygon, for fitting a map to it.
 */
import type { AreaGeometry } from '../model/model.ts';

/**
 * [west, south, east, north] of the outer rings (holes lie inside them).
 * @example boundsOf({ type: 'Polygon', coordinates: [[[37, 48], [38, 48], [38, 49], [37, 48]]] }) // [37, 48, 38, 49]
 */
export function boundsOf(g: AreaGeometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const rings of polys)
    for (const [x, y] of rings[0] ?? []) {
      box[0] = Math.min(box[0], x!);
      box[1] = Math.min(box[1], y!);
      box[2] = Math.max(box[2], x!);
      box[3] = Math.max(box[3], y!);
    }
  return box;
}
