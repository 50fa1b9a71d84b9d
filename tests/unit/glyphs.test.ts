/**
 * The map's glyphs (issue #12): signed distance fields computed from font outlines, checked against exact distances
 * (a box, a box with a hole) and against GEOS on real Noto Sans outlines; the PBF decoded back field by field.
 */
import { readFileSync } from 'node:fs';
import initGeosJs from 'geos-wasm';
import { geojsonToGeosGeom } from 'geos-wasm/helpers';
import type { Geometry } from 'geojson';
import { PbfReader } from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import { glyphsUrl } from '../../src/ui/map/glyphsUrl.ts';
import { encodeGlyphRange } from '../../src/server/glyphPbf.ts';
import { GLYPHS_PATH } from '../../src/server/glyphsPlugin.ts';
import {
  GLYPH_BUFFER,
  glyphSdf,
  flattenPath,
  SDF_CUTOFF,
  SDF_RADIUS,
  GLYPH_SIZE,
  type Ring,
} from '../../src/server/glyphSdf.ts';
import {
  fontLicence,
  GLYPH_RANGES,
  glyphRanges,
  loadGlyphFont,
  renderGlyphRange,
  type GlyphFont,
} from '../../src/server/glyphs.ts';

/** The byte for a signed distance, as MapLibre reads it (TinySDF / fontnik). */
const byte = (d: number) => Math.max(0, Math.min(255, Math.round(255 - 255 * (d / SDF_RADIUS + SDF_CUTOFF))));

/** Exact signed distance to an axis-aligned box, negative inside. */
function boxDistance(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = Math.max(x0 - px, 0, px - x1);
  const dy = Math.max(y0 - py, 0, py - y1);
  if (dx > 0 || dy > 0) return Math.hypot(dx, dy);
  return -Math.min(px - x0, x1 - px, py - y0, y1 - py);
}

/** Every pixel of an SDF with the centre it was computed at. */
function* pixels(sdf: ReturnType<typeof glyphSdf>) {
  const w = sdf.width + 2 * GLYPH_BUFFER;
  const h = sdf.height + 2 * GLYPH_BUFFER;
  for (let row = 0; row < h; row++)
    for (let col = 0; col < w; col++)
      yield {
        x: sdf.left - GLYPH_BUFFER + col + 0.5,
        y: -sdf.top - GLYPH_BUFFER + row + 0.5,
        value: sdf.bitmap[row * w + col]!,
      };
}

describe('glyphSdf', () => {
  it('gives a box its exact distance field, with the metrics MapLibre reads', () => {
    // A 6 × 10 px box standing on the baseline, 2 px right of the pen (y down: from −10 to 0).
    const sdf = glyphSdf([
      [
        [2, -10],
        [8, -10],
        [8, 0],
        [2, 0],
      ],
    ]);
    expect(sdf).toMatchObject({ width: 6, height: 10, left: 2, top: 10 });
    expect(sdf.bitmap.length).toBe((6 + 6) * (10 + 6));
    for (const p of pixels(sdf)) expect(p.value).toBe(byte(boxDistance(p.x, p.y, 2, -10, 8, 0)));
    // The field is the same whichever way the ring winds.
    const reversed = glyphSdf([
      [
        [2, 0],
        [8, 0],
        [8, -10],
        [2, -10],
      ],
    ]);
    expect([...reversed.bitmap]).toEqual([...sdf.bitmap]);
  });

  it('treats a counter wound the other way as outside (non-zero rule), and one wound the same way as inside', () => {
    const outer: Ring = [
      [0, -12],
      [12, -12],
      [12, 0],
      [0, 0],
    ];
    const hole: Ring = [
      [4, -8],
      [4, -4],
      [8, -4],
      [8, -8],
    ];
    const ring = glyphSdf([outer, hole]);
    const filled = glyphSdf([outer, [...hole].reverse()]);
    const at = (sdf: ReturnType<typeof glyphSdf>, x: number, y: number) =>
      [...pixels(sdf)].find((p) => p.x === x && p.y === y)!.value;
    // The hole's centre is 2 px from its edges: outside in the ring, well inside where both wind the same way.
    expect(at(ring, 6.5, -6.5)).toBe(byte(Math.hypot(0, 1.5)));
    // Where both wind the same way the inner ring lies inside the fill: it is no edge, so the distance is 5.5 px.
    expect(at(filled, 6.5, -6.5)).toBe(byte(-5.5));
    // Far outside, both are clamped to 0.
    expect(at(ring, -2.5, 2.5)).toBe(byte(Math.hypot(2.5, 2.5)));
  });

  it('gives an empty outline (a space) an empty glyph', () => {
    expect(glyphSdf([])).toEqual({ bitmap: new Uint8Array(0), width: 0, height: 0, left: 0, top: 0 });
  });

  it('flattens curves through their end points', () => {
    const rings = flattenPath([
      { type: 'M', x: 0, y: 0 },
      { type: 'Q', x1: 5, y1: -10, x: 10, y: 0 },
      { type: 'C', x1: 10, y1: 5, x2: 0, y2: 5, x: 0, y: 0 },
      { type: 'Z' },
    ]);
    expect(rings).toHaveLength(1);
    const ring = rings[0]!;
    expect(ring[0]).toEqual([0, 0]);
    expect(ring).toContainEqual([10, 0]);
    // The quadratic's apex (t = ½) is at y = −5.
    expect(Math.min(...ring.map((p) => p[1]))).toBeCloseTo(-5, 1);
  });
});

