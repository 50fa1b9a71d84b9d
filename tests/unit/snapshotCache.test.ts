/**
 * The browser's snapshot cache is bounded (issue #14): least recently used files go first once the bodies pass the
 * limit; hits are served without the network; a body whose hash does not match is fetched again. Run on a stand-in
 * for the Cache API (a Map of Responses), which Node lacks.
 */
import { describe, expect, it } from 'vitest';
import { createSnapshotCache, type CacheLike } from '../../src/ui/snapshotCache.ts';

const ORIGIN = 'http://127.0.0.1:4173';
const day = (d: number) => `/api/archive/deepstatemap_data_202501${String(d).padStart(2, '0')}.geojson`;

function standInCache(): CacheLike & { urls: () => string[]; store: Map<string, Response> } {
  const store = new Map<string, Response>();
  const key = (r: RequestInfo | URL) => (typeof r === 'string' ? r : r instanceof URL ? r.href : r.url);
  return {
    store,
    urls: () => [...store.keys()].map((u) => new URL(u).pathname).sort(),
    match: (r: RequestInfo | URL) => Promise.resolve(store.get(key(r))?.clone()),
    put: async (r: RequestInfo | URL, response: Response) => {
      store.set(key(r), response);
    },
    delete: (r: RequestInfo | URL) => Promise.resolve(store.delete(key(r))),
    keys: () => Promise.resolve([...store.keys()].map((u) => new Request(u))),
  } as unknown as CacheLike & { urls: () => string[]; store: Map<string, Response> };
}

/** A network of files of `size` bytes each, counting requests per path. */
function network(size: number) {
  const requests: string[] = [];
  const fetch = (input: string) => {
    requests.push(new URL(input, ORIGIN).pathname);
    return Promise.resolve(new Response('x'.repeat(size), { status: 200 }));
  };
  return { fetch, requests };
}

function setUp(limitBytes: number, size = 1000) {
  const cache = standInCache();
  const net = network(size);
  let clock = 1_700_000_000_000;
  const sources = createSnapshotCache({
    openCache: () => Promise.resolve(cache),
    fetch: net.fetch,
    origin: ORIGIN,
    limitBytes,
    now: () => (clock += 1000),
  });
  const fetchArchive = sources('archive');
  /** A fetch through the cache, then its storing finished (it is stored after the answer is handed on). */
  const get = async (input: string) => {
    const response = await fetchArchive(input);
    await sources.stored();
    return response;
  };
  return { cache, net, get, fetchArchive, stored: sources.stored };
}

