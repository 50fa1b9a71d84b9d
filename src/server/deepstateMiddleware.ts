/**
 * Same-origin access to the DeepStateMap API for the Vite dev and preview servers (issue #2).
 *
 * The live API may not send CORS headers, and a link must never point the app at an arbitrary server, so the
 * browser only ever asks `/api/deepstate/...` on its own origin. This middleware answers those paths either from a
 * folder laid out like the API (a mirror made by `frontline sync --out DIR`) or by
 * forwarding to one configured base URL. Only the API's own read-only paths are passed on: it is not an open proxy.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';
import { createGzip } from 'node:zlib';

export const DEFAULT_DEEPSTATE_API = 'https://deepstatemap.live/api';
export const DEEPSTATE_MOUNT = '/api/deepstate';
export const DEFAULT_ARCHIVE = 'https://raw.githubusercontent.com/cyterat/deepstate-map-data/main/data';
export const ARCHIVE_MOUNT = '/api/archive';
export const DEFAULT_OWLMAPS = 'https://raw.githubusercontent.com/owlmaps/map-data/main/data';
export const OWLMAPS_MOUNT = '/api/owlmaps';

/** The API paths the app uses; anything else is refused with 404. */
const ALLOWED = /^\/history\/(?:public|last|\d{1,12}\/(?:geojson|areas))$/u;
/** The daily archive's file names. */
const ARCHIVE_ALLOWED = /^\/deepstatemap_data_\d{8}\.geojson$/u;
const ARCHIVE_FILE = /^deepstatemap_data_\d{8}\.geojson$/u;
/** UA Control Map's files (github.com/owlmaps/map-data, data/): the list of dates and one file per day. */
const OWLMAPS_ALLOWED = /^\/(?:base|\d{8})\.json$/u;

export type DeepStateTarget = { kind: 'folder'; dir: string } | { kind: 'url'; base: string };

/**
 * Reads `FRONTLINE_DEEPSTATE_API`: an http(s) base URL, or a folder (relative to `cwd`) laid out like the API.
 * @example resolveDeepStateTarget('mirror/deepstate-api') // { kind: 'folder', dir: '/home/me/mirror/deepstate-api' }
 */
export function resolveDeepStateTarget(
  value: string | undefined,
  cwd = process.cwd(),
  fallback = DEFAULT_DEEPSTATE_API,
): DeepStateTarget {
  const v = (value ?? '').trim() || fallback;
  if (/^https?:\/\//iu.test(v)) return { kind: 'url', base: v.replace(/\/+$/u, '') };
  return { kind: 'folder', dir: resolve(cwd, v) };
}

function sendError(res: ServerResponse, status: number, error: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify({ error }));
}

const HINT =
  'Point the app at a local copy: `npx frontline sync --source deepstate-api --out DIR`, then ' +
  '`FRONTLINE_DEEPSTATE_API=DIR npm start`.';
const ARCHIVE_HINT =
  'Point the app at a local copy: `npx frontline sync --source archive --out DIR`, then ' +
  '`FRONTLINE_ARCHIVE=DIR npm start`.';

const OWLMAPS_HINT =
  'Point the app at a local copy: `npx frontline sync --source owlmaps --out DIR`, then ' +
  '`FRONTLINE_OWLMAPS=DIR npm start`.';

interface Route {
  name: string;
  allowed: RegExp;
  hint: string;
  /** Answers `/_index.json` with the file names, for sources a browser cannot list (folder targets only). */
  listFiles?: RegExp;
}

/**
 * A connect-style handler for requests under {@link DEEPSTATE_MOUNT} (Vite strips the mount from `req.url`).
 * @example server.middlewares.use(DEEPSTATE_MOUNT, deepstateMiddleware(resolveDeepStateTarget(process.env.FRONTLINE_DEEPSTATE_API)))
 */
export function deepstateMiddleware(target: DeepStateTarget, { timeoutMs = 30_000 } = {}) {
  return sourceMiddleware(target, { name: 'DeepStateMap API', allowed: ALLOWED, hint: HINT }, timeoutMs);
}