describe('glyphs of Noto Sans', () => {
  let regular: GlyphFont;
  beforeAll(() => {
    regular = loadGlyphFont('NotoSans-Regular');
  });

  it("draws every character of the gazetteer's names, in both weights, from the ranges the build makes", () => {
    const gazetteer = JSON.parse(
      readFileSync(new URL('../../geodata/settlements.geojson', import.meta.url), 'utf8'),
    ) as {
      features: { properties: { name_en: string; name_uk: string | null } }[];
    };
    const chars = new Set<number>();
    for (const { properties: p } of gazetteer.features)
      for (const ch of `${p.name_en}${p.name_uk ?? ''}`) if (ch !== ' ') chars.add(ch.codePointAt(0)!);
    expect(chars.size).toBeGreaterThan(60);
    const bold = loadGlyphFont('NotoSans-Bold');
    for (const cp of chars) {
      const ch = String.fromCodePoint(cp);
      expect(regular.glyphs.has(cp), ch).toBe(true);
      expect(bold.glyphs.has(cp), ch).toBe(true);
      expect(GLYPH_RANGES, ch).toContain(cp - (cp % 256));
    }
  });

  it('has every letter of Ukrainian and English, and the apostrophes used in names', () => {
    const needed = "ABCZabcz'’ʼ-–АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгґдеєжзиіїйклмнопрстуфхцчшщьюя";
    for (const ch of needed) expect(regular.glyphs.has(ch.codePointAt(0)!), ch).toBe(true);
    expect(glyphRanges(regular)).toEqual(GLYPH_RANGES);
  });

  it('matches GEOS distances on real outlines (Ї, g, 8, Щ, ф, №) and on overlapping contours', async () => {
    const geos = await initGeosJs();
    const polygon = (ring: Ring) =>
      geojsonToGeosGeom(
        { type: 'Polygon', coordinates: [[...ring, ring[0]!].map(([x, y]) => [x, y])] },
        geos,
      );
    const signedArea = (ring: Ring) =>
      ring.reduce((sum, [x, y], i) => {
        const [nx, ny] = ring[(i + 1) % ring.length]!;
        return sum + x * ny - nx * y;
      }, 0);
    /** The filled area by GEOS: the union of the contours wound like the largest, minus the union of the others. */
    const filled = (rings: Ring[]) => {
      const main = Math.sign(
        signedArea(rings.reduce((a, b) => (Math.abs(signedArea(a)) > Math.abs(signedArea(b)) ? a : b))),
      );
      const union = (rs: Ring[]) =>
        rs.map(polygon).reduce((acc, g) => (acc === 0 ? g : geos.GEOSUnion(acc, g)), 0);
      const outers = union(rings.filter((r) => Math.sign(signedArea(r)) === main));
      const counters = rings.filter((r) => Math.sign(signedArea(r)) !== main);
      return counters.length ? geos.GEOSDifference(outers, union(counters)) : outers;
    };
    const distPtr = geos.Module._malloc(8);
    const worstDifference = (rings: Ring[]) => {
      const sdf = glyphSdf(rings);
      const area = filled(rings);
      const outline = geos.GEOSBoundary(area);
      let worst = 0;
      for (const p of pixels(sdf)) {
        const point = geojsonToGeosGeom({ type: 'Point', coordinates: [p.x, p.y] } as Geometry, geos);
        geos.GEOSDistance(point, outline, distPtr);
        const d = geos.Module.HEAPF64[distPtr / 8]!;
        const signed = geos.GEOSContains(area, point) === 1 ? -d : d;
        worst = Math.max(worst, Math.abs(p.value - byte(signed)));
        geos.GEOSGeom_destroy(point);
      }
      return worst;
    };
    try {
      for (const ch of ['Ї', 'g', '8', 'Щ', 'ф', '№']) {
        const entry = regular.glyphs.get(ch.codePointAt(0)!)!;
        const rings = flattenPath(entry.font.glyphs.get(entry.index).getPath(0, 0, GLYPH_SIZE).commands);
        // Rounding may differ by one step where GEOS and we differ in the last bits.
        expect(worstDifference(rings), ch).toBeLessThanOrEqual(1);
      }
      // A plus sign drawn as two overlapping bars, as variable-font masters draw strokes: no seam where they cross.
      const bar = (x0: number, y0: number, x1: number, y1: number): Ring => [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
      ];
      expect(worstDifference([bar(1, -9, 13, -5), bar(5, -13.5, 9, -0.5)])).toBeLessThanOrEqual(1);
    } finally {
      geos.Module._free(distPtr);
    }
  });

  it('encodes a range MapLibre can read back: every glyph, its metrics and its bitmap', () => {
    const bytes = renderGlyphRange(regular, 1024);
    const stacks: { name: string; range: string; glyphs: Record<string, number | Uint8Array>[] }[] = [];
    new PbfReader(bytes).readFields((tag, _, pbf) => {
      if (tag !== 1) return;
      const stack = { name: '', range: '', glyphs: [] as Record<string, number | Uint8Array>[] };
      pbf.readMessage((t, s, p) => {
        if (t === 1) s.name = p.readString();
        else if (t === 2) s.range = p.readString();
        else if (t === 3) {
          const g: Record<string, number | Uint8Array> = {};
          p.readMessage((gt, glyph, gp) => {
            const key = ['', 'id', 'bitmap', 'width', 'height', 'left', 'top', 'advance'][gt]!;
            glyph[key] =
              gt === 2 ? gp.readBytes() : gt === 5 || gt === 6 ? gp.readSVarint() : gp.readVarint();
          }, g);
          s.glyphs.push(g);
        }
      }, stack);
      stacks.push(stack);
    }, stacks);
    expect(stacks).toHaveLength(1);
    const [stack] = stacks;
    expect(stack!.name).toBe('NotoSans-Regular');
    expect(stack!.range).toBe('1024-1279');
    const ids = stack!.glyphs.map((g) => g['id']);
    expect(ids).toContain(0x0407); // Ї
    expect(ids).toContain(0x0491); // ґ
    for (const g of stack!.glyphs) {
      const w = g['width'] as number;
      const h = g['height'] as number;
      const bitmap = g['bitmap'] as Uint8Array | undefined;
      expect(bitmap?.length ?? 0).toBe(w && h ? (w + 6) * (h + 6) : 0);
      // Letters advance the pen; combining marks (U+0483…) do not.
      if ((g['id'] as number) >= 0x410 && (g['id'] as number) <= 0x44f)
        expect(g['advance']).toBeGreaterThan(0);
    }
    // П stands on the baseline, 714/1000 em = 17.1 px tall at 24 px: 18 whole pixels, its top 18 px above it.
    const pe = stack!.glyphs.find((g) => g['id'] === 0x041f)!;
    expect(pe['height']).toBe(18);
    expect(pe['top']).toBe(18 - regular.ascender);
  });

  it('ships the font licence with the glyphs (SIL OFL 1.1, no reserved font name)', () => {
    const text = fontLicence();
    expect(text).toMatch(/^Copyright 2022 The Noto Project Authors/u);
    expect(text).toContain('SIL OPEN FONT LICENSE Version 1.1');
  });

  it('refuses a range that does not start on a multiple of 256, or a glyph outside it', () => {
    expect(() => encodeGlyphRange('x', 100, [])).toThrow(/not a glyph range start/);
    expect(() =>
      encodeGlyphRange('x', 0, [
        { id: 300, bitmap: new Uint8Array(0), width: 0, height: 0, left: 0, top: 0, advance: 5 },
      ]),
    ).toThrow(/outside range/);
  });
});

describe('glyphsUrl', () => {
  it("asks the app's own origin, under the path the plugin serves, with MapLibre's placeholders unescaped", () => {
    expect(glyphsUrl('https://example.org/app/')).toBe(
      `https://example.org/app/${GLYPHS_PATH}/{fontstack}/{range}.pbf`,
    );
    expect(glyphsUrl('http://127.0.0.1:4411')).toBe('http://127.0.0.1:4411/glyphs/{fontstack}/{range}.pbf');
  });
});
