/**
 * Opens a catalogued source for the CLI: `--source` picks the adapter, `--data` overrides where it reads from —
 * a base URL, or a folder laid out like the public source (read straight from disk). The `folder` source reads a
 * folder (or one file) of the user's own GeoJSON and needs `--data`.
 */
import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TerritoryClass } from '../core/index.ts';
import { ARCHIVE_DEFAULT_URL, createArchiveSource } from '../sources/archive.ts';
import { cachingFetch, defaultCacheDir } from '../sources/node/cache.ts';
import { createDeepStateApi } from '../sources/deepstateApi.ts';
import { fileFetch } from '../sources/node/fileFetch.ts';
import type { FetchLike } from '../sources/fetchJson.ts';
import { retryNote, type RetryPolicy } from '../sources/retryPolicy.ts';
import { createFolderSource } from '../sources/node/folder.ts';
import { createArcgisSource } from '../sources/arcgis.ts';
import { createOwlmapsSource, OWLMAPS_DEFAULT_URL } from '../sources/owlmaps.ts';
import { loadLand } from './geodata.ts';
import type { SnapshotMemo } from '../sources/snapshotMemo.ts';
import type { SnapshotSource, SourceId } from '../sources/types.ts';
import { isUrl } from '../sources/isUrl.ts';
import { folderOptions, sourceId, timeoutMs, UsageError, wholeNumber } from './args.ts';
import { validatedCache } from './validatedCache.ts';
import { withinUkraine } from './withinUkraine.ts';

export const DEEPSTATE_API_DEFAULT_URL = 'https://deepstatemap.live/api';

export { isUrl };

export interface OpenOptions {
  /**
   * Keep fetched snapshots in the cache (src/sources/node/cache.ts): `true` for defaultCacheDir() (`~/.cache/frontline`),
   * or a cache folder.
   * Only sources read over HTTP are cached; a local folder is read as it is.
   */
  cache?: boolean | string;
  /** `folder` source: the date of files that carry none (`--file-date`). */
  fileDate?: string;
  /** `folder` source: the class of polygons that name none (`--default-class`). */
  defaultClass?: TerritoryClass;
  /** `folder` source: the property holding the class (`--class-property`). */
  classProperty?: string;
  /** Time limit of each request to an HTTP source (`--timeout`); the adapters' default (60 s) otherwise. */
  timeoutMs?: number;
  /** How an HTTP source retries failed requests worth retrying (`--retries`); not at all otherwise. */
  retry?: RetryPolicy;
  /** `arcgis` source: the field that dates the layer (`--date-field`); the fetch time otherwise. */
  dateField?: string;
  /** Snapshots already validated, not validated again (src/cli/validatedCache.ts); HTTP sources and folders alike. */
  memo?: SnapshotMemo;
}

/**
 * Where a source is read from when `--data` is not given (the `folder` source has no default).
 * @example defaultLocation('archive') // ARCHIVE_DEFAULT_URL
 */
export function defaultLocation(id: SourceId): string | null {
  if (id === 'deepstate-api') return DEEPSTATE_API_DEFAULT_URL;
  if (id === 'archive') return ARCHIVE_DEFAULT_URL;
  if (id === 'owlmaps') return OWLMAPS_DEFAULT_URL;
  return null;
}

/**
 * @example openSource('archive', 'mirror/archive')
 * @example openSource('deepstate-api', undefined, io.fetch, { cache: true }) // the live API, through the cache
 * @example openSource('folder', 'my-lines/', io.fetch, { defaultClass: 'occupied' })
 */
