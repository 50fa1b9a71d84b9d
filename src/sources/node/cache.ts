/**
 * A cache of fetched snapshots' raw JSON (Node), under `<cache dir>/<source>/` (defaultCacheDir below), laid out
 * like the source itself — `deepstate-api/history/{id}/geojson`, `archive/deepstatemap_data_YYYYMMDD.geojson` — so the cache
 * folder is also a partial mirror that `--data` can read. Beside each file, `<file>.meta.json` records the source,
 * URL, fetch time and the SHA-256 of the content; a cached file is used only while its hash verifies, so a file
 * edited or truncated on disk is fetched again.
 *
 * Only immutable resources are cached: a published version or an archive day never changes, the version list
 * (`history/public`, `history/last`) does.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { archiveDateFromName, MAX_BYTES, parseGeoJsonText } from '../../core/index.ts';
import { SourceError, type FetchLike } from '../fetchJson.ts';
import { BodyError, decodeUtf8, readBody } from '../readBody.ts';
import type { SourceId } from '../types.ts';
import { writeFileAtomic } from './writeFileAtomic.ts';

/**
 * Where the CLI keeps its caches unless told otherwise (`--cache-dir`): the user's cache folder, never the package's
 * own folder (installed globally or bundled, that is read-only or gone). `$XDG_CACHE_HOME/frontline` when set (the
 * XDG Base Directory spec, https://specifications.freedesktop.org/basedir-spec/latest/), otherwise the platform's:
 * `~/Library/Caches/frontline` on macOS, `%LOCALAPPDATA%\frontline\Cache` on Windows, `~/.cache/frontline` elsewhere.
 * @example defaultCacheDir({ XDG_CACHE_HOME: '/tmp/c' }, 'linux', '/home/me') // '/tmp/c/frontline'
 */
export function defaultCacheDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  // The spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && isAbsolute(xdg)) return join(xdg, 'frontline');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'frontline');
  if (platform === 'win32')
    return join(env['LOCALAPPDATA'] ?? join(home, 'AppData', 'Local'), 'frontline', 'Cache');
  return join(home, '.cache', 'frontline');
}

/** The default cache folder as it was when this module loaded (commands call defaultCacheDir() when they run). */
export const DEFAULT_CACHE_DIR = defaultCacheDir();

export interface CacheMeta {
  source: string;
  url: string;
  /** ISO 8601 UTC. */
  fetchedAt: string;
  /** Hex SHA-256 of the cached bytes. */
  sha256: string;
  bytes: number;
}

const META = '.meta.json';

/** Paths (relative to the source's base URL) whose content never changes once published. */
const IMMUTABLE: Readonly<Record<string, RegExp>> = {
  'deepstate-api': /^history\/\d{1,12}\/(?:geojson|areas)$/u,
  archive: /^deepstatemap_data_\d{8}\.geojson$/u,
};

/**
 * Hex SHA-256 of some bytes, as recorded in the meta files.
 * @example sha256(new TextEncoder().encode('abc')) // 'ba7816bf…'
 */
export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface CacheOptions {
  /** Catalogue id of the source: the cache's subfolder. */
  source: SourceId;
  /** The source's base URL; requests outside it pass through uncached. */
  baseUrl: string;
  /** Cache root; default defaultCacheDir(). */
  root?: string;
  now?: () => Date;
  /** Told when the cache could not be read or written (the fetch itself still succeeds). */
  onError?: (message: string) => void;
  /** Largest answer read (and cached); default MAX_BYTES (src/core/io/parseGeoJsonText.ts). */
  maxBytes?: number;
}

/** The cached file for a URL, with its meta, when the hash verifies; null otherwise. */
async function readVerified(file: string, url: string): Promise<Uint8Array<ArrayBuffer> | null> {
  let meta: CacheMeta;
  let body: Uint8Array<ArrayBuffer>;
  try {
    meta = JSON.parse(await readFile(file + META, 'utf8')) as CacheMeta;
    body = await readFile(file);
  } catch {
    return null;
  }
  // Another mirror's copy of the same path is not this URL's answer.
  if (meta.url !== url) return null;
  return sha256(body) === meta.sha256 ? body : null;
}

