/**
 * Same-origin access to the DeepStateMap API for the Vite dev and preview servers (issue #2).
 *
 * The live API may not send CORS headers, and a link must never point the app at an arbitrary server, so the
 * browser only ever asks `/api/deepstate/...` on its own origin. This middleware answers those paths either from a
 * folder laid out like the API (a mirror made by `frontline sync`, or ../shared/geodata/deepstate-api) or by
 * forwarding to one configured base URL. Only the API's own read-only paths are passed on: it is not an open proxy.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';

export const DEFAULT_DEEPSTATE_API = 'https://deepstatemap.live/api';
export const DEEPSTATE_MOUNT = '/api/deepstate';

/** The API paths the app uses; anything else is refused with 404. */
const ALLOWED = /^\/history\/(?:public|last|\d{1,12}\/(?:geojson|areas))$/u;

export type DeepStateTarget = { kind: 'folder'; dir: string } | { kind: 'url'; base: string };

/**
 * Reads `FRONTLINE_DEEPSTATE_API`: an http(s) base URL, or a folder (relative to `cwd`) laid out like the API.
 * @example resolveDeepStateTarget('../shared/geodata/deepstate-api') // { kind: 'folder', dir: '/work/shared/…' }
 */
export function resolveDeepStateTarget(value: string | undefined, cwd = process.cwd()): DeepStateTarget {
  const v = (value ?? '').trim() || DEFAULT_DEEPSTATE_API;
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
  'Point the app at a local copy: FRONTLINE_DEEPSTATE_API=../shared/geodata/deepstate-api npm start, ' +
  'or a folder made by `npx frontline sync`.';

/**
 * A connect-style handler for requests under {@link DEEPSTATE_MOUNT} (Vite strips the mount from `req.url`).
 * @example server.middlewares.use(DEEPSTATE_MOUNT, deepstateMiddleware(resolveDeepStateTarget(process.env.FRONTLINE_DEEPSTATE_API)))
 */
export function deepstateMiddleware(target: DeepStateTarget, { timeoutMs = 30_000 } = {}) {
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'only GET is supported');
    if (path === '/_info') {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ kind: target.kind, hint: HINT }));
      return;
    }
    if (!ALLOWED.test(path)) return sendError(res, 404, `not a DeepStateMap API path: ${path.slice(0, 80)}`);
    if (target.kind === 'folder') serveFromFolder(target.dir, path, res);
    else void forward(target.base, path, res, timeoutMs).catch(next);
  };
}

function serveFromFolder(dir: string, path: string, res: ServerResponse): void {
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
  res.setHeader('content-length', String(size));
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

async function forward(base: string, path: string, res: ServerResponse, timeoutMs: number): Promise<void> {
  let upstream: Response;
  try {
    upstream = await fetch(`${base}${path}`, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
  } catch (err) {
    const why =
      (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : 'unreachable';
    return sendError(res, 502, `DeepStateMap API ${why} at ${base}. ${HINT}`);
  }
  const body = Buffer.from(await upstream.arrayBuffer());
  res.statusCode = upstream.status;
  res.setHeader('content-type', upstream.headers.get('content-type') ?? 'application/json');
  res.setHeader('content-length', String(body.length));
  res.end(body);
}
