/**
 * An optional detailed basemap (issue #12), chosen when the app's server starts — `frontline serve --basemap X` or
 * FRONTLINE_BASEMAP=X (`npm start -- --basemap X`), never by a link: a MapLibre style URL (http or https), or a
 * local PMTiles v3 archive that the server itself serves at BASEMAP_PMTILES_PATH with range requests. The server
 * tells the page through a `<meta name="frontline-basemap">` in index.html and opens the Content-Security-Policy
 * for the style's origin only. Without one, index.html is sent as built: no request leaves the app's origin.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/** What the server was started with. */
export type BasemapConfig = { kind: 'style'; url: string } | { kind: 'pmtiles'; file: string };

/** What the page reads from the meta tag (src/ui/map/basemapConfig.ts): a style URL, or the archive's path. */
export interface BasemapClientConfig {
  style?: string;
  pmtiles?: string;
}

/** Where the server serves a local PMTiles archive (same origin). */
export const BASEMAP_PMTILES_PATH = '/basemap/basemap.pmtiles';

/** The meta tag's name. */
export const BASEMAP_META = 'frontline-basemap';

/**
 * Reads `--basemap` / FRONTLINE_BASEMAP: a URL is a style, a path ending in `.pmtiles` an archive that must exist.
 * Returns null when unset, a readable error for anything else.
 * @example resolveBasemap('https://tiles.example/style.json', cwd) // { kind: 'style', url: '…' }
 */
export function resolveBasemap(
  value: string | undefined,
  cwd: string,
): BasemapConfig | null | { error: string } {
  if (!value) return null;
  if (/^https?:\/\//iu.test(value)) {
    try {
      return { kind: 'style', url: new URL(value).href };
    } catch {
      return { error: `basemap: ${value} is not a valid URL` };
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/iu.test(value) && !/^[a-z]:[\\/]/iu.test(value))
    return { error: `basemap: ${value}: only http(s) style URLs and local .pmtiles files are supported` };
  if (!value.toLowerCase().endsWith('.pmtiles'))
    return { error: `basemap: ${value}: give a MapLibre style URL (http or https) or a local .pmtiles file` };
  const file = resolve(cwd, value);
  try {
    if (!statSync(file).isFile()) return { error: `basemap: ${file} is not a file` };
  } catch {
    return { error: `basemap: ${file} does not exist` };
  }
  return { kind: 'pmtiles', file };
}

/** The page's view of the configuration. */
export function basemapClientConfig(config: BasemapConfig): BasemapClientConfig {
  return config.kind === 'style' ? { style: config.url } : { pmtiles: BASEMAP_PMTILES_PATH };
}

/**
 * index.html for a configured basemap: the meta tag added, and for a style its origin added to the CSP's
 * connect-src (style, TileJSON, tiles, glyph-free) and img-src (sprites, raster tiles) — nothing else opens.
 * @example withBasemap(html, { kind: 'style', url: 'http://127.0.0.1:8080/style.json' })
 */
export function withBasemap(html: string, config: BasemapConfig): string {
  let out = html;
  if (config.kind === 'style') {
    const origin = new URL(config.url).origin;
    out = out.replace(
      /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)"/u,
      (_, head: string, csp: string) => {
        const opened = csp
          .split('; ')
          .map((d) => (d.startsWith('connect-src ') || d.startsWith('img-src ') ? `${d} ${origin}` : d))
          .join('; ');
        return `${head}${opened}"`;
      },
    );
  }
  const json = JSON.stringify(basemapClientConfig(config)).replace(/&/gu, '&amp;').replace(/"/gu, '&quot;');
  return out.replace('<head>', `<head>\n    <meta name="${BASEMAP_META}" content="${json}" />`);
}

/**
 * A `Range: bytes=…` header against a file of `size` bytes: the inclusive span to send, null for the whole file,
 * or 'unsatisfiable' (HTTP 416). Only single ranges (all PMTiles readers ask for one at a time).
 * @example byteRange('bytes=0-16383', 1000) // { start: 0, end: 999 }
 */
export function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/u.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
