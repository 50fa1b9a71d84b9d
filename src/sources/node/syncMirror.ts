/**
 * Mirroring a date range of a public source into a local folder laid out like it (issue #3, `frontline sync`):
 * - deepstate-api: `history/public` (the full list, so the app lists every version) and `history/{id}/geojson` for
 *   the versions chosen — the last one of each day, ISO week or month;
 * - archive: `deepstatemap_data_YYYYMMDD.geojson`, one per day (or the last day of each week or month).
 * Every file is validated through the one path (the sources' parsers → src/core/io/validateGeoJson.ts) before it is
 * written, atomically; files already present and valid are kept, so a rerun resumes where an interrupted one stopped.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  archiveFileName,
  archiveVersion,
  parseArchiveDay,
  parseDeepStateVersion,
  parseGeoJsonText,
  parseHistoryList,
  versionsPerPeriod,
  type Snapshot,
  type Step,
  type Version,
} from '../../core/index.ts';
import type { LandOutline, Parsed } from '../../core/index.ts';
import { ARCHIVE_KNOWN_GAPS, createArchiveSource } from '../archive.ts';
import { fileFetch } from './fileFetch.ts';
import { SourceError, type FetchLike } from '../fetchJson.ts';
import { fetchWithRetry, type RetryOptions } from '../fetchWithRetry.ts';
import { retryNote } from '../retryPolicy.ts';
import { decodeUtf8 } from '../readBody.ts';
import { removeStaleTemps, writeFileAtomic } from './writeFileAtomic.ts';
import { isUrl } from '../isUrl.ts';
import { OWLMAPS_NO_DATA, owlmapsFileName, parseOwlmapsDay } from '../../core/index.ts';
import { createOwlmapsSource } from '../owlmaps.ts';
import { arcgisSnapshot, fetchArcgisLayer, layerDate } from '../arcgis.ts';

export type SyncSourceId = 'deepstate-api' | 'archive' | 'owlmaps';

export interface SyncOptions {
  source: SyncSourceId;
  /** Base URL, or a folder laid out like the source. */
  data: string;
  from: string;
  to: string;
  step: Step;
  /** The mirror folder. */
  out: string;
  /** Files fetched at the same time; default 4. */
  concurrency?: number;
}

export interface SyncProgress {
  done: number;
  total: number;
  fetched: number;
  cached: number;
  missing: number;
  invalid: number;
  failed: number;
}

export interface SyncDeps {
  /** Used for `http(s)` data; a folder is read from disk. */
  fetch: FetchLike;
  signal?: AbortSignal;
  /** Retry policy (the tests inject `sleep`). */
  retry?: Omit<RetryOptions, 'signal'>;
  /** After each file. */
  onProgress?: (p: SyncProgress) => void;
  /** Notes worth a line: not published, invalid, failed, retries, repaired warnings. */
  onNote?: (line: string) => void;
  today?: () => string;
  /** Ukraine's land outline, which OwlMaps days are clipped to (the CLI passes its shipped one); needed for owlmaps only. */
  land?: () => LandOutline;
}

export interface SyncSummary extends SyncProgress {
  /** What was not published (404), as `date (id)`. */
  missingList: string[];
  /** Files that failed validation, with their issues. */
  invalidList: string[];
  /** Fetches that failed after retries. */
  failedList: string[];
  /** Repaired-on-load warnings in the files written or kept. */
  warnings: number;
  /** Archive days in the range the public archive is known never to have published (not requested). */
  knownGaps: number;
  /** True when the signal stopped the sync before the end. */
  cancelled: boolean;
  bytes: number;
}

interface Item {
  version: Version;
  /** Path under the mirror, with `/`. */
  rel: string;
  parse: (json: unknown) => Parsed<Snapshot>;
}

const MAX_WARNING_LINES = 3;

/**
 * Parses bytes through the first step for any text (src/core/io/parseGeoJsonText.ts) and the source's parser; issues
 * on any failure. A byte-order mark's warning joins the parser's.
 */
