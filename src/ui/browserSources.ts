/**
 * The sources the app offers, reached only through same-origin paths the dev/preview server answers
 * (src/server/deepstateMiddleware.ts). Opened in the data worker (src/ui/worker/dataWorker.ts), never on the page.
 */
import { createArchiveSource } from '../sources/archive.ts';
import { createDeepStateApi } from '../sources/deepstateApi.ts';
import { createOwlmapsSource } from '../sources/owlmaps.ts';
import { landOutline, type AreaGeometry, type LandOutline } from '../core/index.ts';
import oblastsUrl from '../../geodata/oblasts.geojson?url';
import type { RetryPolicy } from '../sources/retryPolicy.ts';
import type { SnapshotSource } from '../sources/types.ts';
import { cachingFetch } from './snapshotCache.ts';
import { loadOnce } from './map/loadOnce.ts';
import type { BrowserSourceId } from './sourceIds.ts';

export { BROWSER_SOURCES, type BrowserSourceId } from './sourceIds.ts';

/**
 * A request that got no answer, broke off or got 5xx/408/425/429 (the same-origin proxy answers 502 when the public
 * source does not) is tried twice more, after 0.5 s and 1 s (or what `Retry-After` asks, up to 5 s); the source
 * notice says so meanwhile (RetryNotice). A 404 is an answer ("not published") and is shown at once.
 */
const RETRY: RetryPolicy = { retries: 2, maxDelayMs: 5000 };

/**
 * Ukraine's land outline (the oblasts' union), made once per worker: what UA Control Map's areas are clipped to. A
 * failed fetch is forgotten (loadOnce), so the next request tries again.
 */
const landOnce = loadOnce(async (): Promise<LandOutline> => {
  const r = await fetch(new URL(oblastsUrl, location.href).href);
  if (!r.ok) throw new Error(`oblasts: HTTP ${r.status}`);
  const fc = (await r.json()) as { features: { geometry: AreaGeometry }[] };
  return landOutline(fc.features.map((f) => f.geometry));
});

/**
 * `onRetry` hears of each retry before its wait (the app says so while it waits).
 * @example const source = browserSource('archive');
 */
export function browserSource(id: BrowserSourceId, onRetry?: RetryPolicy['onRetry']): SnapshotSource {
  const retry: RetryPolicy = onRetry ? { ...RETRY, onRetry } : RETRY;
  // Absolute, so that an export names the server it came from, as `frontline change --data URL` does.
  const api = (path: string) => new URL(path, location.origin).href;
  if (id === 'deepstate-api')
    return createDeepStateApi({ baseUrl: api('/api/deepstate'), fetch: cachingFetch(id), retry });
  // Issue #16: fetched at run time through the same-origin route, never bundled (upstream has no licence).
  if (id === 'owlmaps')
    return createOwlmapsSource({
      baseUrl: api('/api/owlmaps'),
      fetch: cachingFetch(id),
      retry,
      land: landOnce,
    });
  const probing = createArchiveSource({ baseUrl: api('/api/archive'), fetch: cachingFetch(id), retry });
  const listed = createArchiveSource({
    baseUrl: api('/api/archive'),
    fetch: cachingFetch(id),
    retry,
    listNames: async () => {
      const r = await fetch('/api/archive/_index.json');
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return (await r.json()) as string[];
    },
  });
  return {
    ...probing,
    // A local mirror can list its files; over HTTP the archive can't, so dates are the calendar (404 = missing).
    listVersions: (signal) => listed.listVersions(signal).catch(() => probing.listVersions(signal)),
  };
}
