/**
 * Signed distance fields of font glyphs, as MapLibre draws text from them (issue #12: glyphs served by the app
 * itself). MapLibre's glyph PBFs hold, for each character, an 8-bit SDF of its outline at 24 px with a 3 px border;
 * a byte is `255 − 255 · (d / 8 + 0.25)` where `d` is the signed distance in pixels from the pixel's centre to the
 * outline (negative inside), so the outline itself is 191 and MapLibre's shader cuts text at 0.75 and halos further
 * out (SDF_PX = 8). These are the constants of node-fontnik and TinySDF, which MapLibre's shaders are tuned for.
 *
 * The distance is computed exactly from the flattened outline (every pixel against every segment), not from a
 * rasterised bitmap as fontnik does: a glyph has at most a few hundred segments, so a whole Latin + Cyrillic font
 * renders in about a second of plain JavaScript, with no native build.
 * @see https://github.com/mapbox/node-fontnik
 * @see https://github.com/mapbox/tiny-sdf
 */

/** The size in pixels that MapLibre expects glyphs at (its ONE_EM). */
export const GLYPH_SIZE = 24;
/** The border around each glyph's bitmap, in pixels (GLYPH_PBF_BORDER in MapLibre). */
export const GLYPH_BUFFER = 3;
/** Distances beyond this many pixels are clamped. */
export const SDF_RADIUS = 8;
/** The share of the byte range given to the inside of the outline: the outline itself is 255 · (1 − 0.25). */
export const SDF_CUTOFF = 0.25;

/** A closed ring of an outline, in pixels with y pointing down (as opentype.js draws paths). */
export type Ring = readonly (readonly [number, number])[];

/** What the glyph PBF holds for one character, apart from its code point and advance. */
export interface GlyphSdf {
  /** `(width + 2·buffer) × (height + 2·buffer)` bytes, row by row from the top. */
  bitmap: Uint8Array;
  width: number;
  height: number;
  /** Pixels from the pen position to the bitmap's left edge (without the border). */
  left: number;
  /** Pixels from the baseline up to the bitmap's top edge (without the border). */
  top: number;
}

/** Squared distance from (px, py) to the segment a–b. */
function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Non-zero winding number of the outline around (px, py). */
function winding(px: number, py: number, rings: readonly Ring[]): number {
  let w = 0;
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const [ax, ay] = ring[j]!;
      const [bx, by] = ring[i]!;
      if (ay <= py) {
        if (by > py && (bx - ax) * (py - ay) - (px - ax) * (by - ay) > 0) w++;
      } else if (by <= py && (bx - ax) * (py - ay) - (px - ax) * (by - ay) < 0) w--;
    }
  }
  return w;
}

/** How far either side of an edge the rule is asked which side is inside, in pixels. */
const SIDE_PROBE = 1e-3;

/**
 * The parts of the outline's segments that bound the filled area, as `[ax, ay, bx, by]` runs. Fonts made from
 * variable masters (Noto Sans among them) draw strokes as overlapping contours: "Ж" or "ф" are several shapes laid
 * over each other, and the parts of a contour inside another are not edges of the letter. Left in, they would draw
 * seams through the strokes. So every segment is cut where it crosses another, and a piece is kept only when the
 * non-zero rule puts one side of it inside and the other outside.
 */
function boundaryEdges(rings: readonly Ring[]): Float64Array {
  const segs: number[] = [];
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const a = ring[j]!;
      const b = ring[i]!;
      if (a[0] !== b[0] || a[1] !== b[1]) segs.push(a[0], a[1], b[0], b[1]);
    }
  }
  const count = segs.length / 4;
  const cuts: number[][] = Array.from({ length: count }, () => [0, 1]);
  for (let i = 0; i < count; i++) {
    const [ax, ay, bx, by] = segs.slice(i * 4, i * 4 + 4) as [number, number, number, number];
    for (let k = i + 1; k < count; k++) {
      const [cx, cy, dx, dy] = segs.slice(k * 4, k * 4 + 4) as [number, number, number, number];
      const rx = bx - ax;
      const ry = by - ay;
      const sx = dx - cx;
      const sy = dy - cy;
      const denom = rx * sy - ry * sx;
      // Parallel segments cannot cross; collinear overlaps are settled by the side probes below.
      if (denom === 0) continue;
      const t = ((cx - ax) * sy - (cy - ay) * sx) / denom;
      const u = ((cx - ax) * ry - (cy - ay) * rx) / denom;
      if (t > 0 && t < 1 && u >= 0 && u <= 1) cuts[i]!.push(t);
      if (u > 0 && u < 1 && t >= 0 && t <= 1) cuts[k]!.push(u);
    }
  }
  const edges: number[] = [];
  for (let i = 0; i < count; i++) {
    const [ax, ay, bx, by] = segs.slice(i * 4, i * 4 + 4) as [number, number, number, number];
    const len = Math.hypot(bx - ax, by - ay);
    const nx = (-(by - ay) / len) * SIDE_PROBE;
    const ny = ((bx - ax) / len) * SIDE_PROBE;
    const ts = cuts[i]!.sort((p, q) => p - q);
    for (let k = 1; k < ts.length; k++) {
      const t0 = ts[k - 1]!;
      const t1 = ts[k]!;
      if (t1 - t0 < 1e-9) continue;
      const mx = ax + ((t0 + t1) / 2) * (bx - ax);
      const my = ay + ((t0 + t1) / 2) * (by - ay);
      const left = winding(mx + nx, my + ny, rings) !== 0;
      const right = winding(mx - nx, my - ny, rings) !== 0;
      if (left !== right)
        edges.push(ax + t0 * (bx - ax), ay + t0 * (by - ay), ax + t1 * (bx - ax), ay + t1 * (by - ay));
    }
  }
  return Float64Array.from(edges);
}