function check(
  bytes: Uint8Array | string,
  parse: Item['parse'],
  where: string,
  subject = 'the file',
): Parsed<Snapshot> {
  const text = typeof bytes === 'string' ? bytes : decodeUtf8(bytes);
  const json = parseGeoJsonText(text, { label: where, subject });
  if (!json.ok) return json;
  const parsed = parse(json.value);
  return parsed.ok && json.warnings.length > 0
    ? { ...parsed, warnings: [...json.warnings, ...parsed.warnings] }
    : parsed;
}

/**
 * Mirrors `from`…`to` of a source into `out`. Never throws for one file's trouble (it is counted and noted); throws
 * SourceError only when the version list itself cannot be had.
 * @example
 * const summary = await syncMirror(
 *   { source: 'archive', data: ARCHIVE_DEFAULT_URL, from: '2025-08-01', to: '2025-08-31', step: 'day', out: 'mirror' },
 *   { fetch: (u, i) => fetch(u, i), onNote: (l) => console.error(l) },
 * );
 * summary.fetched + summary.cached; // files now in mirror/
 */
export async function syncMirror(options: SyncOptions, deps: SyncDeps): Promise<SyncSummary> {
  const { source, from, to, step, concurrency = 4 } = options;
  const out = resolve(options.out);
  const local = !isUrl(options.data);
  let base = local ? resolve(options.data) : options.data.replace(/\/+$/u, '');
  // A clone of github.com/owlmaps/map-data holds the files under data/.
  if (source === 'owlmaps' && local && existsSync(join(base, 'data', 'base.json'))) base = join(base, 'data');
  const fetchFn = local ? fileFetch(base) : deps.fetch;
  const signal = deps.signal;
  const note = deps.onNote ?? (() => {});
  const retry: RetryOptions = {
    ...deps.retry,
    ...(signal ? { signal } : {}),
    onRetry: (r) => note(retryNote(r)),
  };
  const summary: SyncSummary = {
    done: 0,
    total: 0,
    fetched: 0,
    cached: 0,
    missing: 0,
    invalid: 0,
    failed: 0,
    missingList: [],
    invalidList: [],
    failedList: [],
    warnings: 0,
    knownGaps: 0,
    cancelled: false,
    bytes: 0,
  };
  let warningLines = 0;
  const noteWarnings = (warnings: string[]): void => {
    summary.warnings += warnings.length;
    for (const w of warnings) if (warningLines++ < MAX_WARNING_LINES) note(`warning: ${w}`);
  };

  // A killed run may have left temporary files; they are never mistaken for data, but they should not pile up.
  const stale = await removeStaleTemps(out);
  if (stale > 0) note(`removed ${stale} temporary file${stale > 1 ? 's' : ''} left by an interrupted run`);

  const items: Item[] = [];
  if (source === 'deepstate-api') {
    const versions = await versionList(base, fetchFn, out, retry, note, summary);
    if (!versions) return summary;
    for (const version of versionsPerPeriod(versions, { from, to, step })) {
      items.push({
        version,
        rel: `history/${version.id}/geojson`,
        parse: (json) => parseDeepStateVersion(json, version),
      });
    }
  } else if (source === 'owlmaps') {
    if (!deps.land) throw new Error('syncMirror: owlmaps needs deps.land (the land outline to clip to)');
    const land = deps.land();
    const owl = createOwlmapsSource({
      baseUrl: base,
      fetch: fetchFn,
      land: () => land,
      retry: { ...retry, retries: retry.retries ?? 4 },
      ...(local ? { listNames: () => readdir(base) } : {}),
    });
    const { versions, warnings } = await owl.listVersions(signal);
    for (const w of warnings) note(`warning: ${w}`);
    for (const version of versionsPerPeriod(versions, { from, to, step })) {
      items.push({
        version,
        rel: owlmapsFileName(version.date),
        parse: (json) => parseOwlmapsDay(json, version, land),
      });
    }
  } else {
    const archive = createArchiveSource({
      baseUrl: base,
      fetch: fetchFn,
      ...(local ? { listNames: () => readdir(base) } : {}),
      ...(deps.today ? { today: deps.today } : {}),
    });
    const { versions } = await archive.listVersions();
    if (!local) summary.knownGaps = ARCHIVE_KNOWN_GAPS.filter((d) => d >= from && d <= to).length;
    for (const version of versionsPerPeriod(versions, { from, to, step })) {
      items.push({
        version,
        rel: archiveFileName(version.date),
        parse: (json) => parseArchiveDay(json, archiveVersion(version.date)),
      });
    }
  }
  summary.total = items.length;
  deps.onProgress?.(progressOf(summary));

  /** Runs one file; false when it was cut short by cancellation (and so is not done). */
  const runItem = async (item: Item): Promise<boolean> => {
    const target = join(out, ...item.rel.split('/'));
    const name = `${item.version.date} (${item.rel})`;
    // Resume: a file already there and valid is kept; anything else is fetched again.
    const present = await readFile(target, 'utf8').catch(() => null);
    if (present !== null) {
      const kept = check(present, item.parse, name);
      if (kept.ok) {
        summary.cached++;
        summary.warnings += kept.warnings.length;
        return true;
      }
      note(`${name}: the file in ${out} is not valid (${kept.issues[0]}); fetching it again`);
    }
    const url = `${base}/${item.rel}`;
    let got;
    try {
      got = await fetchWithRetry(fetchFn, url, retry);
    } catch (err) {
      if (signal?.aborted) {
        summary.cancelled = true;
        return false;
      }
      summary.failed++;
      summary.failedList.push((err as Error).message);
      note(`failed: ${(err as Error).message}`);
      return true;
    }
    if (got.status === 'missing') {
      summary.missing++;
      summary.missingList.push(`${item.version.date} (${item.version.id})`);
      note(`not published (404): ${url}`);
      return true;
    }
    const parsed = check(got.body, item.parse, url, 'the answer');
    if (!parsed.ok && parsed.issues[0]?.startsWith(OWLMAPS_NO_DATA)) {
      // An empty upstream day (UA Control Map) is no data: not mirrored, so readers use the day before.
      summary.missing++;
      summary.missingList.push(`${item.version.date} (empty: no data)`);
      note(`no data (an empty upstream day), not written: ${url}`);
      return true;
    }
    if (!parsed.ok) {
      summary.invalid++;
      summary.invalidList.push(`${name}: ${parsed.issues.slice(0, 3).join('; ')}`);
      note(`invalid, not written: ${parsed.issues.slice(0, 5).join('\n  ')}`);
      return true;
    }
    noteWarnings(parsed.warnings);
    await writeFileAtomic(target, got.body);
    summary.fetched++;
    summary.bytes += got.body.length;
    return true;
  };

  // Bounded concurrency: a few workers take the next item until none is left or the sync is cancelled.
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      if (signal?.aborted) {
        summary.cancelled = true;
        return;
      }
      const item = items[next++]!;
      if (await runItem(item)) summary.done++;
      deps.onProgress?.(progressOf(summary));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (source === 'owlmaps') await writeOwlmapsBase(out);
  if (warningLines > MAX_WARNING_LINES) note(`… ${warningLines - MAX_WARNING_LINES} more warnings`);
  return summary;
}

