/**
 * A change engine that overlays only where two snapshots' boundaries differ (issue #4).
 *
 * Why it is exact: the boundary of the symmetric difference A ⊕ B is made only of directed boundary segments that
 * one geometry has and the other lacks (a segment both have, with the interior on the same side, bounds neither
 * the gain nor the loss). So every connected piece of A ⊕ B lies inside the bounding box of one connected cluster
 * of differing segments. Clipping A and B to those boxes (merged until disjoint) and overlaying there gives the
 * same gained and lost polygons as overlaying everything — while consecutive daily snapshots share ~99% of their
 * segments, so only a few small windows are overlaid.
 */
import { bboxClip, difference, featureCollection } from '@turf/turf';
import type { BBox, Feature, Position } from 'geojson';
import { areaKm2 } from './areaKm2.ts';
import type { AreaGeometry, Change } from '../model/model.ts';
import { polygonsOf } from '../model/polygonsOf.ts';
import { signedArea2 } from './signedArea2.ts';

interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Directed boundary segments, oriented so the interior is on the left (outer rings counter-clockwise, holes
 * clockwise, whatever the input's winding), keyed by their exact coordinates.
 */
function directedSegments(g: AreaGeometry | null): Map<string, Segment> {
  const out = new Map<string, Segment>();
  for (const rings of polygonsOf(g)) {
    rings.forEach((ring, r) => {
      const ccw = signedArea2(ring) > 0;
      const flip = r === 0 ? !ccw : ccw;
      for (let i = 1; i < ring.length; i++) {
        const p = flip ? ring[i]! : ring[i - 1]!;
        const q = flip ? ring[i - 1]! : ring[i]!;
        if (p[0] === q[0] && p[1] === q[1]) continue;
        const key = `${p[0]},${p[1]},${q[0]},${q[1]}`;
        // A segment present twice in one geometry (two parts touching along it, both sides) cancels itself out.
        if (out.has(key)) out.delete(key);
        else out.set(key, { x1: p[0]!, y1: p[1]!, x2: q[0]!, y2: q[1]! });
      }
    });
  }
  return out;
}

const overlaps = (a: BBox, b: BBox): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/**
 * Disjoint boxes that together contain every piece of A ⊕ B: the boxes of connected clusters of differing
 * segments, merged while any two overlap.
 * @example changeWindows(a, b).length // a handful for consecutive days
 */
export function changeWindows(a: AreaGeometry | null, b: AreaGeometry | null): BBox[] {
  const sa = directedSegments(a);
  const sb = directedSegments(b);
  const differing: Segment[] = [];
  for (const [k, s] of sa) if (!sb.has(k)) differing.push(s);
  for (const [k, s] of sb) if (!sa.has(k)) differing.push(s);
  if (differing.length === 0) return [];
  // Union-find over segments that share an endpoint.
  const parent = differing.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const byPoint = new Map<string, number>();
  differing.forEach((s, i) => {
    for (const key of [`${s.x1},${s.y1}`, `${s.x2},${s.y2}`]) {
      const j = byPoint.get(key);
      if (j === undefined) byPoint.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const boxes = new Map<number, BBox>();
  differing.forEach((s, i) => {
    const root = find(i);
    const b = boxes.get(root);
    const [w, so, e, n] = [
      Math.min(s.x1, s.x2),
      Math.min(s.y1, s.y2),
      Math.max(s.x1, s.x2),
      Math.max(s.y1, s.y2),
    ];
    if (!b) boxes.set(root, [w, so, e, n]);
    else boxes.set(root, [Math.min(b[0], w), Math.min(b[1], so), Math.max(b[2], e), Math.max(b[3], n)]);
  });
  return mergeOverlapping([...boxes.values()]);
}

/** Merges boxes until no two overlap (a pad keeps pieces that only touch a box edge from being split). */
function mergeOverlapping(input: BBox[]): BBox[] {
  const pad = 1e-7;
  let boxes = input.map((b): BBox => [b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad]);
  for (let changed = true; changed;) {
    changed = false;
    boxes.sort((p, q) => p[0] - q[0]);
    const out: BBox[] = [];
    for (const b of boxes) {
      const hit = out.findIndex((o) => overlaps(o, b));
      if (hit >= 0) {
        const o = out[hit]!;
        out[hit] = [Math.min(o[0], b[0]), Math.min(o[1], b[1]), Math.max(o[2], b[2]), Math.max(o[3], b[3])];
        changed = true;
      } else out.push(b);
    }
    boxes = out;
  }
  return boxes;
}

/** The part of `g` inside `box` (Sutherland–Hodgman, linear time), with the degenerate rings it leaves removed. */
function clipToBox(g: AreaGeometry | null, box: BBox): Feature<AreaGeometry> | null {
  if (!g) return null;
  const polys: Position[][][] = [];
  for (const rings of polygonsOf(g)) {
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of rings[0]!) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
    if (!overlaps([w, s, e, n], box)) continue;
    const clipped = bboxClip({ type: 'Polygon', coordinates: rings }, box).geometry
      .coordinates as Position[][];
    if ((clipped[0]?.length ?? 0) < 4) continue;
    polys.push(clipped.filter((r) => r.length >= 4));
  }
  return polys.length
    ? { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: polys }, properties: {} }
    : null;
}

function diffInWindow(p: Feature<AreaGeometry> | null, q: Feature<AreaGeometry> | null): Position[][][] {
  if (!p) return [];
  const d = q ? difference(featureCollection([p, q]))?.geometry : p.geometry;
  if (!d) return [];
  return d.type === 'Polygon' ? [d.coordinates] : (d.coordinates as Position[][][]);
}

const asGeometry = (polys: Position[][][]): AreaGeometry | null =>
  polys.length === 0 ? null : { type: 'MultiPolygon', coordinates: polys };

/**
 * The change from `a` to `b`, overlaying only inside {@link changeWindows}. Same result as overlaying the whole
 * geometries (tests/unit/changeBetween.property.test.ts and tests/unit/realData.change.test.ts compare both on
 * random and real data).
 * @example windowedChange(occupiedOn('2025-08-15'), occupiedOn('2025-11-20')).netKm2
 */
export function windowedChange(a: AreaGeometry | null, b: AreaGeometry | null): Change {
  const gained: Position[][][] = [];
  const lost: Position[][][] = [];
  for (const box of changeWindows(a, b)) {
    const pa = clipToBox(a, box);
    const pb = clipToBox(b, box);
    gained.push(...diffInWindow(pb, pa));
    lost.push(...diffInWindow(pa, pb));
  }
  const g = asGeometry(gained);
  const l = asGeometry(lost);
  const areaFromKm2 = areaKm2(a);
  const areaToKm2 = areaKm2(b);
  return {
    areaFromKm2,
    areaToKm2,
    gainedKm2: areaKm2(g),
    lostKm2: areaKm2(l),
    netKm2: areaToKm2 - areaFromKm2,
    gained: g,
    lost: l,
  };
}
