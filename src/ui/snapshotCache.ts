/**
 * The browser's snapshot cache (issue #3): snapshot files fetched once are kept in the Cache API with their source,
 * URL, fetch time and SHA-256 content hash, and served from there on the next visit. Only snapshot files are cached
 * (a version's GeoJSON, an archive day), which never change once published; version lists always go to the network.
 * A cached body whose hash no longer matches is dropped and fetched again.
 */
const CACHE = 'frontline-snapshots-v1';
const SNAPSHOT_PATH =
  /^\/api\/(?:deepstate\/history\/\d+\/geojson|archive\/deepstatemap_data_\d{8}\.geojson)$/u;

async function sha256(buffer: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A fetch that answers snapshot files from the cache when it can. Falls back to plain fetch where the Cache API is
 * missing (not a secure context).
 * @example const source = createArchiveSource({ baseUrl: '/api/archive', fetch: cachingFetch('archive') });
 */
export function cachingFetch(source: string): (input: string, init?: RequestInit) => Promise<Response> {
  return async (input, init) => {
    const url = new URL(input, location.href);
    if (
      typeof caches === 'undefined' ||
      url.origin !== location.origin ||
      !SNAPSHOT_PATH.test(url.pathname)
    ) {
      return fetch(input, init);
    }
    try {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(url.href);
      if (hit) {
        const body = await hit.clone().arrayBuffer();
        if ((await sha256(body)) === hit.headers.get('x-frontline-sha256')) return hit;
        await cache.delete(url.href);
      }
      const response = await fetch(input, init);
      if (!response.ok) return response;
      const body = await response.clone().arrayBuffer();
      const headers = new Headers(response.headers);
      headers.set('x-frontline-source', source);
      headers.set('x-frontline-url', url.href);
      headers.set('x-frontline-fetched-at', new Date().toISOString());
      headers.set('x-frontline-sha256', await sha256(body));
      await cache.put(url.href, new Response(body, { status: 200, headers }));
      return response;
    } catch {
      // A full or unavailable cache never stops the app: go to the network.
      return fetch(input, init);
    }
  };
}
