/**
 * The part of opentype.js 2 that the glyph build uses (the package ships no types of its own; @types/opentype.js
 * describes version 1).
 * @see https://github.com/opentypejs/opentype.js
 */
declare module 'opentype.js' {
  import type { PathCommand } from './glyphSdf.ts';

  export interface Glyph {
    index: number;
    advanceWidth?: number;
    getPath(x: number, y: number, fontSize: number): { commands: PathCommand[] };
  }
  export interface Font {
    unitsPerEm: number;
    ascender: number;
    tables: { cmap: { glyphIndexMap: Record<string, number> } };
    glyphs: { get(index: number): Glyph };
  }
  /** CommonJS: Node can only import it whole. */
  const opentype: { parse(buffer: ArrayBuffer): Font };
  export default opentype;
}
