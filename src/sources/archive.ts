/**
 * Source adapter for the DeepState daily archive: one occupied-territory MultiPolygon per day,
 * `deepstatemap_data_YYYYMMDD.geojson`, public at https://raw.githubusercontent.com/cyterat/deepstate-map-data/main/data/
 * (GPL-3.0). There is no directory listing over HTTP, so without `listNames` the dates are the calendar from the
 * archive's first day to today, minus the known gaps; a missing day answers 404 and is reported "not published".
 */
import {
  archiveDateFromName,
  archiveFileName,
  archiveVersion,
  parseArchiveDay,
  stepDates,
  type Version,
} from '../core/index.ts';
import type { FetchLike } from './fetchJson.ts';
import type { RetryPolicy } from './retryPolicy.ts';
import { loadSnapshot, type SnapshotMemo } from './snapshotMemo.ts';
import type { SnapshotSource } from './types.ts';

export const ARCHIVE_DEFAULT_URL = 'https://raw.githubusercontent.com/cyterat/deepstate-map-data/main/data';
export const ARCHIVE_FIRST_DAY = '2024-07-08';
/** Days the public archive never published (seen in the reference copy, 2024-07 → 2026-08). */
export const ARCHIVE_KNOWN_GAPS: readonly string[] = [
  '2024-08-18',
  '2024-08-19',
  '2025-01-01',
  '2025-03-31',
  '2025-04-01',
  '2025-11-26',
  '2026-07-09',
];

/**
 * @example createArchiveSource({ baseUrl: ARCHIVE_DEFAULT_URL, fetch })
 */
export function createArchiveSource({
  baseUrl = ARCHIVE_DEFAULT_URL,
  fetch: fetchFn,
  listNames,
  today = () => new Date().toISOString().slice(0, 10),
  timeoutMs = 60_000,
  retry,
  memo,
}: {
  baseUrl?: string;
  fetch: FetchLike;
  /** File names in the archive folder, when it can be listed (a local mirror). */
  listNames?: () => Promise<string[]>;
  today?: () => string;
  timeoutMs?: number;
  /** Retries of failed requests worth retrying (src/sources/retryPolicy.ts); none by default. */
  retry?: RetryPolicy;
  /** Snapshots already validated (src/sources/snapshotMemo.ts); every file is validated when absent. */
  memo?: SnapshotMemo;
}): SnapshotSource {
  const base = baseUrl.replace(/\/+$/u, '');
  return {
    id: 'archive',
    location: base,
    async listVersions() {
      if (listNames) {
        const dates = (await listNames())
          .map(archiveDateFromName)
          .filter((d): d is string => !!d)
          .sort();
        return { versions: dates.map(archiveVersion), warnings: [] };
      }
      const gaps = new Set(ARCHIVE_KNOWN_GAPS);
      const versions: Version[] = stepDates(ARCHIVE_FIRST_DAY, today(), 'day')
        .filter((d) => !gaps.has(d))
        .map(archiveVersion);
      return { versions, warnings: [] };
    },
    async loadVersion(version, signal) {
      const url = `${base}/${archiveFileName(version.date)}`;
      return loadSnapshot(fetchFn, url, (json) => parseArchiveDay(json, version), {
        source: 'archive',
        version,
        timeoutMs,
        ...(retry ? { retry } : {}),
        ...(signal ? { signal } : {}),
        ...(memo ? { memo } : {}),
      });
    },
  };
}
