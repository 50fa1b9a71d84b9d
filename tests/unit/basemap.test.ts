/**
 * The optional detailed basemap's server side (issue #12, src/server/basemap.ts and appServer.ts): what the flag
 * accepts, the CSP opened for a style's origin only, index.html untouched without one, and a local PMTiles archive
 * served by byte range — read back by the pmtiles package itself.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FetchSource, PMTiles } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer } from '../../src/server/appServer.ts';
import { byteRange, resolveBasemap, withBasemap } from '../../src/server/basemap.ts';
import { onePmtiles, solidPng } from '../support/pmtiles.ts';

const CSP =
  "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self'";
const HTML = `<!doctype html><html><head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" /></head><body></body></html>`;
const dir = mkdtempSync(join(tmpdir(), 'frontline-basemap-'));
const tile = solidPng([200, 120, 40]);
const archive = onePmtiles(tile);
writeFileSync(join(dir, 'index.html'), HTML);
writeFileSync(join(dir, 'b.pmtiles'), archive);

describe('resolveBasemap', () => {
  it('takes a style URL or an existing .pmtiles file, and says what is wrong with anything else', () => {
    expect(resolveBasemap(undefined, dir)).toBeNull();
    expect(resolveBasemap('', dir)).toBeNull();
    expect(resolveBasemap('https://tiles.example/style.json', dir)).toEqual({
      kind: 'style',
      url: 'https://tiles.example/style.json',
    });
    expect(resolveBasemap('b.pmtiles', dir)).toEqual({ kind: 'pmtiles', file: join(dir, 'b.pmtiles') });
    expect(resolveBasemap('missing.pmtiles', dir)).toEqual({
      error: `basemap: ${join(dir, 'missing.pmtiles')} does not exist`,
    });
    expect(resolveBasemap('style.json', dir)).toMatchObject({ error: expect.stringContaining('style URL') });
    expect(resolveBasemap('ftp://x/y.pmtiles', dir)).toMatchObject({
      error: expect.stringContaining('only'),
    });
  });
});

describe('withBasemap', () => {
  it('opens connect-src and img-src for the style’s origin only, and tells the page', () => {
    const html = withBasemap(HTML, { kind: 'style', url: 'http://127.0.0.1:9999/s/style.json' });
    expect(html).toContain(
      "connect-src 'self' http://127.0.0.1:9999; img-src 'self' data: blob: http://127.0.0.1:9999; style-src 'self'",
    );
    expect(html.match(/127\.0\.0\.1:9999/gu)).toHaveLength(3); // two directives and the meta tag's URL
    expect(html).toContain(
      '<meta name="frontline-basemap" content="{&quot;style&quot;:&quot;http://127.0.0.1:9999/s/style.json&quot;}" />',
    );
  });
  it('leaves the CSP as built for a local archive (same origin)', () => {
    const html = withBasemap(HTML, { kind: 'pmtiles', file: '/x.pmtiles' });
    expect(html).toContain(`content="${CSP}"`);
    expect(html).toContain('{&quot;pmtiles&quot;:&quot;/basemap/basemap.pmtiles&quot;}');
  });
});

describe('byteRange', () => {
  it('reads single ranges as RFC 9110 does', () => {
    expect(byteRange(undefined, 100)).toBeNull();
    expect(byteRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(byteRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(byteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(byteRange('bytes=50-1000', 100)).toEqual({ start: 50, end: 99 });
    expect(byteRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(byteRange('bytes=5-2', 100)).toBe('unsatisfiable');
    expect(byteRange('items=0-1', 100)).toBeNull();
  });
});

describe('the app server with a basemap', () => {
  const closed = { kind: 'url' as const, base: 'http://127.0.0.1:9' };
  const servers = {
    plain: createAppServer({ appDir: dir, api: closed as never, archive: closed as never }),
    pmtiles: createAppServer({
      appDir: dir,
      api: closed as never,
      archive: closed as never,
      basemap: { kind: 'pmtiles', file: join(dir, 'b.pmtiles') },
    }),
  };
  const base = (s: keyof typeof servers) => `http://127.0.0.1:${(servers[s].address() as AddressInfo).port}`;
  beforeAll(async () => {
    for (const s of Object.values(servers)) await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  });
  afterAll(async () => {
    for (const s of Object.values(servers)) await new Promise((ok) => s.close(ok));
  });

  it('sends index.html as built without one, and serves no archive', async () => {
    expect(await (await fetch(`${base('plain')}/`)).text()).toBe(HTML);
    expect((await fetch(`${base('plain')}/basemap/basemap.pmtiles`)).status).toBe(404);
  });

  it('serves the archive by range, and the pmtiles package reads its tile back', async () => {
    const html = await (await fetch(`${base('pmtiles')}/`)).text();
    expect(html).toContain('name="frontline-basemap"');
    const url = `${base('pmtiles')}/basemap/basemap.pmtiles`;
    const part = await fetch(url, { headers: { range: 'bytes=0-6' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-6/${archive.length}`);
    expect(await part.text()).toBe('PMTiles');
    expect((await fetch(url, { headers: { range: `bytes=${archive.length}-` } })).status).toBe(416);
    const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(whole.equals(archive)).toBe(true);
    const reader = new PMTiles(new FetchSource(url));
    const header = await reader.getHeader();
    expect(header).toMatchObject({ tileType: 2, minZoom: 0, maxZoom: 0, numAddressedTiles: 1 });
    const got = await reader.getZxy(0, 0, 0);
    expect(Buffer.from(got!.data).equals(tile)).toBe(true);
  });
});