const progressOf = (s: SyncSummary): SyncProgress => ({
  done: s.done,
  total: s.total,
  fetched: s.fetched,
  cached: s.cached,
  missing: s.missing,
  invalid: s.invalid,
  failed: s.failed,
});

/**
 * The DeepState version list: fetched, validated and written to `out/history/public`. When it cannot be fetched but
 * the mirror already holds a valid one, that one is used (with a note), so an offline rerun still completes.
 * Returns null (counted invalid) when the fetched list is not a valid version list.
 */
async function versionList(
  base: string,
  fetchFn: FetchLike,
  out: string,
  retry: RetryOptions,
  note: (line: string) => void,
  summary: SyncSummary,
): Promise<Version[] | null> {
  const url = `${base}/history/public`;
  const target = join(out, 'history', 'public');
  const fromMirror = async (): Promise<Version[] | null> => {
    try {
      const json = parseGeoJsonText(await readFile(target, 'utf8'));
      const parsed = json.ok ? parseHistoryList(json.value) : json;
      return parsed.ok ? parsed.value : null;
    } catch {
      return null;
    }
  };
  let got;
  try {
    got = await fetchWithRetry(fetchFn, url, retry);
  } catch (err) {
    const kept = await fromMirror();
    if (!kept) throw err;
    note(`${(err as Error).message}; using the version list already in ${out}`);
    return kept;
  }
  if (got.status === 'missing') throw new SourceError(`${url}: no version list there (404)`, 404, url);
  const json = parseGeoJsonText(decodeUtf8(got.body), { subject: 'the answer' });
  const parsed = json.ok ? parseHistoryList(json.value, { now: Date.now() }) : json;
  if (!parsed.ok) {
    summary.invalid++;
    summary.invalidList.push(`${url}: ${parsed.issues.join('; ')}`);
    note(`invalid, not written: ${url}: ${parsed.issues.join('; ')}`);
    return null;
  }
  for (const w of parsed.warnings) note(`warning: ${w}`);
  await writeFileAtomic(target, got.body);
  return parsed.value;
}

