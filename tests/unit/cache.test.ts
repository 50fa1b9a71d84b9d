/**
 * The snapshot cache (src/sources/node/cache.ts) in a temporary folder: stored with a SHA-256, reused while the hash
 * verifies, fetched again when the file was tampered with; lists and errors pass through.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveVersion } from '../../src/core/index.ts';
import { createArchiveSource } from '../../src/sources/archive.ts';
import { cachedDates, cachedEntries, cachingFetch, type CacheMeta } from '../../src/sources/node/cache.ts';
import type { FetchLike } from '../../src/sources/fetchJson.ts';
import { openSource } from '../../src/cli/openSource.ts';

const root = mkdtempSync(join(tmpdir(), 'frontline-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DAY = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [37, 48],
              [37.4, 48],
              [37.4, 48.4],
              [37, 48],
            ],
          ],
        ],
      },
    },
  ],
});

/** A fetch answering from a map of URL → [status, body], counting calls per URL. */
function serverFetch(
  answers: Record<string, [number, string]>,
): FetchLike & { calls: Record<string, number> } {
  const f = (async (url: string) => {
    f.calls[url] = (f.calls[url] ?? 0) + 1;
    const [status, body] = answers[url] ?? [404, 'not found'];
    return new Response(body, { status });
  }) as FetchLike & { calls: Record<string, number> };
  f.calls = {};
  return f;
}

const BASE = 'https://mirror.test/data';
const url = (date: string) => `${BASE}/deepstatemap_data_${date.replaceAll('-', '')}.geojson`;
const NOW = new Date('2026-01-02T03:04:05.000Z');

describe('cachingFetch', () => {
  const inner = serverFetch({
    [url('2025-08-15')]: [200, DAY],
    [url('2025-08-16')]: [200, '<html>rate limited</html>'],
    [url('2025-08-18')]: [503, 'busy'],
  });
  const fetchFn = cachingFetch(inner, { source: 'archive', baseUrl: BASE, root, now: () => NOW });
  const file = join(root, 'archive', 'deepstatemap_data_20250815.geojson');

  it('stores a fetched file with its source, URL, fetch time and SHA-256', async () => {
    const res = await fetchFn(url('2025-08-15'));
    expect(await res.text()).toBe(DAY);
    expect(readFileSync(file, 'utf8')).toBe(DAY);
    const meta = JSON.parse(readFileSync(`${file}.meta.json`, 'utf8')) as CacheMeta;
    expect(meta).toEqual({
      source: 'archive',
      url: url('2025-08-15'),
      fetchedAt: '2026-01-02T03:04:05.000Z',
      sha256: createHash('sha256').update(DAY).digest('hex'),
      bytes: Buffer.byteLength(DAY),
    });
  });

  it('serves it from the cache next time, without fetching', async () => {
    const res = await fetchFn(url('2025-08-15'));
    expect(res.headers.get('x-frontline-cache')).toBe('hit');
    expect(await res.text()).toBe(DAY);
    expect(inner.calls[url('2025-08-15')]).toBe(1);
  });

  it('fetches again when the cached file was tampered with, and repairs the cache', async () => {
    writeFileSync(file, DAY.replace('37.4', '37.5'));
    const res = await fetchFn(url('2025-08-15'));
    expect(res.headers.get('x-frontline-cache')).toBeNull();
    expect(await res.text()).toBe(DAY);
    expect(inner.calls[url('2025-08-15')]).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(DAY);
    await fetchFn(url('2025-08-15'));
    expect(inner.calls[url('2025-08-15')]).toBe(2);
  });

  it('does not trust a file without its meta (a crash between the two writes)', async () => {
    rmSync(`${file}.meta.json`);
    await fetchFn(url('2025-08-15'));
    expect(inner.calls[url('2025-08-15')]).toBe(3);
    expect(existsSync(`${file}.meta.json`)).toBe(true);
  });

  it('never caches errors or answers that are not JSON', async () => {
    expect((await fetchFn(url('2025-08-16'))).status).toBe(200);
    expect((await fetchFn(url('2025-08-17'))).status).toBe(404);
    expect((await fetchFn(url('2025-08-18'))).status).toBe(503);
    for (const d of ['20250816', '20250817', '20250818']) {
      expect(existsSync(join(root, 'archive', `deepstatemap_data_${d}.geojson`))).toBe(false);
    }
  });

  it('passes mutable resources (the version list) and other URLs through', async () => {
    const api = serverFetch({ 'https://api.test/history/public': [200, '[]'] });
    const f = cachingFetch(api, { source: 'deepstate-api', baseUrl: 'https://api.test', root });
    await f('https://api.test/history/public');
    await f('https://api.test/history/public');
    await f('https://elsewhere.test/history/1/geojson');
    expect(api.calls['https://api.test/history/public']).toBe(2);
    expect(existsSync(join(root, 'deepstate-api', 'history', 'public'))).toBe(false);
  });

  it('does not serve another base URL’s copy of the same path', async () => {
    const other = serverFetch({ 'https://other.test/data/deepstatemap_data_20250815.geojson': [200, DAY] });
    const f = cachingFetch(other, { source: 'archive', baseUrl: 'https://other.test/data', root });
    await f('https://other.test/data/deepstatemap_data_20250815.geojson');
    expect(other.calls['https://other.test/data/deepstatemap_data_20250815.geojson']).toBe(1);
  });

  it('feeds a source adapter: a snapshot loads from the cache', async () => {
    const inner2 = serverFetch({ [url('2025-08-20')]: [200, DAY] });
    const source = createArchiveSource({
      baseUrl: BASE,
      fetch: cachingFetch(inner2, { source: 'archive', baseUrl: BASE, root }),
    });
    const a = await source.loadVersion(archiveVersion('2025-08-20'));
    const b = await source.loadVersion(archiveVersion('2025-08-20'));
    expect(b).toEqual(a);
    expect(inner2.calls[url('2025-08-20')]).toBe(1);
  });

  it('reports a cache it cannot write, and still answers', async () => {
    const blocked = join(root, 'blocked');
    writeFileSync(blocked, 'a file where the folder should be');
    const errors: string[] = [];
    const f = cachingFetch(serverFetch({ [url('2025-08-21')]: [200, DAY] }), {
      source: 'archive',
      baseUrl: BASE,
      root: blocked,
      onError: (m) => errors.push(m),
    });
    expect(await (await f(url('2025-08-21'))).text()).toBe(DAY);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^cache: https:\/\/mirror\.test\/data\/deepstatemap_data_20250821\.geojson not stored/u,
    );
  });
});

