/**
 * The `arcgis` source (issue #16) against a local 127.0.0.1 server that answers like ArcGIS REST: paging with
 * resultOffset/resultRecordCount while `exceededTransferLimit`, an error object with HTTP 200, a token-required
 * answer; dating by a field or the fetch time; `sync` keeping a dated copy; `compare` reading it.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { areaKm2, snapshotAreas, type AreaGeometry } from '../../src/core/index.ts';
import { createArcgisSource, fetchArcgisLayer } from '../../src/sources/arcgis.ts';
import { SourceError } from '../../src/sources/fetchJson.ts';
import { syncArcgis } from '../../src/sources/node/syncMirror.ts';
import { runCli } from '../support/runCli.ts';
import { boxPolygon } from '../support/shapes.ts';
import { FLOAT_REL } from './tolerances.ts';

const LAYER_PATH = '/arcgis/rest/services/VIEW_Test/FeatureServer/49';

/** 23 small boxes in Donetsk oblast, each with an EditDate (epoch ms) a day apart. */
const features = Array.from({ length: 23 }, (_, i) => ({
  type: 'Feature',
  id: i + 1,
  properties: { OBJECTID: i + 1, EditDate: Date.UTC(2026, 7, 1 + (i % 13)), Name: `area ${i + 1}` },
  geometry: boxPolygon(
    37 + (i % 6) * 0.1,
    47.6 + Math.floor(i / 6) * 0.1,
    37.05 + (i % 6) * 0.1,
    47.65 + Math.floor(i / 6) * 0.1,
  ),
}));

interface Fake {
  url: string;
  requests: URLSearchParams[];
  close: () => Promise<void>;
}
let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((ok) => s.close(() => ok()))));
  servers = [];
});