/**
 * The same for the DeepState daily archive under {@link ARCHIVE_MOUNT}: `/deepstatemap_data_YYYYMMDD.geojson`, and
 * `/_index.json` listing the files when the target is a folder (over HTTP the archive has no listing).
 * @example server.middlewares.use(ARCHIVE_MOUNT, archiveMiddleware(resolveDeepStateTarget(process.env.FRONTLINE_ARCHIVE, process.cwd(), DEFAULT_ARCHIVE)))
 */
export function archiveMiddleware(target: DeepStateTarget, { timeoutMs = 30_000 } = {}) {
  return sourceMiddleware(
    target,
    { name: 'DeepState archive', allowed: ARCHIVE_ALLOWED, hint: ARCHIVE_HINT, listFiles: ARCHIVE_FILE },
    timeoutMs,
  );
}

/**
 * The same for UA Control Map (issue #16) under {@link OWLMAPS_MOUNT}: `/base.json` and `/YYYYMMDD.json`.
 * @example server.middlewares.use(OWLMAPS_MOUNT, owlmapsMiddleware(resolveDeepStateTarget(process.env.FRONTLINE_OWLMAPS, process.cwd(), DEFAULT_OWLMAPS)))
 */
export function owlmapsMiddleware(target: DeepStateTarget, { timeoutMs = 30_000 } = {}) {
  return sourceMiddleware(
    target,
    { name: 'UA Control Map data', allowed: OWLMAPS_ALLOWED, hint: OWLMAPS_HINT },
    timeoutMs,
  );
}

function sourceMiddleware(target: DeepStateTarget, route: Route, timeoutMs: number) {
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'only GET is supported');
    if (path === '/_info') {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ kind: target.kind, hint: route.hint }));
      return;
    }
    if (path === '/_index.json' && route.listFiles) {
      if (target.kind !== 'folder') return sendError(res, 404, 'no index over HTTP: probe by date');
      let names: string[];
      try {
        names = readdirSync(target.dir).filter((n) => route.listFiles!.test(n));
      } catch {
        return sendError(res, 502, `${route.name} folder ${target.dir} is not readable. ${route.hint}`);
      }
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(names.sort()));
      return;
    }
    if (!route.allowed.test(path))
      return sendError(res, 404, `not a ${route.name} path: ${path.slice(0, 80)}`);
    if (target.kind === 'folder') serveFromFolder(target.dir, path, res, acceptsGzip(req));
    else void forward(target.base, path, res, timeoutMs, route).catch(next);
  };
}

const acceptsGzip = (req: IncomingMessage): boolean =>
  /\bgzip\b/u.test(String(req.headers['accept-encoding'] ?? ''));

/**
 * A file of the mirror, gzipped on the way when the client accepts it (issue #17: a day of the archive is ~80 KB as
 * JSON, ~26 KB gzipped; the browser and Node's fetch both accept gzip).
 */
function serveFromFolder(dir: string, path: string, res: ServerResponse, gzip: boolean): void {
  const file = resolve(dir, `.${path}`);
  if (!file.startsWith(dir + sep)) return sendError(res, 404, 'outside the mirror');
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    return sendError(res, 404, `not in the local mirror (${path})`);
  }
  res.statusCode = 200;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('vary', 'accept-encoding');
  const body = createReadStream(file).on('error', () => res.destroy());
  if (gzip && size > 1024) {
    res.setHeader('content-encoding', 'gzip');
    body
      .pipe(createGzip({ level: 6 }))
      .on('error', () => res.destroy())
      .pipe(res);
    return;
  }
  res.setHeader('content-length', String(size));
  body.pipe(res);
}

async function forward(
  base: string,
  path: string,
  res: ServerResponse,
  timeoutMs: number,
  route: Route,
): Promise<void> {
  let upstream: Response;
  try {
    upstream = await fetch(`${base}${path}`, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
  } catch (err) {
    const why =
      (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : 'unreachable';
    return sendError(res, 502, `${route.name} ${why} at ${base}. ${route.hint}`);
  }
  const body = Buffer.from(await upstream.arrayBuffer());
  res.statusCode = upstream.status;
  res.setHeader('content-type', upstream.headers.get('content-type') ?? 'application/json');
  res.setHeader('content-length', String(body.length));
  res.end(body);
}