/**
 * Wraps a fetch so immutable resources of one source are served from the cache when present and intact, and stored
 * there when fetched. Anything else, and every error answer, passes through untouched.
 * @example
 * const fetchFn = cachingFetch((u, i) => fetch(u, i), { source: 'archive', baseUrl: ARCHIVE_DEFAULT_URL });
 * const source = createArchiveSource({ baseUrl: ARCHIVE_DEFAULT_URL, fetch: fetchFn });
 * await source.loadVersion(archiveVersion('2025-08-15')); // fetched once, then read from ~/.cache/frontline/archive/
 */
export function cachingFetch(
  inner: FetchLike,
  {
    source,
    baseUrl,
    root = defaultCacheDir(),
    now = () => new Date(),
    onError = () => {},
    maxBytes = MAX_BYTES,
  }: CacheOptions,
): FetchLike {
  const base = baseUrl.replace(/\/+$/u, '') + '/';
  const pattern = IMMUTABLE[source];
  return async (input, init) => {
    const rel = input.startsWith(base) ? input.slice(base.length) : null;
    if (!rel || !pattern?.test(rel) || (init?.method && init.method !== 'GET')) return inner(input, init);
    const file = join(root, source, ...rel.split('/'));
    const cached = await readVerified(file, input);
    if (cached) return new Response(cached, { status: 200, headers: { 'x-frontline-cache': 'hit' } });

    const response = await inner(input, init);
    if (!response.ok) return response;
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readBody(response, { url: input, maxBytes });
    } catch (err) {
      // Nothing is written from a body that broke off or stalled: the cache only ever holds whole answers.
      if (err instanceof SourceError) throw err;
      throw err instanceof BodyError ? err : new BodyError(err);
    }
    // Never cache what does not even parse (an HTML error page served with 200, truncated JSON, …): it would stick.
    const parsed = parseGeoJsonText(decodeUtf8(body), { label: input, subject: 'the answer', maxBytes });
    if (!parsed.ok) {
      onError(`cache: ${input} not stored (${parsed.issues[0]})`);
      return answer(body, response);
    }
    try {
      const meta: CacheMeta = {
        source,
        url: input,
        fetchedAt: now().toISOString(),
        sha256: sha256(body),
        bytes: body.length,
      };
      // Data first, meta last: a crash in between leaves a file without meta, which is not trusted.
      await writeFileAtomic(file, body);
      await writeFileAtomic(file + META, JSON.stringify(meta, null, 2) + '\n');
    } catch (err) {
      onError(`cache: ${input} not stored (${(err as Error).message})`);
    }
    return answer(body, response);
  };
}

/** The bytes read, as a fresh response for the caller (the original's body is used up). */
const answer = (body: Uint8Array<ArrayBuffer>, response: Response): Response =>
  new Response(body, {
    status: response.status,
    headers: { 'content-type': response.headers.get('content-type') ?? 'application/json' },
  });

/**
 * The cached entries of a source (meta present, size matching; hashes are verified on use, not here).
 * @example (await cachedEntries('deepstate-api')).map((e) => e.path) // ['history/1754077960/geojson']
 */
export async function cachedEntries(
  source: SourceId,
  root = defaultCacheDir(),
): Promise<{ path: string; meta: CacheMeta }[]> {
  const dir = join(root, source);
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch {
    return [];
  }
  const out: { path: string; meta: CacheMeta }[] = [];
  for (const name of names.filter((n) => n.endsWith(META)).sort()) {
    const path = name.slice(0, -META.length).split('\\').join('/');
    try {
      const meta = JSON.parse(await readFile(join(dir, name), 'utf8')) as CacheMeta;
      if ((await stat(join(dir, path))).size === meta.bytes) out.push({ path, meta });
    } catch {
      // A meta without its file, or unreadable: not cached.
    }
  }
  return out;
}

/**
 * The dates whose snapshots are in the cache: archive days by file name; DeepState versions by id, which is the
 * version's creation time in Unix seconds (docs/data.md), so its UTC date.
 * @example (await cachedDates('archive')).has('2025-08-15')
 */
export async function cachedDates(source: SourceId, root = defaultCacheDir()): Promise<Set<string>> {
  const dates = new Set<string>();
  for (const { path } of await cachedEntries(source, root)) {
    if (source === 'archive') {
      const d = archiveDateFromName(path);
      if (d) dates.add(d);
    } else if (source === 'deepstate-api') {
      const m = /^history\/(\d+)\/geojson$/u.exec(path);
      if (m) dates.add(new Date(Number(m[1]) * 1000).toISOString().slice(0, 10));
    }
  }
  return dates;
}
