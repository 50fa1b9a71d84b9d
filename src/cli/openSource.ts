/**
 * Opens a catalogued source for the CLI: `--source` picks the adapter, `--data` overrides where it reads from —
 * a base URL, or a folder laid out like the public source (read straight from disk).
 */
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ARCHIVE_DEFAULT_URL, createArchiveSource } from '../sources/archive.ts';
import { createDeepStateApi } from '../sources/deepstateApi.ts';
import { fileFetch } from '../sources/fileFetch.ts';
import type { FetchLike } from '../sources/fetchJson.ts';
import type { SnapshotSource, SourceId } from '../sources/types.ts';
import { UsageError } from './args.ts';

export const DEEPSTATE_API_DEFAULT_URL = 'https://deepstatemap.live/api';

const isUrl = (s: string): boolean => /^https?:\/\//iu.test(s);

/**
 * @example openSource('archive', '../shared/geodata/deepstate-archive')
 */
export function openSource(
  id: SourceId,
  data: string | undefined,
  netFetch: FetchLike = (u, i) => fetch(u, i),
): SnapshotSource {
  if (id === 'folder') {
    throw new UsageError('--source folder is not available yet in this version (see issue #3)');
  }
  const where = data ?? (id === 'deepstate-api' ? DEEPSTATE_API_DEFAULT_URL : ARCHIVE_DEFAULT_URL);
  const local = !isUrl(where);
  const base = local ? resolve(where) : where;
  const fetchFn = local ? fileFetch(base) : netFetch;
  if (id === 'deepstate-api') return createDeepStateApi({ baseUrl: base, fetch: fetchFn });
  return createArchiveSource({
    baseUrl: base,
    fetch: fetchFn,
    ...(local ? { listNames: () => readdir(base) } : {}),
  });
}
