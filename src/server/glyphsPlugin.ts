/**
 * Serves the map's glyphs from the app's own origin (issue #12): `glyphs/{fontstack}/{start}-{end}.pbf`, made from
 * the font in node_modules (src/server/glyphs.ts). `vite build` writes them into the build like any other asset,
 * so `vite preview` and any static server serve them; the dev server makes each range when it is first asked for.
 * Both answer 404 for a range that does not exist.
 * Nothing is generated into the source tree.
 */
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import {
  fontLicence,
  GLYPH_FONTS,
  glyphRanges,
  loadGlyphFont,
  renderGlyphRange,
  type GlyphFont,
  type GlyphFontName,
} from './glyphs.ts';

/** Where the glyphs live under the app's base URL; the map's style asks for `${GLYPHS_PATH}/{fontstack}/{range}.pbf`. */
export const GLYPHS_PATH = 'glyphs';

const notFound = (res: ServerResponse) => {
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/plain');
  res.end('no such glyph range');
};

const isFontName = (name: string): name is GlyphFontName => Object.hasOwn(GLYPH_FONTS, name);

export function glyphsPlugin(): Plugin {
  const fonts = new Map<GlyphFontName, GlyphFont>();
  const font = (name: GlyphFontName) => {
    let f = fonts.get(name);
    if (!f) fonts.set(name, (f = loadGlyphFont(name)));
    return f;
  };
  const cache = new Map<string, Uint8Array | null>();
  /** The bytes of `{fontstack}/{start}-{end}.pbf`, or null when there is no such range. */
  const range = (path: string): Uint8Array | null => {
    if (cache.has(path)) return cache.get(path)!;
    const m = /^([^/]+)\/(\d+)-(\d+)\.pbf$/.exec(path);
    const name = m ? decodeURIComponent(m[1]!) : '';
    const start = Number(m?.[2]);
    let bytes: Uint8Array | null = null;
    if (m && isFontName(name) && Number(m[3]) === start + 255 && glyphRanges(font(name)).includes(start))
      bytes = renderGlyphRange(font(name), start);
    cache.set(path, bytes);
    return bytes;
  };
  return {
    name: 'frontline-glyphs',
    configureServer(server) {
      server.middlewares.use(`/${GLYPHS_PATH}/`, (req, res) => {
        const bytes = range((req.url ?? '').replace(/^\//, '').split('?')[0]!);
        // A range that does not exist is a 404, not the app's index.html (Vite's fallback for unknown paths), which
        // MapLibre would try to read as a glyph file.
        if (!bytes) return notFound(res);
        res.setHeader('Content-Type', 'application/x-protobuf');
        res.setHeader('Cache-Control', 'max-age=3600');
        res.end(bytes);
      });
    },
    configurePreviewServer(server) {
      const root = resolve(server.config.root, server.config.build.outDir, GLYPHS_PATH);
      server.middlewares.use(`/${GLYPHS_PATH}/`, (req, res, next) => {
        let file = '';
        try {
          file = resolve(root, decodeURIComponent((req.url ?? '').replace(/^\//, '').split('?')[0]!));
        } catch {
          // a malformed escape: not a file of ours
        }
        if (file.startsWith(`${root}${sep}`) && existsSync(file)) return next();
        notFound(res);
      });
    },
    generateBundle() {
      // The font's licence (SIL OFL 1.1) asks that its notice and text travel with every copy, so they do.
      this.emitFile({ type: 'asset', fileName: `${GLYPHS_PATH}/OFL.txt`, source: fontLicence() });
      for (const name of Object.keys(GLYPH_FONTS) as GlyphFontName[]) {
        for (const start of glyphRanges(font(name))) {
          this.emitFile({
            type: 'asset',
            fileName: `${GLYPHS_PATH}/${name}/${start}-${start + 255}.pbf`,
            source: renderGlyphRange(font(name), start),
          });
        }
      }
    },
  };
}
