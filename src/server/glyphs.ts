/**
 * The map's text glyphs, made from the Noto Sans font of the `@fontsource/noto-sans` package (SIL Open Font
 * License 1.1) when the app is built or served (issue #12): the map asks its own origin for
 * `glyphs/{fontstack}/{range}.pbf`, so labels need no glyph server and no request leaves the app.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype, { type Font } from 'opentype.js';
import { encodeGlyphRange, type RangeGlyph } from './glyphPbf.ts';
import { flattenPath, GLYPH_SIZE, glyphSdf } from './glyphSdf.ts';

/** The font stacks the map's style may name in `text-font`, and the weight of Noto Sans each is made from. */
export const GLYPH_FONTS = { 'NotoSans-Regular': 400, 'NotoSans-Bold': 700 } as const;
export type GlyphFontName = keyof typeof GLYPH_FONTS;

/**
 * Fontsource splits each weight by script; these cover Ukrainian and English names (Latin, Latin Extended,
 * Cyrillic, Cyrillic Extended, with the punctuation each carries: ’ ʼ – —). The first subset that has a character
 * draws it.
 */
const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'] as const;

/** A font ready to render: its glyphs by code point. */
export interface GlyphFont {
  name: GlyphFontName;
  /** The ascender in whole pixels at 24 px, as FreeType rounds it: the PBF's `top` is measured from it. */
  ascender: number;
  glyphs: Map<number, { font: Font; index: number }>;
}

const require = createRequire(import.meta.url);

/**
 * Reads the font files of one stack from node_modules.
 * @example const font = loadGlyphFont('NotoSans-Regular'); font.glyphs.has(0x0457) // ї: true
 */
export function loadGlyphFont(name: GlyphFontName): GlyphFont {
  const weight = GLYPH_FONTS[name];
  const glyphs = new Map<number, { font: Font; index: number }>();
  let ascender = 0;
  for (const subset of SUBSETS) {
    const path = require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-${weight}-normal.woff`);
    const bytes = readFileSync(path);
    const font = opentype.parse(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    ascender = Math.ceil((font.ascender * GLYPH_SIZE) / font.unitsPerEm);
    for (const [cp, index] of Object.entries(font.tables.cmap.glyphIndexMap)) {
      const code = Number(cp);
      // Glyph 0 is .notdef (an empty box): MapLibre then skips the character, better than drawing a box.
      if (index > 0 && code <= 0xffff && !glyphs.has(code)) glyphs.set(code, { font, index });
    }
  }
  return { name, ascender, glyphs };
}

/**
 * The 256-character ranges made, by their first code point: Basic Latin and Latin-1, Latin Extended A and B,
 * spacing modifiers (ʼ, the Ukrainian apostrophe in names), combining marks (the stress accent), Cyrillic and its
 * supplement, general punctuation (’ – — …) and letterlike symbols (№). A range the font has nothing in is left
 * out; a test checks that every character of the gazetteer's names falls in these.
 */
export const GLYPH_RANGES: readonly number[] = [0, 256, 512, 768, 1024, 1280, 8192, 8448];

/**
 * The starts of the ranges of {@link GLYPH_RANGES} that hold at least one glyph of the font.
 * @example glyphRanges(font) // [0, 256, 512, 768, 1024, 1280, 8192, 8448]
 */
export function glyphRanges(font: GlyphFont): number[] {
  const present = new Set([...font.glyphs.keys()].map((cp) => cp - (cp % 256)));
  return GLYPH_RANGES.filter((start) => present.has(start));
}

/**
 * The PBF of one range: every character of the font in `start … start + 255`, as a signed distance field.
 * @example writeFileSync('0-255.pbf', renderGlyphRange(font, 0));
 */
export function renderGlyphRange(font: GlyphFont, start: number): Uint8Array {
  const glyphs: RangeGlyph[] = [];
  for (let id = start; id < start + 256; id++) {
    const entry = font.glyphs.get(id);
    if (!entry) continue;
    const glyph = entry.font.glyphs.get(entry.index);
    const sdf = glyphSdf(flattenPath(glyph.getPath(0, 0, GLYPH_SIZE).commands));
    glyphs.push({
      ...sdf,
      id,
      // fontnik's convention, which MapLibre's shaping (its −17 px baseline offset) expects.
      top: sdf.top - font.ascender,
      advance: Math.round(((glyph.advanceWidth ?? 0) * GLYPH_SIZE) / entry.font.unitsPerEm),
    });
  }
  return encodeGlyphRange(font.name, start, glyphs);
}

/**
 * The font's copyright notice and licence (SIL Open Font License 1.1), as the package ships them.
 * @example writeFileSync('dist/glyphs/OFL.txt', fontLicence());
 */
export function fontLicence(): string {
  return readFileSync(require.resolve('@fontsource/noto-sans/LICENSE'), 'utf8');
}
