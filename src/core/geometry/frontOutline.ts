/**
 * The outline the front line is not (issue #15): Ukraine's land border with Russia and Belarus and its sea coast
 * (geodata/front-outline.geojson, built by scripts/build-front-outline.mjs), indexed for "how far is this point from
 * the border or the coast".
 */
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Position } from 'geojson';

/** What a stretch of the outline is. */
export type OutlineKind = 'border' | 'coast';

export interface OutlineProperties {
  kind: OutlineKind;
  /** ISO 3166-1 alpha-3 of the neighbour for a border, null for the coast. */
  neighbour: string | null;
}

/**
 * The outline file: the border and coast lines, and (from scripts/build-dnipro.mjs) one feature of kind 'dnipro',
 * the water of the lower Dnipro and the Kakhovka reservoir as a MultiPolygon, which says where the front follows the
 * river (src/core/geometry/frontLine.ts). The border and coast index ignores it.
 */
export type FrontOutlineCollection = FeatureCollection<
  MultiLineString | MultiPolygon,
  OutlineProperties | DniproProperties
>;

export interface DniproProperties {
  kind: 'dnipro';
  neighbour: null;
}

/**
 * The outline's Dnipro feature, or null when it has none.
 * @example dniproOf(outline)?.geometry.coordinates.length
 */
export function dniproOf(outline: FrontOutlineCollection): Feature<MultiPolygon, DniproProperties> | null {
  const f = outline.features.find(
    (x) => x.properties.kind === 'dnipro' && x.geometry.type === 'MultiPolygon',
  );
  return (f as Feature<MultiPolygon, DniproProperties> | undefined) ?? null;
}

export interface OutlineIndex {
  /** Segments by grid cell ({@link CELL_DEG}): cell key → segment indices. */
  cells: Map<number, number[]>;
  /** Segment i runs from (x0[i], y0[i]) to (x1[i], y1[i]), degrees. */
  x0: Float64Array;
  y0: Float64Array;
  x1: Float64Array;
  y1: Float64Array;
  kind: OutlineKind[];
}

/** Grid cell size of the index, degrees (~5.5 km): a query of a few km looks at a handful of cells. */
const CELL_DEG = 0.05;
const cellKey = (cx: number, cy: number): number => cx * 100_000 + cy;

/** Metres per degree of latitude (mean), for local distances of a few km. */
export const M_PER_DEG = 111_320;

/**
 * Indexes the outline's segments.
 * @example const ix = outlineIndexOf(outline); outlineDistance(ix, 36.5, 50.4, 2000)
 */
export function outlineIndexOf(outline: FrontOutlineCollection): OutlineIndex {
  const lines: { line: readonly Position[]; kind: OutlineKind }[] = [];
  for (const f of outline.features) {
    const k = f.properties.kind;
    if (k === 'dnipro' || f.geometry.type !== 'MultiLineString') continue;
    for (const line of f.geometry.coordinates) lines.push({ line, kind: k });
  }
  return linesIndexOf(lines);
}

/**
 * Indexes any lines (each with the kind a query reports for it), e.g. the rings of the Dnipro's water.
 * @example linesIndexOf([{ line: ring, kind: 'coast' }])
 */
export function linesIndexOf(
  lines: readonly { line: readonly Position[]; kind: OutlineKind }[],
): OutlineIndex {
  const segs: number[] = [];
  const kind: OutlineKind[] = [];
  for (const { line, kind: k } of lines)
    for (let i = 1; i < line.length; i++) {
      segs.push(line[i - 1]![0]!, line[i - 1]![1]!, line[i]![0]!, line[i]![1]!);
      kind.push(k);
    }
  const n = kind.length;
  if (n === 0) throw new Error('outlineIndexOf: the outline has no segments');
  const ix: OutlineIndex = {
    cells: new Map(),
    x0: new Float64Array(n),
    y0: new Float64Array(n),
    x1: new Float64Array(n),
    y1: new Float64Array(n),
    kind,
  };
  for (let i = 0; i < n; i++) {
    const [a, b, c, d] = [segs[4 * i]!, segs[4 * i + 1]!, segs[4 * i + 2]!, segs[4 * i + 3]!];
    ix.x0[i] = a;
    ix.y0[i] = b;
    ix.x1[i] = c;
    ix.y1[i] = d;
    for (let cx = Math.floor(Math.min(a, c) / CELL_DEG); cx <= Math.floor(Math.max(a, c) / CELL_DEG); cx++)
      for (
        let cy = Math.floor(Math.min(b, d) / CELL_DEG);
        cy <= Math.floor(Math.max(b, d) / CELL_DEG);
        cy++
      ) {
        const key = cellKey(cx, cy);
        const list = ix.cells.get(key);
        if (list) list.push(i);
        else ix.cells.set(key, [i]);
      }
  }
  return ix;
}

/**
 * Distance in metres from (lon, lat) to the nearest outline segment within `maxM` metres, and that segment's kind;
 * `{ m: Infinity, kind: null }` when none is that close. Distances are planar in a local equirectangular frame:
 * within 0.5% of the geodesic distance at the few-km scale this is used at.
 * @example outlineDistance(ix, 38.2, 47.1, 1000).kind // 'border' (the Russian border at the Sea of Azov)
 */
export function outlineDistance(
  ix: OutlineIndex,
  lon: number,
  lat: number,
  maxM: number,
): { m: number; kind: OutlineKind | null } {
  const k = Math.cos((lat * Math.PI) / 180);
  const dy = maxM / M_PER_DEG;
  const dx = dy / k;
  let best = Infinity;
  let kind: OutlineKind | null = null;
  // A segment in several cells is measured more than once: the same distance, cheaper than remembering it.
  for (let cx = Math.floor((lon - dx) / CELL_DEG); cx <= Math.floor((lon + dx) / CELL_DEG); cx++)
    for (let cy = Math.floor((lat - dy) / CELL_DEG); cy <= Math.floor((lat + dy) / CELL_DEG); cy++)
      for (const i of ix.cells.get(cellKey(cx, cy)) ?? []) {
        const ux = ix.x0[i]! * k;
        const uy = ix.y0[i]!;
        const ex = ix.x1[i]! * k - ux;
        const ey = ix.y1[i]! - uy;
        const px = lon * k - ux;
        const py = lat - uy;
        const len2 = ex * ex + ey * ey;
        const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * ex + py * ey) / len2));
        const m = Math.hypot(px - t * ex, py - t * ey) * M_PER_DEG;
        if (m < best) [best, kind] = [m, ix.kind[i]!];
      }
  return best <= maxM ? { m: best, kind } : { m: Infinity, kind: null };
}
