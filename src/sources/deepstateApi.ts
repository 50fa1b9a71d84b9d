/**
 * Source adapter for the DeepStateMap API (https://deepstatemap.live/api), format in docs/data.md.
 * The base URL is injected: in the browser it is the same-origin path `/api/deepstate` that the dev/preview server
 * proxies (or serves from a mirror folder); in Node it is the API itself or a local server.
 */
import { parseDeepStateVersion, parseHistoryList } from '../core/index.ts';
import { fetchJson, SourceError, type FetchLike } from './fetchJson.ts';
import type { RetryPolicy } from './retryPolicy.ts';
import { loadSnapshot, type SnapshotMemo } from './snapshotMemo.ts';
import type { SnapshotSource } from './types.ts';

export const DEEPSTATE_SOURCE_ID = 'deepstate-api';

export type DeepStateApi = SnapshotSource;

/**
 * @example const api = createDeepStateApi({ baseUrl: '/api/deepstate', fetch: globalThis.fetch.bind(globalThis) });
 */
export function createDeepStateApi({
  baseUrl,
  fetch: fetchFn,
  timeoutMs = 60_000,
  retry,
  now = Date.now,
  memo,
}: {
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs?: number;
  /** Retries of failed requests worth retrying (src/sources/retryPolicy.ts); none by default. */
  retry?: RetryPolicy;
  /** The clock, for flagging versions dated in the future. */
  now?: () => number;
  /** Snapshots already validated (src/sources/snapshotMemo.ts); every file is validated when absent. */
  memo?: SnapshotMemo;
}): DeepStateApi {
  const base = baseUrl.replace(/\/+$/u, '');
  return {
    id: 'deepstate-api',
    location: base,
    async listVersions(signal) {
      const url = `${base}/history/public`;
      const parsed = parseHistoryList(
        await fetchJson(fetchFn, url, {
          timeoutMs,
          ...(retry ? { retry } : {}),
          ...(signal ? { signal } : {}),
        }),
        { now: now() },
      );
      if (!parsed.ok) throw new SourceError(`${url}: ${parsed.issues.join('; ')}`, 200, url);
      return { versions: parsed.value, warnings: parsed.warnings };
    },
    async loadVersion(version, signal) {
      if (!/^\d+$/u.test(version.id))
        throw new SourceError(`version id ${JSON.stringify(version.id)} is not numeric`, 0, '');
      const url = `${base}/history/${version.id}/geojson`;
      return loadSnapshot(fetchFn, url, (json) => parseDeepStateVersion(json, version, DEEPSTATE_SOURCE_ID), {
        source: DEEPSTATE_SOURCE_ID,
        version,
        timeoutMs,
        ...(retry ? { retry } : {}),
        ...(signal ? { signal } : {}),
        ...(memo ? { memo } : {}),
      });
    },
  };
}
