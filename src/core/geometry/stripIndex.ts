/**
 * Point-in-polygon for a set of boundary edges in well under a microsecond: the edges are bucketed into horizontal
 * strips, so a ray cast from a point only meets the few edges of its own strip (even–odd rule, holes included).
 */
import type { EdgeSet } from './edgeSet.ts';
import { rayCrosses } from './pointInPolygon.ts';

export interface StripIndex {
  set: EdgeSet;
  south: number;
  /** Strips per degree of latitude. */
  scale: number;
  strips: number;
  /** Edges of strip k are items[start[k] .. start[k + 1]). */
  start: Int32Array;
  items: Int32Array;
}

/**
 * Buckets the edges of `set` into about one strip per four edges.
 * @example const ix = stripIndexOf(edgeSetOf(polygonsOf(g))); insideEdges(ix, 37.2, 48.3)
 */
export function stripIndexOf(set: EdgeSet): StripIndex {
  const south = set.box[1];
  const height = Math.max(set.box[3] - south, 1e-12);
  const strips = Math.max(1, Math.min(1 << 16, Math.ceil(set.n / 4)));
  const scale = strips / height;
  const count = new Int32Array(strips + 1);
  const { y0, y1 } = set;
  for (let i = 0; i < set.n; i++) {
    const a = stripOf(y0[i]!, south, scale, strips);
    const b = stripOf(y1[i]!, south, scale, strips);
    for (let k = a < b ? a : b, end = a < b ? b : a; k <= end; k++) count[k + 1]!++;
  }
  for (let k = 0; k < strips; k++) count[k + 1]! += count[k]!;
  const start = count.slice();
  const items = new Int32Array(count[strips]!);
  for (let i = 0; i < set.n; i++) {
    const a = stripOf(y0[i]!, south, scale, strips);
    const b = stripOf(y1[i]!, south, scale, strips);
    for (let k = a < b ? a : b, end = a < b ? b : a; k <= end; k++) items[count[k]!++] = i;
  }
  return { set, south, scale, strips, start, items };
}

function stripOf(y: number, south: number, scale: number, strips: number): number {
  const k = Math.floor((y - south) * scale);
  return k < 0 ? 0 : k >= strips ? strips - 1 : k;
}

/**
 * Whether (x, y) is inside the edges' polygons (even–odd rule, the point-in-polygon's crossing rule with exact signs:
 * pointInPolygon.ts). A point exactly on an edge is not reported as such: it falls on one side.
 * @example insideEdges(ix, 37.2, 48.3)
 */
export function insideEdges(ix: StripIndex, x: number, y: number): boolean {
  const { set } = ix;
  if (x < set.box[0] || x > set.box[2] || y < set.box[1] || y > set.box[3]) return false;
  const k = stripOf(y, ix.south, ix.scale, ix.strips);
  const { x0, y0, x1, y1 } = set;
  let inside = false;
  for (let j = ix.start[k]!, end = ix.start[k + 1]!; j < end; j++) {
    const i = ix.items[j]!;
    if (rayCrosses(x0[i]!, y0[i]!, x1[i]!, y1[i]!, x, y)) inside = !inside;
  }
  return inside;
}

/**
 * Whether (x, y) is inside the edges' polygons (even–odd rule, as insideEdges), testing every edge: for small sets, where building
 * an index costs more than it saves.
 * @example insideEdgesPlain(circle, 37.2, 48.3)
 */
export function insideEdgesPlain(set: EdgeSet, x: number, y: number): boolean {
  if (x < set.box[0] || x > set.box[2] || y < set.box[1] || y > set.box[3]) return false;
  const { x0, y0, x1, y1 } = set;
  let inside = false;
  for (let i = 0; i < set.n; i++) {
    if (rayCrosses(x0[i]!, y0[i]!, x1[i]!, y1[i]!, x, y)) inside = !inside;
  }
  return inside;
}
