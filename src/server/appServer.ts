/**
 * The server `npm start` and `frontline serve` run (issue #17): the built app (dist/) as static files, plus the same
 * same-origin `/api/deepstate` and `/api/archive` routes as the Vite dev server (src/server/deepstateMiddleware.ts,
 * the same FRONTLINE_DEEPSTATE_API and FRONTLINE_ARCHIVE variables). Plain node:http, no Vite, so it starts at once.
 *
 * Long links work: a permalink with thousands of pinned dates is ~100 KB of URL, past Node's default 16 KB header
 * limit (HTTP 431), so the server takes headers up to MAX_HEADER_BYTES. Vite's hashed files (`/assets/*`) are sent
 * with an immutable cache lifetime, everything else is revalidated; text is gzipped when the browser accepts it.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  ARCHIVE_MOUNT,
  archiveMiddleware,
  DEEPSTATE_MOUNT,
  deepstateMiddleware,
  type DeepStateTarget,
} from './deepstateMiddleware.ts';
import { BASEMAP_PMTILES_PATH, byteRange, withBasemap, type BasemapConfig } from './basemap.ts';

/** Largest request head accepted: a link with ~5,000 pinned dates is ~100 KB; 1 MiB leaves room. */
export const MAX_HEADER_BYTES = 1024 * 1024;

/** Content types of the files a Vite build writes (module scripts and workers need a JavaScript type). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Types worth compressing. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|geo\+json|wasm)|image\/svg)/u;

export interface AppServerOptions {
  /** The built app: a folder with index.html (Vite's dist/). */
  appDir: string;
  /** Where `/api/deepstate` reads from. */
  api: DeepStateTarget;
  /** Where `/api/archive` reads from. */
  archive: DeepStateTarget;
  /** An optional detailed basemap (issue #12, src/server/basemap.ts); none: index.html is sent as built. */
  basemap?: BasemapConfig | null;
}

/**
 * A server for the built app and its API routes; call `.listen(port, host)` on it.
 * @example createAppServer({ appDir: 'dist', api, archive }).listen(5173, '127.0.0.1')
 */
export function createAppServer({ appDir, api, archive, basemap = null }: AppServerOptions): Server {
  const root = resolve(appDir);
  const mounts: [string, ReturnType<typeof deepstateMiddleware>][] = [
    [DEEPSTATE_MOUNT, deepstateMiddleware(api)],
    [ARCHIVE_MOUNT, archiveMiddleware(archive)],
  ];
  const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>();

  const sendFile = (req: IncomingMessage, res: ServerResponse, file: string, immutable: boolean): boolean => {
    let st;
    try {
      st = statSync(file);
    } catch {
      return false;
    }
    if (!st.isFile()) return false;
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.setHeader('content-type', type);
    res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('x-content-type-options', 'nosniff');
    const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    res.setHeader('etag', etag);
    res.setHeader('vary', 'accept-encoding');
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    const accepts = /\bgzip\b/u.test(String(req.headers['accept-encoding'] ?? ''));
    if (accepts && COMPRESSIBLE.test(type) && st.size > 1024) {
      let entry = gzipped.get(file);
      if (!entry || entry.mtimeMs !== st.mtimeMs) {
        entry = { mtimeMs: st.mtimeMs, body: gzipSync(readFileSync(file), { level: 6 }) };
        gzipped.set(file, entry);
      }
      res.setHeader('content-encoding', 'gzip');
      res.setHeader('content-length', String(entry.body.length));
      res.end(req.method === 'HEAD' ? undefined : entry.body);
      return true;
    }
    res.setHeader('content-length', String(st.size));
    if (req.method === 'HEAD') res.end();
    else
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    return true;
  };

  /** A local PMTiles archive, whole or by the byte range asked for (HTTP 206), as PMTiles readers read it. */
  const sendRange = (req: IncomingMessage, res: ServerResponse, file: string): void => {
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      res.writeHead(404).end('basemap archive not found');
      return;
    }
    const range = byteRange(req.headers['range'], size);
    const headers = {
      'content-type': 'application/vnd.pmtiles',
      'accept-ranges': 'bytes',
      'cache-control': 'no-cache',
    };
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${size}` }).end();
      return;
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    res.writeHead(range ? 206 : 200, {
      ...headers,
      'content-length': String(end - start + 1),
      ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (req.method === 'HEAD' || size === 0) res.end();
    else
      createReadStream(file, { start, end })
        .on('error', () => res.destroy())
        .pipe(res);
  };

  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    const url = req.url ?? '/';
    for (const [mount, handle] of mounts) {
      if (url === mount || url.startsWith(`${mount}/`) || url.startsWith(`${mount}?`)) {
        // As connect does for Vite: the handler sees the path below its mount.
        req.url = url.slice(mount.length) || '/';
        handle(req, res, (err) => {
          res.statusCode = 500;
          res.end(String(err));
        });
        return;
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(url.split('?')[0]!);
    } catch {
      res.writeHead(400).end('bad path');
      return;
    }
    const file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404).end('not found');
      return;
    }
    if (basemap && (path === '/' || path === '/index.html')) {
      // The page learns of the basemap from index.html, whose CSP opens for the style's origin (basemap.ts).
      let html: string;
      try {
        html = withBasemap(readFileSync(resolve(root, 'index.html'), 'utf8'), basemap);
      } catch {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': CONTENT_TYPES['.html']!, 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    if (basemap?.kind === 'pmtiles' && path === BASEMAP_PMTILES_PATH) {
      sendRange(req, res, basemap.file);
      return;
    }
    const immutable = path.startsWith('/assets/');
    if (sendFile(req, res, path.endsWith('/') ? resolve(file, 'index.html') : file, immutable)) return;
    res
      .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      .end(`not found: ${path.slice(0, 200)}`);
  });
  return server;
}
