/**
 * Issue #12, the optional detailed basemap, in a real browser against `frontline serve` (what `npm start` runs):
 * - a local PMTiles archive (built here: one orange raster tile) is served by the app's own origin by range and
 *   drawn beneath the territory, with the CSP as built and no request leaving the origin;
 * - a vector archive (one MVT tile of the Protomaps schema's `earth` layer) drawn with @protomaps/basemaps;
 * - a MapLibre style served by a 127.0.0.1 server this test starts (another origin): its tiles load, the CSP opens
 *   for that origin alone, and nothing else is asked for;
 * - without one (the default), the page has no basemap tag and asks for no archive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { fullTileMvt, onePmtiles, solidPng } from '../support/pmtiles.ts';
import { CLI, expect, pngShares, test, waitForMapIdle } from './fixtures.ts';

const DIST = process.env['FRONTLINE_E2E_DIST'] ?? 'dist';
// Two ports above the preview servers' pair (playwright.config.ts), so parallel checkouts keep apart.
const PORT = Number(process.env['FRONTLINE_E2E_PORT'] ?? 4311) + 2;
const ORANGE = [200, 120, 40] as const;
const BLUE = [40, 90, 200] as const;
/** @protomaps/basemaps' light flavour: `earth` #e2dfda. */
const EARTH = [0xe2, 0xdf, 0xda] as const;
const ref = process.env['FRONTLINE_REFERENCE_DATA'];

/** Starts `frontline serve` with `--basemap value` on `port`; resolves once it answers. */
async function serve(port: number, basemap: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--app', DIST, '--port', String(port), '--basemap', basemap],
    {
      env: { ...process.env, ...(ref ? { FRONTLINE_ARCHIVE: resolve(ref, 'deepstate-archive') } : {}) },
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  child.kill();
  throw new Error(`frontline serve did not start on ${port}`);
}

/** The CSP the page runs under, as its meta tag states it. */
const csp = (page: Page) =>
  page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');

/** Share of the map's pixels in a colour (the basemap's tile shows wherever no territory or line covers it). */
async function shareOf(page: Page, rgb: readonly [number, number, number]): Promise<number> {
  const png = await page.locator('.map-wrap canvas').first().screenshot();
  return (await pngShares(page, png, rgb, 6)).share;
}

/** Requests the page made to origins other than `allowed`. */
function foreignRequests(page: Page, allowed: string[]): string[] {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && !allowed.includes(url.origin))
      foreign.push(r.url());
  });
  return foreign;
}