/**
 * `base.json` of an owlmaps mirror, listing the days the mirror holds (upstream's lists every day since 2022-12-07),
 * so the app reading the mirror over HTTP asks only for days that are there.
 */
async function writeOwlmapsBase(out: string): Promise<void> {
  const dates = (await readdir(out).catch(() => [] as string[]))
    .map((n) => /^(\d{8})\.json$/u.exec(n)?.[1])
    .filter((d): d is string => !!d)
    .sort();
  await writeFileAtomic(join(out, 'base.json'), JSON.stringify({ date: dates.at(-1) ?? null, dates }));
}

/** What one `sync --source arcgis` run did. */
export interface ArcgisSyncSummary {
  date: string;
  file: string;
  features: number;
  pages: number;
  bytes: number;
  warnings: string[];
}

/**
 * One run of `sync --source arcgis`: the layer as it is now, kept as a dated copy `arcgis-YYYY-MM-DD.geojson` in
 * `out` (a FeatureCollection with `date`, `layer` and `fetchedAt` members), after validation. A layer holds only its
 * current state, so syncing daily builds its history; `--source arcgis --data OUT` reads the copies back.
 * @example await syncArcgis({ layer, out: 'isw', dateField: 'EditDate' }, { fetch })
 */
export async function syncArcgis(
  options: { layer: string; out: string; dateField?: string },
  deps: { fetch: FetchLike; retry?: Omit<RetryOptions, 'signal'>; signal?: AbortSignal; now?: () => Date },
): Promise<ArcgisSyncSummary> {
  const fc = await fetchArcgisLayer(deps.fetch, options.layer, {
    ...(deps.retry?.timeoutMs ? { timeoutMs: deps.retry.timeoutMs } : {}),
    ...(deps.retry?.retries !== undefined ? { retry: { retries: deps.retry.retries } } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  const fetchedAt = (deps.now ?? (() => new Date()))();
  const warnings: string[] = [];
  let date = fetchedAt.toISOString().slice(0, 10);
  if (options.dateField) {
    const d = layerDate(fc.features, options.dateField);
    if (d) date = d;
    else
      warnings.push(
        `no feature has a date in field ${JSON.stringify(options.dateField)}: dated ${date}, the fetch time`,
      );
  }
  const version = { id: date, date, createdAt: fetchedAt.toISOString() };
  // The one validation path: a layer whose answer would not load is not kept.
  const snapshot = arcgisSnapshot(fc, version);
  warnings.push(...snapshot.warnings);
  const body = JSON.stringify({
    type: 'FeatureCollection',
    date,
    layer: options.layer,
    fetchedAt: fetchedAt.toISOString(),
    features: fc.features,
  });
  const file = join(resolve(options.out), `arcgis-${date}.geojson`);
  await writeFileAtomic(file, body);
  return {
    date,
    file,
    features: fc.features.length,
    pages: fc.pages,
    bytes: Buffer.byteLength(body),
    warnings,
  };
}
