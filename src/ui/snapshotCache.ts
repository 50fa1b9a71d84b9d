/**
 * The browser's snapshot cache (issue #3): snapshot files fetched once are kept in the Cache API with their source,
 * URL, fetch time and SHA-256 content hash, and served from there on the next visit. Only snapshot files are cached
 * (a version's GeoJSON, an archive day), which never change once published; version lists always go to the network.
 * A cached body whose hash no longer matches is dropped and fetched again.
 *
 * The cache is bounded (issue #14): past `SNAPSHOT_CACHE_LIMIT_BYTES` of bodies, the least recently used files are
 * deleted. "Used" is known exactly within a visit; across visits the order starts from each file's fetch time (the
 * Cache API keeps no access time, and rewriting an entry on every hit would cost more than it saves).
 */
const CACHE = 'frontline-snapshots-v1';
const SNAPSHOT_PATH =
  /^\/api\/(?:deepstate\/history\/\d+\/geojson|archive\/deepstatemap_data_\d{8}\.geojson)$/u;

/** 200 MiB: the whole daily archive (~80 MB) fits, or about a hundred DeepState versions of 2025 (~1.5 MB each). */
export const SNAPSHOT_CACHE_LIMIT_BYTES = 200 * 1024 * 1024;

async function sha256(buffer: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the bounded cache needs of the Cache API (a stand-in in the unit tests). */
export type CacheLike = Pick<Cache, 'match' | 'put' | 'delete' | 'keys'>;

export interface SnapshotCacheOptions {
  /** Opens the cache; `null` where the Cache API is missing (not a secure context). */
  openCache: () => Promise<CacheLike> | null;
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** The page's own origin: other origins are never cached. */
  origin: string;
  limitBytes: number;
  now?: () => number;
}

/** Bytes and last use of every cached file, read from the cache once per page, then kept up to date. */
class CacheBudget {
  readonly #entries = new Map<string, { bytes: number; usedAt: number }>();
  #total = 0;

  static async read(cache: CacheLike): Promise<CacheBudget> {
    const budget = new CacheBudget();
    for (const request of await cache.keys()) {
      const hit = await cache.match(request);
      if (!hit) continue;
      const bytes = Number(hit.headers.get('x-frontline-bytes')) || (await hit.arrayBuffer()).byteLength;
      const usedAt = Date.parse(hit.headers.get('x-frontline-fetched-at') ?? '') || 0;
      budget.set(request.url, bytes, usedAt);
    }
    return budget;
  }

  set(url: string, bytes: number, usedAt: number): void {
    this.forget(url);
    this.#entries.set(url, { bytes, usedAt });
    this.#total += bytes;
  }

  touch(url: string, at: number): void {
    const entry = this.#entries.get(url);
    if (entry) entry.usedAt = at;
  }

  forget(url: string): void {
    const entry = this.#entries.get(url);
    if (!entry) return;
    this.#total -= entry.bytes;
    this.#entries.delete(url);
  }

  /** The least recently used files to delete so that the rest fits in `limit`, never `keep` (the file just added). */
  overLimit(limit: number, keep: string): string[] {
    if (this.#total <= limit) return [];
    const byAge = [...this.#entries]
      .filter(([url]) => url !== keep)
      .sort((a, b) => a[1].usedAt - b[1].usedAt);
    const out: string[] = [];
    let total = this.#total;
    for (const [url, { bytes }] of byAge) {
      if (total <= limit) break;
      out.push(url);
      total -= bytes;
    }
    return out;
  }
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * One bounded cache, shared by every source: for a source's name (recorded with each file as `x-frontline-source`),
 * a fetch that answers snapshot files from the cache when it can, and stores a fetched one after handing it on
 * (`stored()` resolves once all are). Everything is injected (the unit tests use a
 * stand-in cache); `cachingFetch` is this with the browser's own Cache API.
 * @example createSnapshotCache({ openCache: () => caches.open('x'), fetch, origin, limitBytes: 1e8 })('archive')
 */
export function createSnapshotCache(
  options: SnapshotCacheOptions,
): ((source: string) => Fetch) & { stored: () => Promise<void> } {
  const now = options.now ?? Date.now;
  let budget: Promise<CacheBudget> | undefined;
  /** Files fetched and handed on, stored one after the other in this chain. */
  let writes = Promise.resolve();
  const forSource =
    (source: string): Fetch =>
    async (input, init) => {
      const url = new URL(input, options.origin);
      const opened =
        url.origin === options.origin && SNAPSHOT_PATH.test(url.pathname) ? options.openCache() : null;
      if (!opened) return options.fetch(input, init);
      try {
        const cache = await opened;
        // Read once per page (every cached file's size and date: a round trip per file), in the background: a
        // lookup never waits for it, only the bookkeeping does. A failed read is forgotten, so the next one reads again.
        const index = (budget ??= CacheBudget.read(cache).catch((err: unknown) => {
          budget = undefined;
          throw err;
        }));
        const keep = (update: (i: CacheBudget) => void) =>
          void index.then(update).catch(() => {
            // No budget this time: the next write reads it again.
          });
        const hit = await cache.match(url.href);
        if (hit) {
          const body = await hit.clone().arrayBuffer();
          if ((await sha256(body)) === hit.headers.get('x-frontline-sha256')) {
            const at = now();
            keep((i) => i.touch(url.href, at));
            return hit;
          }
          await cache.delete(url.href);
          keep((i) => i.forget(url.href));
        }
        const response = await options.fetch(input, init);
        if (!response.ok) return response;
        // Stored once the answer is handed on, one file after another: hashing it and writing it to the Cache API
        // were on the way to the map in every jump to a date not read ahead (issue #14; docs/performance.md).
        const copy = response.clone();
        writes = writes.then(async () => {
          try {
            const budgetNow = await index;
            const body = await copy.arrayBuffer();
            const headers = new Headers(copy.headers);
            headers.set('x-frontline-source', source);
            headers.set('x-frontline-url', url.href);
            headers.set('x-frontline-fetched-at', new Date(now()).toISOString());
            headers.set('x-frontline-sha256', await sha256(body));
            headers.set('x-frontline-bytes', String(body.byteLength));
            await cache.put(url.href, new Response(body, { status: 200, headers }));
            budgetNow.set(url.href, body.byteLength, now());
            for (const old of budgetNow.overLimit(options.limitBytes, url.href)) {
              await cache.delete(old);
              budgetNow.forget(old);
            }
          } catch {
            // A full or unavailable cache never stops the app: the file is fetched again next time.
          }
        });
        return response;
      } catch {
        // A full or unavailable cache never stops the app: go to the network.
        return options.fetch(input, init);
      }
    };
  /** Resolves once every file handed on so far is stored (or could not be). */
  return Object.assign(forSource, { stored: () => writes });
}

/**
 * A fetch that answers snapshot files from the cache when it can. Falls back to plain fetch where the Cache API is
 * missing (not a secure context).
 * @example const source = createArchiveSource({ baseUrl: '/api/archive', fetch: cachingFetch('archive') });
 */
export function cachingFetch(source: string): Fetch {
  browserCache ??= createSnapshotCache({
    openCache: () => (typeof caches === 'undefined' ? null : caches.open(CACHE)),
    fetch: (input, init) => fetch(input, init),
    origin: location.origin,
    limitBytes: SNAPSHOT_CACHE_LIMIT_BYTES,
  });
  return browserCache(source);
}
let browserCache: ((source: string) => Fetch) | undefined;