test.describe('a detailed basemap chosen at start-up (issue #12)', () => {
  const children: ChildProcess[] = [];
  let tiles: Server | undefined;
  test.afterAll(async () => {
    for (const c of children) c.kill();
    if (tiles) await new Promise((ok) => tiles!.close(ok));
  });

  test('a local PMTiles archive, served by the app by range, drawn beneath the territory', async ({
    page,
    pageErrors,
  }, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), 'frontline-pmtiles-'));
    const file = join(dir, 'orange.pmtiles');
    writeFileSync(file, onePmtiles(solidPng(ORANGE)));
    children.push(await serve(PORT, file));
    const origin = `http://127.0.0.1:${PORT}`;
    const foreign = foreignRequests(page, [origin]);
    const ranges: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/basemap/basemap.pmtiles')) ranges.push(r.status());
    });
    await page.goto(`${origin}/?source=archive`);
    await waitForMapIdle(page);
    await page.waitForFunction(() => {
      const map = window.__frontline!.baseMap!;
      return !!map.getSource('detailed-raster') && map.isSourceLoaded('detailed-raster');
    });
    await waitForMapIdle(page);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.every((s) => s === 206)).toBe(true);
    // Beneath the territory and its outlines: on the base map (stackedMaps.ts), below the snapshots' slot.
    const order = await page.evaluate(() => window.__frontline!.baseMap!.getStyle().layers.map((l) => l.id));
    expect(order.indexOf('detailed-raster')).toBeLessThan(order.indexOf('slot-snapshots'));
    expect(order.indexOf('detailed-raster')).toBeGreaterThan(order.indexOf('slot-water'));
    const share = await shareOf(page, ORANGE);
    console.log(`PMTiles basemap: ${(share * 100).toFixed(0)}% of the map in the tile's colour`);
    expect(share).toBeGreaterThan(0.2);
    expect(await csp(page)).not.toContain('http');
    await testInfo.attach('pmtiles-basemap.png', {
      body: await page.locator('.map-wrap').screenshot(),
      contentType: 'image/png',
    });
    // The comparison's second map (swipe) has the same basemap.
    await page.getByRole('radio', { name: 'Swipe' }).check();
    await page.waitForFunction(() => {
      const second = window.__frontline?.compareMap;
      return !!second?.getSource('detailed-raster') && second.isSourceLoaded('detailed-raster');
    });
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('a vector PMTiles archive in the Protomaps schema, drawn with @protomaps/basemaps', async ({
    page,
    pageErrors,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), 'frontline-pmtiles-'));
    const file = join(dir, 'earth.pmtiles');
    writeFileSync(file, onePmtiles(fullTileMvt('earth'), 1));
    children.push(await serve(PORT + 2, file));
    const origin = `http://127.0.0.1:${PORT + 2}`;
    const foreign = foreignRequests(page, [origin]);
    await page.goto(`${origin}/?source=archive`);
    await waitForMapIdle(page);
    await page.waitForFunction(() => {
      const map = window.__frontline!.baseMap!;
      return !!map.getLayer('detailed-earth') && map.isSourceLoaded('detailed-protomaps');
    });
    await waitForMapIdle(page);
    const layers = await page.evaluate(() =>
      window.__frontline!.baseMap!.getStyle().layers.map((l) => [l.id, l.type] as const),
    );
    const ours = layers.filter(([id]) => id.startsWith('detailed-'));
    expect(ours.length).toBeGreaterThan(10);
    expect(ours.some(([, type]) => type === 'symbol')).toBe(false);
    const share = await shareOf(page, EARTH);
    console.log(`vector PMTiles basemap: ${(share * 100).toFixed(0)}% of the map in the earth colour`);
    expect(share).toBeGreaterThan(0.2);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('a style URL on another origin: its tiles load, the CSP opens for that origin alone', async ({
    page,
    pageErrors,
  }) => {
    const png = solidPng(BLUE);
    const asked: string[] = [];
    tiles = createServer((req, res) => {
      asked.push(req.url ?? '');
      const { port } = tiles!.address() as AddressInfo;
      res.setHeader('access-control-allow-origin', '*');
      if (req.url === '/style.json') {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            version: 8,
            sources: {
              blue: {
                type: 'raster',
                tiles: [`http://127.0.0.1:${port}/t/{z}/{x}/{y}.png`],
                tileSize: 256,
                maxzoom: 0,
              },
            },
            layers: [
              { id: 'blue', type: 'raster', source: 'blue' },
              // Left out: the app names places itself, with its own glyphs.
              { id: 'names', type: 'symbol', source: 'blue', layout: { 'text-field': 'x' } },
            ],
          }),
        );
      } else if (req.url === '/t/0/0/0.png') {
        res.setHeader('content-type', 'image/png');
        res.end(png);
      } else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => tiles!.listen(0, '127.0.0.1', ok));
    const tileOrigin = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
    children.push(await serve(PORT + 1, `${tileOrigin}/style.json`));
    const origin = `http://127.0.0.1:${PORT + 1}`;
    const foreign = foreignRequests(page, [origin, tileOrigin]);
    await page.goto(`${origin}/?source=archive`);
    await waitForMapIdle(page);
    await page.waitForFunction(() => {
      const map = window.__frontline!.baseMap!;
      return !!map.getSource('detailed-blue') && map.isSourceLoaded('detailed-blue');
    });
    await waitForMapIdle(page);
    expect(asked).toContain('/style.json');
    expect(asked).toContain('/t/0/0/0.png');
    const policy = (await csp(page))!;
    expect(policy).toContain(`connect-src 'self' ${tileOrigin};`);
    expect(policy).toContain(`img-src 'self' data: blob: ${tileOrigin};`);
    expect(policy.split(tileOrigin)).toHaveLength(3);
    const layers = await page.evaluate(() => window.__frontline!.baseMap!.getStyle().layers.map((l) => l.id));
    expect(layers).toContain('detailed-blue');
    expect(layers).not.toContain('detailed-names');
    expect(await shareOf(page, BLUE)).toBeGreaterThan(0.2);
    // Only the configured origin, and only the files its style names.
    expect(foreign.every((u) => u.startsWith(`${tileOrigin}/`))).toBe(true);
    // A fetch from the page to any other origin is refused by the CSP.
    const refused = await page.evaluate(() =>
      fetch('http://127.0.0.1:9/').then(
        () => 'fetched',
        () => 'refused',
      ),
    );
    expect(refused).toBe('refused');
    pageErrors.length = 0; // the refused fetch is reported as a CSP violation: that is the point of it
  });

  test('without one, the page has no basemap and asks for no archive', async ({ page, pageErrors }) => {
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto('/?source=archive');
    await waitForMapIdle(page);
    await expect(page.locator('meta[name="frontline-basemap"]')).toHaveCount(0);
    expect(asked.filter((p) => p.startsWith('/basemap/'))).toEqual([]);
    expect(
      await page.evaluate(() =>
        [window.__frontline!.map, window.__frontline!.baseMap!].some((m) =>
          m.getStyle().layers.some((l) => l.id.startsWith('detailed-')),
        ),
      ),
    ).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