describe('cachedDates', () => {
  it('lists the archive days in the cache (size checked)', async () => {
    expect([...(await cachedDates('archive', root))].sort()).toEqual(['2025-08-15', '2025-08-20']);
    writeFileSync(join(root, 'archive', 'deepstatemap_data_20250820.geojson'), '{}');
    expect([...(await cachedDates('archive', root))]).toEqual(['2025-08-15']);
  });

  it('dates DeepState versions by their id (Unix seconds)', async () => {
    const api = serverFetch({
      'https://api.test/history/1754077960/geojson': [200, '{"type":"FeatureCollection","features":[]}'],
    });
    const f = cachingFetch(api, { source: 'deepstate-api', baseUrl: 'https://api.test', root });
    await f('https://api.test/history/1754077960/geojson');
    expect([...(await cachedDates('deepstate-api', root))]).toEqual(['2025-08-01']);
    expect((await cachedEntries('deepstate-api', root)).map((e) => e.path)).toEqual([
      'history/1754077960/geojson',
    ]);
  });

  it('is empty for a source never cached', async () => {
    expect((await cachedDates('folder', root)).size).toBe(0);
    expect((await cachedDates('archive', join(root, 'nothing-here'))).size).toBe(0);
  });
});

describe('openSource with a cache', () => {
  it('caches sources read over HTTP in the folder given', async () => {
    const dir = join(root, 'via-open');
    const inner = serverFetch({ [url('2025-08-22')]: [200, DAY] });
    const source = openSource('archive', BASE, inner, { cache: dir });
    await source.loadVersion(archiveVersion('2025-08-22'));
    await source.loadVersion(archiveVersion('2025-08-22'));
    expect(inner.calls[url('2025-08-22')]).toBe(1);
    expect([...(await cachedDates('archive', dir))]).toEqual(['2025-08-22']);
  });
});
