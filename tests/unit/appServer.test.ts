/**
 * The server `npm start` runs (src/server/appServer.ts, issue #17), on 127.0.0.1 with an authored built app and
 * source folders in a temporary directory: files with the types a browser needs, hashed assets immutable and the
 * page revalidated, gzip when asked, the same /api routes as the dev server, nothing outside the app, and a ~100 KB
 * link (thousands of pinned dates) answered instead of HTTP 431.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer, MAX_HEADER_BYTES } from '../../src/server/appServer.ts';

const tmp = mkdtempSync(join(tmpdir(), 'frontline-appserver-'));
const app = join(tmp, 'app');
const api = join(tmp, 'api');
const archive = join(tmp, 'archive');
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(5000))});\n`;
/** A day big enough to be worth compressing. */
const DAY = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          Array.from({ length: 400 }, (_, i) => [
            37 + Math.cos(i / 63.66) / 10,
            48 + Math.sin(i / 63.66) / 10,
          ]),
        ],
      },
    },
  ],
});
let server: Server;
let base = '';

beforeAll(async () => {
  mkdirSync(join(app, 'assets'), { recursive: true });
  writeFileSync(
    join(app, 'index.html'),
    '<!doctype html><title>t</title><script type="module" src="/assets/index-abc123.js"></script>',
  );
  writeFileSync(join(app, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(app, 'assets', 'worker-def456.mjs'), 'self.onmessage = () => {};');
  writeFileSync(join(tmp, 'secret.txt'), 'not for the web');
  mkdirSync(join(api, 'history'), { recursive: true });
  writeFileSync(join(api, 'history', 'public'), '[{"id":1754077960}]');
  mkdirSync(archive);
  writeFileSync(
    join(archive, 'deepstatemap_data_20250815.geojson'),
    '{"type":"FeatureCollection","features":[]}',
  );
  writeFileSync(join(archive, 'deepstatemap_data_20250816.geojson'), DAY);
  server = createAppServer({
    appDir: app,
    api: { kind: 'folder', dir: api },
    archive: { kind: 'folder', dir: archive },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  rmSync(tmp, { recursive: true, force: true });
});

/** A raw GET (node:http, so the test controls the header size and sees the bytes as sent). */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((ok, fail) => {
    const req = request(`${base}${path}`, { headers, maxHeaderSize: MAX_HEADER_BYTES }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the built app', () => {
  it('serves index.html at / with a short cache lifetime', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.body.toString()).toContain('/assets/index-abc123.js');
  });

  it('serves hashed assets as JavaScript (modules and workers), immutable', async () => {
    for (const path of ['/assets/index-abc123.js', '/assets/worker-def456.mjs']) {
      const r = await get(path);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('gzips text when the browser accepts it, and not otherwise', async () => {
    const zipped = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(gunzipSync(zipped.body).toString()).toBe(SCRIPT);
    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await get('/');
    const again = await get('/', { 'if-none-match': String(first.headers['etag']) });
    expect(again.status).toBe(304);
  });

  it('answers a ~100 KB link (5,000 pinned dates) instead of HTTP 431', async () => {
    const pins = Array.from({ length: 5000 }, (_, i) =>
      new Date(Date.UTC(2022, 0, 1 + i)).toISOString().slice(0, 10),
    );
    const path = `/?source=archive&pins=${pins.join(',')}`;
    expect(path.length).toBeGreaterThan(50_000);
    const r = await get(path);
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain('<!doctype html>');
  });

  it('serves nothing outside the app folder, and 404 for what is not there', async () => {
    expect((await get('/../secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/assets/missing.js')).status).toBe(404);
  });
});

describe('the same /api routes as the dev server', () => {
  it('/api/deepstate reads the API folder', async () => {
    const r = await get('/api/deepstate/history/public');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body.toString())).toEqual([{ id: 1754077960 }]);
  });

  it('/api/archive lists and serves the archive folder', async () => {
    expect(JSON.parse((await get('/api/archive/_index.json')).body.toString())).toEqual([
      'deepstatemap_data_20250815.geojson',
      'deepstatemap_data_20250816.geojson',
    ]);
    expect((await get('/api/archive/deepstatemap_data_20250815.geojson')).status).toBe(200);
  });

  it('gzips a day of the archive when the browser accepts it (the same bytes once unpacked)', async () => {
    const path = '/api/archive/deepstatemap_data_20250816.geojson';
    const zipped = await get(path, { 'accept-encoding': 'gzip' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(DAY.length / 2);
    expect(gunzipSync(zipped.body).toString()).toBe(DAY);
    const plain = await get(path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-length']).toBe(String(DAY.length));
    expect(plain.body.toString()).toBe(DAY);
  });

  it('refuses paths the API does not have (not an open proxy)', async () => {
    expect((await get('/api/deepstate/../../secret.txt')).status).toBe(404);
    expect((await get('/api/deepstate/anything')).status).toBe(404);
  });
});
