/**
 * The same-origin DeepStateMap middleware over real `node:http` servers on 127.0.0.1 (no network beyond loopback).
 * Vite mounts it under /api/deepstate and strips that prefix; `mount` below does the same.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEEPSTATE_MOUNT,
  deepstateMiddleware,
  resolveDeepStateTarget,
  type DeepStateTarget,
} from '../../src/server/deepstateMiddleware.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Like connect's `use(DEEPSTATE_MOUNT, …)`: strips the mount from req.url, 404 outside it, 500 on next(err). */
function mount(target: DeepStateTarget, options?: { timeoutMs?: number }): Handler {
  const middleware = deepstateMiddleware(target, options);
  return (req, res) => {
    const url = req.url ?? '/';
    if (url !== DEEPSTATE_MOUNT && !url.startsWith(`${DEEPSTATE_MOUNT}/`)) {
      res.statusCode = 404;
      res.end('outside the mount');
      return;
    }
    req.url = url.slice(DEEPSTATE_MOUNT.length) || '/';
    middleware(req, res, (err) => {
      res.statusCode = err ? 500 : 404;
      res.end(err ? 'next(err)' : 'next()');
    });
  };
}

async function listen(handler: Handler): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

function close(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((ok) => server.close(() => ok()));
}

interface Answer {
  status: number;
  type: string;
  body: string;
}

/** A raw GET (or other method) that sends `path` byte for byte: fetch would normalise `..` away. */
function send(origin: string, path: string, method = 'GET'): Promise<Answer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const HISTORY = [{ id: 123, createdAt: '2025-08-01T19:52:40.000Z', datetime: '01.08 21:52' }];
const GEOJSON = { type: 'FeatureCollection', features: [] };

describe('deepstateMiddleware over a folder laid out like the API', () => {
  let dir: string;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontline-mirror-'));
    mkdirSync(join(dir, 'history', '123'), { recursive: true });
    writeFileSync(join(dir, 'history', 'public'), JSON.stringify(HISTORY));
    writeFileSync(join(dir, 'history', '123', 'geojson'), JSON.stringify(GEOJSON));
    // A file outside the API paths, which must never be served.
    writeFileSync(join(dir, 'secret.txt'), 'not for you');
    ({ server, origin } = await listen(mount(resolveDeepStateTarget(dir))));
  });

  afterAll(async () => {
    await close(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers GET /history/public with the file, as JSON', async () => {
    const a = await send(origin, `${DEEPSTATE_MOUNT}/history/public`);
    expect(a.status).toBe(200);
    expect(a.type).toMatch(/^application\/json/u);
    expect(JSON.parse(a.body)).toEqual(HISTORY);
  });

  it('answers GET /history/{id}/geojson, ignoring a query string', async () => {
    const a = await send(origin, `${DEEPSTATE_MOUNT}/history/123/geojson?cache=no`);
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body)).toEqual(GEOJSON);
  });

  it('answers an id missing from the mirror with 404 and a JSON error', async () => {
    const a = await send(origin, `${DEEPSTATE_MOUNT}/history/999/geojson`);
    expect(a.status).toBe(404);
    expect(a.type).toMatch(/^application\/json/u);
    expect(JSON.parse(a.body)).toEqual({ error: 'not in the local mirror (/history/999/geojson)' });
  });

  it.each([
    '/history/../../etc/passwd',
    '/history/..%2F..%2Fetc%2Fpasswd',
    '/history/%2e%2e/secret.txt',
    '/../secret.txt',
    '/secret.txt',
    '/foo',
    '/history',
    '/history/123',
    '/history/123/geojson/extra',
    '/history/abc/geojson',
  ])('refuses %s with 404 and a JSON error', async (path) => {
    const a = await send(origin, `${DEEPSTATE_MOUNT}${path}`);
    expect(a.status).toBe(404);
    const body = JSON.parse(a.body) as { error: string };
    expect(body.error).toMatch(/^not a DeepStateMap API path: /u);
    expect(a.body).not.toContain('not for you');
  });

  it.each(['POST', 'PUT', 'DELETE'])('refuses %s with 405', async (method) => {
    const a = await send(origin, `${DEEPSTATE_MOUNT}/history/public`, method);
    expect(a.status).toBe(405);
    expect(JSON.parse(a.body)).toEqual({ error: 'only GET is supported' });
  });

  it('answers HEAD with the status and no body', async () => {
    const a = await send(origin, `${DEEPSTATE_MOUNT}/history/public`, 'HEAD');
    expect(a.status).toBe(200);
    expect(a.body).toBe('');
  });

  it('tells the app on /_info that it serves a folder', async () => {
    const a = await send(origin, `${DEEPSTATE_MOUNT}/_info`);
    expect(a.status).toBe(200);
    const info = JSON.parse(a.body) as { kind: string; hint: string };
    expect(info.kind).toBe('folder');
    expect(info.hint).toContain('FRONTLINE_DEEPSTATE_API');
  });
});

