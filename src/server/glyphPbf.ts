/**
 * MapLibre's glyph range file: one protobuf `glyphs { stacks { name range glyphs* } }` per 256 code points.
 * @see https://github.com/mapbox/node-fontnik/blob/master/proto/glyphs.proto
 */
import { PbfWriter } from 'pbf';
import type { GlyphSdf } from './glyphSdf.ts';

/** One character of a range: its SDF, code point and advance (pixels at 24 px). */
export interface RangeGlyph extends GlyphSdf {
  id: number;
  advance: number;
}

/**
 * Encodes the glyphs of the range starting at `start` (a multiple of 256) for the font stack `name`.
 * @example encodeGlyphRange('NotoSans-Regular', 0, glyphs) // the bytes of NotoSans-Regular/0-255.pbf
 */
export function encodeGlyphRange(name: string, start: number, glyphs: readonly RangeGlyph[]): Uint8Array {
  if (start % 256 !== 0 || start < 0 || start > 65280) throw new Error(`not a glyph range start: ${start}`);
  const pbf = new PbfWriter();
  pbf.writeMessage(
    1,
    () => {
      pbf.writeStringField(1, name);
      pbf.writeStringField(2, `${start}-${start + 255}`);
      for (const g of glyphs) {
        if (g.id < start || g.id > start + 255) throw new Error(`glyph ${g.id} is outside range ${start}`);
        pbf.writeMessage(
          3,
          () => {
            pbf.writeVarintField(1, g.id);
            if (g.bitmap.length) pbf.writeBytesField(2, g.bitmap);
            pbf.writeVarintField(3, g.width);
            pbf.writeVarintField(4, g.height);
            pbf.writeSVarintField(5, g.left);
            pbf.writeSVarintField(6, g.top);
            pbf.writeVarintField(7, g.advance);
          },
          undefined,
        );
      }
    },
    undefined,
  );
  return pbf.finish();
}