/** Answers `${LAYER_PATH}/query` the way `mode` says; pages of at most `maxRecordCount`, like a real server. */
async function fakeArcgis(mode: 'ok' | 'error200' | 'token' | 'html', maxRecordCount = 10): Promise<Fake> {
  const requests: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.searchParams);
    const json = (body: unknown) => {
      const text = JSON.stringify(body);
      res
        .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
        .end(text);
    };
    if (url.pathname !== `${LAYER_PATH}/query`)
      return json({ error: { code: 400, message: 'Invalid URL', details: [] } });
    if (mode === 'error200')
      return json({
        error: {
          code: 400,
          message: 'Unable to complete operation.',
          details: ['Invalid query parameters.'],
        },
      });
    if (mode === 'token') return json({ error: { code: 499, message: 'Token Required', details: [] } });
    if (mode === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>');
      return;
    }
    const offset = Number(url.searchParams.get('resultOffset') ?? 0);
    const count = Math.min(Number(url.searchParams.get('resultRecordCount') ?? 1000), maxRecordCount);
    const page = features.slice(offset, offset + count);
    const more = offset + page.length < features.length;
    // ArcGIS's GeoJSON output says so in `properties`.
    json({
      type: 'FeatureCollection',
      features: page,
      ...(more ? { properties: { exceededTransferLimit: true } } : {}),
    });
  });
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${LAYER_PATH}`, requests, close: async () => {} };
}

const netFetch = (u: string, i?: RequestInit) => fetch(u, i);
const expectedKm2 = features.reduce((s, f) => s + areaKm2(f.geometry as AreaGeometry), 0);

describe('arcgis source', () => {
  it('pages with resultOffset/resultRecordCount while exceededTransferLimit and gets every feature', async () => {
    const fake = await fakeArcgis('ok', 10);
    const fc = await fetchArcgisLayer(netFetch, fake.url, { pageSize: 1000 });
    expect(fc.features).toHaveLength(23);
    expect(fc.pages).toBe(3);
    expect(fake.requests.map((q) => q.get('resultOffset'))).toEqual(['0', '10', '20']);
    for (const q of fake.requests) {
      expect(q.get('where')).toBe('1=1');
      expect(q.get('outFields')).toBe('*');
      expect(q.get('f')).toBe('geojson');
    }
  });

  it('dates the snapshot by the named field (its latest value) or by the fetch time', async () => {
    const fake = await fakeArcgis('ok');
    const byField = createArcgisSource({ layerUrl: fake.url, fetch: netFetch, dateField: 'editdate' });
    const { versions } = await byField.listVersions();
    expect(versions.map((v) => v.date)).toEqual(['2026-08-13']);
    const snapshot = await byField.loadVersion(versions[0]!);
    expect(Math.abs(snapshotAreas(snapshot).total.occupied - expectedKm2)).toBeLessThan(
      expectedKm2 * FLOAT_REL * 10,
    );

    const byClock = createArcgisSource({
      layerUrl: fake.url,
      fetch: netFetch,
      now: () => new Date('2026-09-01T10:00:00Z'),
    });
    expect((await byClock.listVersions()).versions[0]!.date).toBe('2026-09-01');
    const missing = createArcgisSource({
      layerUrl: fake.url,
      fetch: netFetch,
      dateField: 'NoSuchField',
      now: () => new Date('2026-09-02T10:00:00Z'),
    });
    const listed = await missing.listVersions();
    expect(listed.versions[0]!.date).toBe('2026-09-02');
    expect(listed.warnings[0]).toMatch(
      /no feature has a date in field "NoSuchField"; dated by the fetch time, 2026-09-02/u,
    );
  });

  it('turns an error object served with HTTP 200 into a clear error', async () => {
    const fake = await fakeArcgis('error200');
    const err = await fetchArcgisLayer(netFetch, fake.url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toBe(
      `${fake.url}: ArcGIS answered an error 400 "Unable to complete operation." (Invalid query parameters.)`,
    );
  });

  it('says plainly when the layer needs a token', async () => {
    const fake = await fakeArcgis('token');
    const r = await runCli(
      netFetch,
      'area',
      '--source',
      'arcgis',
      '--data',
      fake.url,
      '--date',
      '2026-09-01',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /the layer needs a token \(ArcGIS said 499 "Token Required"\): it is not public/u,
    );
  });

  it('refuses an HTML sign-in page and a URL that is not a layer', async () => {
    const fake = await fakeArcgis('html');
    await expect(fetchArcgisLayer(netFetch, fake.url)).rejects.toThrow(SourceError);
    const ok = await fakeArcgis('ok');
    await expect(fetchArcgisLayer(netFetch, ok.url.replace('/49', '/50'))).rejects.toThrow(
      /ArcGIS answered an error 400 "Invalid URL"/u,
    );
  });

  it('needs --data for --source arcgis (exit 2)', async () => {
    const r = await runCli(netFetch, 'area', '--source', 'arcgis', '--date', '2026-09-01');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--source arcgis needs --data LAYER_URL/u);
  });

  it('sync keeps one validated dated copy per run, which compare then reads as a source', async () => {
    const fake = await fakeArcgis('ok');
    const out = mkdtempSync(join(tmpdir(), 'arcgis-'));
    const s = await syncArcgis({ layer: fake.url, out, dateField: 'EditDate' }, { fetch: netFetch });
    expect(s.date).toBe('2026-08-13');
    expect(s.features).toBe(23);
    const again = await syncArcgis(
      { layer: fake.url, out },
      { fetch: netFetch, now: () => new Date('2026-08-20T08:00:00Z') },
    );
    expect(again.date).toBe('2026-08-20');
    expect(readdirSync(out).sort()).toEqual(['arcgis-2026-08-13.geojson', 'arcgis-2026-08-20.geojson']);
    const copy = JSON.parse(readFileSync(join(out, 'arcgis-2026-08-13.geojson'), 'utf8')) as {
      date: string;
      layer: string;
    };
    expect(copy.date).toBe('2026-08-13');
    expect(copy.layer).toBe(fake.url);

    // The layer against itself (live vs its dated copy): full agreement.
    const r = await runCli(
      netFetch,
      'compare',
      '--date',
      '2026-08-20',
      '--source',
      'arcgis',
      '--data',
      out,
      '--with',
      'arcgis',
      '--with-data',
      fake.url,
      '--date-field',
      'EditDate',
    );
    expect(r.stderr).not.toMatch(/failed/u);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      iou: number;
      a: { areaKm2: number; snapshot: string };
      onlyAKm2: number;
    };
    expect(report.iou).toBe(1);
    expect(report.onlyAKm2).toBe(0);
    expect(report.a.snapshot).toBe('2026-08-20');
    expect(Math.abs(report.a.areaKm2 - expectedKm2)).toBeLessThan(0.01);
  });

  it('sync --source arcgis through the CLI prints what it kept', async () => {
    const fake = await fakeArcgis('ok', 5);
    const out = mkdtempSync(join(tmpdir(), 'arcgis-'));
    const r = await runCli(
      netFetch,
      'sync',
      '--source',
      'arcgis',
      '--data',
      fake.url,
      '--date-field',
      'EditDate',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /23 features in 5 pages, dated 2026-08-13, kept as .*arcgis-2026-08-13\.geojson/u,
    );
  });
});