describe('deepstateMiddleware forwarding to a base URL', () => {
  let upstream: Server;
  let upstreamOrigin: string;
  let proxy: Server;
  let origin: string;
  let impatientProxy: Server;
  let impatientOrigin: string;
  const seen: string[] = [];

  beforeAll(async () => {
    ({ server: upstream, origin: upstreamOrigin } = await listen((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url === '/api/history/public') {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(HISTORY));
      } else if (req.url === '/api/history/7/geojson') {
        res.statusCode = 404;
        res.setHeader('content-type', 'application/json');
        res.end('{"message":"Not Found"}');
      } else if (req.url === '/api/history/8/geojson') {
        res.statusCode = 503;
        res.setHeader('content-type', 'text/html');
        res.end('<html>maintenance</html>');
      } else if (req.url === '/api/history/last') {
        // Never answers: the proxy's timeout must fire.
      } else {
        res.statusCode = 500;
        res.end('unexpected');
      }
    }));
    // A trailing slash on the base is tolerated.
    const target = resolveDeepStateTarget(`${upstreamOrigin}/api/`);
    expect(target).toEqual({ kind: 'url', base: `${upstreamOrigin}/api` });
    // The forwarding tests get the default patience: 0.3 s is not enough for a loaded machine (npm test runs its static
    // checks beside Vitest) to answer. Only the timeout test waits on a proxy that gives up after 0.3 s.
    ({ server: proxy, origin } = await listen(mount(target)));
    ({ server: impatientProxy, origin: impatientOrigin } = await listen(mount(target, { timeoutMs: 300 })));
  });

  afterAll(async () => {
    await close(proxy);
    await close(impatientProxy);
    await close(upstream);
  });

  it('forwards an allowed path and passes status, type and body through', async () => {
    const a = await send(origin, `${DEEPSTATE_MOUNT}/history/public?x=1`);
    expect(a.status).toBe(200);
    expect(a.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(a.body)).toEqual(HISTORY);
    // The query string is not passed on.
    expect(seen).toContain('GET /api/history/public');
  });

  it('passes an upstream 404 and a 503 HTML page through unchanged', async () => {
    const a = await send(origin, `${DEEPSTATE_MOUNT}/history/7/geojson`);
    expect([a.status, a.body]).toEqual([404, '{"message":"Not Found"}']);
    const b = await send(origin, `${DEEPSTATE_MOUNT}/history/8/geojson`);
    expect([b.status, b.type, b.body]).toEqual([503, 'text/html', '<html>maintenance</html>']);
  });

  it('never forwards a path outside the API (not an open proxy)', async () => {
    const before = seen.length;
    for (const path of ['/foo', '/history/../../etc/passwd', '/history/1/geojson/../../../admin']) {
      expect((await send(origin, `${DEEPSTATE_MOUNT}${path}`)).status).toBe(404);
    }
    expect(seen.length).toBe(before);
  });

  it('answers 502 naming the timeout when upstream does not answer in time', async () => {
    const a = await send(impatientOrigin, `${DEEPSTATE_MOUNT}/history/last`);
    expect(a.status).toBe(502);
    const { error } = JSON.parse(a.body) as { error: string };
    expect(error).toContain('no answer within 0.3 s');
    expect(error).toContain('FRONTLINE_DEEPSTATE_API');
  });

  it('tells the app on /_info that it forwards to a URL', async () => {
    const a = await send(origin, `${DEEPSTATE_MOUNT}/_info`);
    expect((JSON.parse(a.body) as { kind: string }).kind).toBe('url');
  });
});

describe('deepstateMiddleware with an unreachable upstream', () => {
  let proxy: Server;
  let origin: string;
  let base: string;

  beforeAll(async () => {
    // A port that was just free and is now closed: connections to it are refused.
    const { server: probe, origin: closedOrigin } = await listen((_req, res) => res.end());
    await close(probe);
    base = `${closedOrigin}/api`;
    ({ server: proxy, origin } = await listen(mount({ kind: 'url', base })));
  });

  afterAll(() => close(proxy));

  it('answers 502 with an error naming the base URL and FRONTLINE_DEEPSTATE_API', async () => {
    const a = await send(origin, `${DEEPSTATE_MOUNT}/history/public`);
    expect(a.status).toBe(502);
    expect(a.type).toMatch(/^application\/json/u);
    const { error } = JSON.parse(a.body) as { error: string };
    expect(error).toMatch(/^DeepStateMap API unreachable at /u);
    expect(error).toContain(base);
    expect(error).toContain('FRONTLINE_DEEPSTATE_API=');
  });
});

describe('resolveDeepStateTarget', () => {
  it('defaults to the live API', () => {
    expect(resolveDeepStateTarget(undefined)).toEqual({ kind: 'url', base: 'https://deepstatemap.live/api' });
    expect(resolveDeepStateTarget('  ')).toEqual({ kind: 'url', base: 'https://deepstatemap.live/api' });
  });

  it('resolves a folder against the given cwd', () => {
    expect(resolveDeepStateTarget('../shared/geodata/deepstate-api', '/work/main')).toEqual({
      kind: 'folder',
      dir: '/work/shared/geodata/deepstate-api',
    });
  });
});