/**
 * The SDF of one glyph outline. `rings` are in pixels at {@link GLYPH_SIZE}, y down, relative to the pen position
 * on the baseline; an empty outline (a space) gives a 0 × 0 glyph with an empty bitmap, as fontnik does. Inside is
 * decided by the non-zero winding rule, which TrueType and CFF outlines use (the counter of "o" winds the other
 * way). A pixel centre exactly on an edge may come out on either side: its distance is 0 there, so its byte is the
 * outline's value either way.
 * @example glyphSdf([[[2, -10], [8, -10], [8, 0], [2, 0]]]) // a 6 × 10 px box: width 6, height 10, left 2, top 10
 */
export function glyphSdf(rings: readonly Ring[]): GlyphSdf {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const ring of rings)
    for (const [x, y] of ring) {
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  if (!(x1 > x0) || !(y1 > y0)) return { bitmap: new Uint8Array(0), width: 0, height: 0, left: 0, top: 0 };
  const left = Math.floor(x0);
  const topY = Math.floor(y0);
  const width = Math.ceil(x1) - left;
  const height = Math.ceil(y1) - topY;
  const w = width + 2 * GLYPH_BUFFER;
  const h = height + 2 * GLYPH_BUFFER;
  const bitmap = new Uint8Array(w * h);
  const edges = boundaryEdges(rings);
  const maxD2 = SDF_RADIUS * SDF_RADIUS;
  for (let row = 0; row < h; row++) {
    const py = topY - GLYPH_BUFFER + row + 0.5;
    for (let col = 0; col < w; col++) {
      const px = left - GLYPH_BUFFER + col + 0.5;
      let d2 = maxD2;
      for (let e = 0; e < edges.length; e += 4) {
        const s = segmentDistance2(px, py, edges[e]!, edges[e + 1]!, edges[e + 2]!, edges[e + 3]!);
        if (s < d2) d2 = s;
      }
      const d = Math.sqrt(d2) * (winding(px, py, rings) !== 0 ? -1 : 1);
      const v = Math.round(255 - 255 * (d / SDF_RADIUS + SDF_CUTOFF));
      bitmap[row * w + col] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return { bitmap, width, height, left, top: -topY };
}

/** Path commands as opentype.js gives them (`Path.commands`). */
export type PathCommand =
  | { type: 'M' | 'L'; x: number; y: number }
  | { type: 'Q'; x1: number; y1: number; x: number; y: number }
  | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { type: 'Z' };

/**
 * Chords per curve: about one per pixel of its control polygon, 2 to 8. At 24 px a glyph's curves span a few
 * pixels, so the chords stay within a few hundredths of a pixel of the curve.
 */
function curveSteps(...points: number[]): number {
  let len = 0;
  for (let i = 2; i < points.length; i += 2)
    len += Math.hypot(points[i]! - points[i - 2]!, points[i + 1]! - points[i - 1]!);
  return Math.min(8, Math.max(2, Math.ceil(len)));
}

/**
 * Flattens a glyph's path into closed rings of straight segments.
 * @example flattenPath([{ type: 'M', x: 0, y: 0 }, { type: 'L', x: 4, y: 0 }, { type: 'L', x: 0, y: 4 }, { type: 'Z' }])
 * // [[[0, 0], [4, 0], [0, 4]]]
 */
export function flattenPath(commands: readonly PathCommand[]): [number, number][][] {
  const rings: [number, number][][] = [];
  let ring: [number, number][] = [];
  let x = 0;
  let y = 0;
  const close = () => {
    if (ring.length >= 3) rings.push(ring);
    ring = [];
  };
  for (const c of commands) {
    switch (c.type) {
      case 'M':
        close();
        ring.push([c.x, c.y]);
        break;
      case 'L':
        ring.push([c.x, c.y]);
        break;
      case 'Q': {
        const steps = curveSteps(x, y, c.x1, c.y1, c.x, c.y);
        for (let i = 1; i <= steps; i++) {
          const t = i / steps;
          const u = 1 - t;
          ring.push([u * u * x + 2 * u * t * c.x1 + t * t * c.x, u * u * y + 2 * u * t * c.y1 + t * t * c.y]);
        }
        break;
      }
      case 'C': {
        const steps = curveSteps(x, y, c.x1, c.y1, c.x2, c.y2, c.x, c.y);
        for (let i = 1; i <= steps; i++) {
          const t = i / steps;
          const u = 1 - t;
          const a = u * u * u;
          const b = 3 * u * u * t;
          const d = 3 * u * t * t;
          const e = t * t * t;
          ring.push([a * x + b * c.x1 + d * c.x2 + e * c.x, a * y + b * c.y1 + d * c.y2 + e * c.y]);
        }
        break;
      }
      case 'Z':
        close();
        continue;
    }
    x = c.x;
    y = c.y;
  }
  close();
  return rings;
}