export function openSource(
  id: SourceId,
  data: string | undefined,
  netFetch: FetchLike = (u, i) => fetch(u, i),
  options: OpenOptions = {},
): SnapshotSource {
  if (id === 'folder') {
    if (!data)
      throw new UsageError('--source folder needs --data DIR (a folder of GeoJSON files, or one file)');
    if (isUrl(data))
      throw new UsageError('--source folder reads local files: give --data a folder or file path');
    return createFolderSource({
      path: resolve(data),
      ...(options.fileDate ? { fileDate: options.fileDate } : {}),
      ...(options.defaultClass ? { defaultClass: options.defaultClass } : {}),
      ...(options.classProperty ? { classProperty: options.classProperty } : {}),
    });
  }
  if (id === 'arcgis') {
    if (!data)
      throw new UsageError(
        '--source arcgis needs --data LAYER_URL (…/FeatureServer/N), or a folder of dated copies made by `sync`',
      );
    // A folder of the dated copies `sync --source arcgis` keeps: one snapshot per run, read as the user's own files.
    if (!isUrl(data))
      return createFolderSource({
        path: resolve(data),
        defaultClass: options.defaultClass ?? 'occupied',
        ...(options.classProperty ? { classProperty: options.classProperty } : {}),
      });
    return createArcgisSource({
      layerUrl: data,
      fetch: netFetch,
      ...(options.dateField ? { dateField: options.dateField } : {}),
      ...(options.defaultClass ? { defaultClass: options.defaultClass } : {}),
      ...(options.classProperty ? { classProperty: options.classProperty } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
    });
  }
  const where = data ?? defaultLocation(id)!;
  const local = !isUrl(where);
  const base = local ? resolve(where) : where.replace(/\/+$/u, '');
  let fetchFn = local ? fileFetch(base) : netFetch;
  if (!local && options.cache) {
    const root = typeof options.cache === 'string' ? { root: resolve(options.cache) } : {};
    fetchFn = cachingFetch(fetchFn, { source: id, baseUrl: base, ...root });
  }
  const requests = {
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    // A folder on disk is read as it is: nothing there is worth retrying.
    ...(options.retry && !local ? { retry: options.retry } : {}),
    ...(options.memo ? { memo: options.memo } : {}),
  };
  if (id === 'deepstate-api') return createDeepStateApi({ baseUrl: base, fetch: fetchFn, ...requests });
  if (id === 'owlmaps') {
    // A clone of github.com/owlmaps/map-data holds the files under data/; accept the clone's root too.
    const dir = local && existsSync(join(base, 'data', 'base.json')) ? join(base, 'data') : base;
    return createOwlmapsSource({
      baseUrl: dir,
      fetch: fetchFn,
      land: loadLand,
      ...requests,
      ...(local ? { fetch: fileFetch(dir), listNames: () => readdir(dir) } : {}),
    });
  }
  return createArchiveSource({
    baseUrl: base,
    fetch: fetchFn,
    ...requests,
    ...(local ? { listNames: () => readdir(base) } : {}),
  });
}

/**
 * The source a command's parsed options name: `--source`, `--data`, the folder options, `--timeout`, `--retries`
 * (default 2, each retry said on stderr), and the caches (in `--cache-dir`, default defaultCacheDir()) unless
 * `--no-cache`: fetched snapshots, and snapshots already validated (`validated/`, src/cli/validatedCache.ts).
 * @example const source = sourceFrom(values, io);
 */
export function sourceFrom(
  values: {
    source?: string | undefined;
    data?: string | undefined;
    'no-cache'?: boolean | undefined;
    'cache-dir'?: string | undefined;
    timeout?: string | undefined;
    retries?: string | undefined;
    'date-field'?: string | undefined;
  } & Parameters<typeof folderOptions>[0],
  io: { fetch: FetchLike; stderr: (text: string) => void },
): SnapshotSource {
  const timeout = timeoutMs(values.timeout);
  const retries = wholeNumber('retries', values.retries, 2, 0, 20);
  return withinUkraine(
    openSource(sourceId(values.source), values.data, io.fetch, {
      ...folderOptions(values),
      cache: values['no-cache'] ? false : (values['cache-dir'] ?? true),
      ...(values['no-cache']
        ? {}
        : {
            memo: validatedCache(join(resolve(values['cache-dir'] ?? defaultCacheDir()), 'validated'), {
              onError: (m) => io.stderr(`${m}\n`),
            }),
          }),
      ...(timeout ? { timeoutMs: timeout } : {}),
      ...(values['date-field'] ? { dateField: values['date-field'] } : {}),
      retry: {
        retries,
        onRetry: (r) => io.stderr(`${retryNote(r)}\n`),
      },
    }),
  );
}