describe('bounded snapshot cache', () => {
  it('keeps every file while under the limit and serves repeats from the cache', async () => {
    const { cache, net, get } = setUp(10_000);
    for (const d of [1, 2, 3]) await get(day(d));
    await get(day(2));
    expect(net.requests).toEqual([day(1), day(2), day(3)]);
    expect(cache.urls()).toEqual([day(1), day(2), day(3)]);
    const hit = await cache.match(`${ORIGIN}${day(2)}`);
    expect(hit?.headers.get('x-frontline-bytes')).toBe('1000');
    expect(hit?.headers.get('x-frontline-source')).toBe('archive');
  });

  it('past the limit deletes the least recently used files, not the oldest fetched', async () => {
    const { cache, net, get } = setUp(3_500);
    for (const d of [1, 2, 3]) await get(day(d));
    await get(day(1)); // day 1 is now the most recently used
    await get(day(4)); // 4,000 bytes > 3,500: day 2 goes
    expect(cache.urls()).toEqual([day(1), day(3), day(4)]);
    await get(day(5)); // then day 3
    expect(cache.urls()).toEqual([day(1), day(4), day(5)]);
    expect(net.requests).toEqual([day(1), day(2), day(3), day(4), day(5)]);
  });

  it('reads what an earlier visit cached, oldest fetch first, and a file larger than the limit stays alone', async () => {
    const first = setUp(10_000);
    for (const d of [1, 2, 3]) await first.get(day(d));
    // A new page on the same cache with a lower limit: its budget is read from the cache's own headers.
    const net = network(2_500);
    const second = createSnapshotCache({
      openCache: () => Promise.resolve(first.cache),
      fetch: net.fetch,
      origin: ORIGIN,
      limitBytes: 2_000,
      now: () => 1_800_000_000_000,
    });
    await second('archive')(day(4));
    await second.stored();
    expect(first.cache.urls()).toEqual([day(4)]);
  });

  it('drops a body whose hash does not match and fetches it again', async () => {
    const { cache, net, get } = setUp(10_000);
    await get(day(1));
    const url = `${ORIGIN}${day(1)}`;
    const stored = cache.store.get(url)!;
    cache.store.set(url, new Response('tampered', { headers: stored.headers }));
    const again = await get(day(1));
    expect(await again.text()).toBe('x'.repeat(1000));
    expect(net.requests).toEqual([day(1), day(1)]);
  });

  it('never caches version lists, other origins or failed answers', async () => {
    const { cache, net, get } = setUp(10_000);
    await get('/api/deepstate/history/public');
    await get('http://example.invalid/api/archive/deepstatemap_data_20250101.geojson');
    expect(cache.urls()).toEqual([]);
    expect(net.requests).toHaveLength(2);
    const missing = createSnapshotCache({
      openCache: () => Promise.resolve(cache),
      fetch: () => Promise.resolve(new Response('not found', { status: 404 })),
      origin: ORIGIN,
      limitBytes: 10_000,
    })('archive');
    expect((await missing(day(9))).status).toBe(404);
    expect(cache.urls()).toEqual([]);
  });

  it('hands the answer on before storing it: a slow cache write never holds up the map', async () => {
    const { cache, fetchArchive, stored } = setUp(10_000);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const put = cache.put.bind(cache);
    cache.put = async (request, response) => {
      await gate;
      return put(request, response);
    };
    const response = await fetchArchive(day(1));
    expect(await response.text()).toBe('x'.repeat(1000));
    expect(cache.urls()).toEqual([]);
    release();
    await stored();
    expect(cache.urls()).toEqual([day(1)]);
  });

  it('a cache write that fails loses nothing: the answer was handed on, and the file is fetched again next time', async () => {
    const { cache, net, get } = setUp(10_000);
    cache.put = () => Promise.reject(new Error('quota exceeded'));
    expect(await (await get(day(1))).text()).toBe('x'.repeat(1000));
    expect(cache.urls()).toEqual([]);
    await get(day(1));
    expect(net.requests).toEqual([day(1), day(1)]);
  });

  it('a lookup never waits for the budget read (a round trip per cached file), only the bookkeeping does', async () => {
    const first = setUp(10_000);
    await first.get(day(1));
    // A later page on a cache whose listing is slow (hundreds of files): its first lookups go ahead regardless.
    let list: () => void = () => {};
    const listed = new Promise<void>((r) => (list = r));
    const keys = first.cache.keys.bind(first.cache);
    first.cache.keys = async () => {
      await listed;
      return keys();
    };
    const net = network(1000);
    const later = createSnapshotCache({
      openCache: () => Promise.resolve(first.cache),
      fetch: net.fetch,
      origin: ORIGIN,
      limitBytes: 10_000,
    });
    const get = later('archive');
    expect(await (await get(day(1))).text()).toBe('x'.repeat(1000)); // a hit, from the cache
    expect(await (await get(day(2))).text()).toBe('x'.repeat(1000)); // a miss, from the network
    expect(net.requests).toEqual([day(2)]);
    expect(first.cache.urls()).toEqual([day(1)]); // day 2 waits for the budget to be stored
    list();
    await later.stored();
    expect(first.cache.urls()).toEqual([day(1), day(2)]);
  });
});
