/**
 * What `frontline publish` precomputed (issue #17), read by the app when it is served from a published folder:
 * `data/index.json` names the source and the content-hashed daily history (`data/history-day.<hash>.json`, the
 * output of `frontline history --step day --format json`). With them, the area chart needs no snapshot and no
 * computation per month in the browser, nor does the length chart; served any other way (`npm start`, `npm run dev`), the index is absent and
 * the app computes as before.
 *
 * Kept apart from the data path (src/ui/worker, src/ui/state) so that code can call it without owning it: one function,
 * one fetch of the index per page and source, nothing cached that a failed request could poison.
 */
import type { BrowserSourceId } from './sourceIds.ts';

/** The part of `data/index.json` read here (src/cli/commands/publish.ts writes it). */
interface IndexFile {
  tool?: unknown;
  source?: unknown;
  history?: unknown;
}

/** One day of the published history: the date asked for, the snapshot used, its occupied area. */
export interface PublishedDay {
  date: string;
  snapshot: string;
  versionId: string;
  areaKm2: number;
  /** The front line's length (`history --length`, which `publish` runs): the length chart's figures. */
  lengthKm?: number;
  withoutDniproKm?: number;
}

type FetchJson = (path: string) => Promise<unknown>;

/** Same-origin JSON, or null when absent or not JSON (a server that answers every path with the app's page). */
const fetchJson: FetchJson = async (path) => {
  try {
    const r = await fetch(path);
    if (!r.ok) return null;
    return (await r.json()) as unknown;
  } catch {
    return null;
  }
};

const isDay = (r: unknown): r is PublishedDay => {
  const d = r as Partial<PublishedDay> | null;
  return (
    typeof d?.date === 'string' &&
    typeof d.snapshot === 'string' &&
    typeof d.versionId === 'string' &&
    typeof d.areaKm2 === 'number' &&
    Number.isFinite(d.areaKm2) &&
    (d.lengthKm === undefined || Number.isFinite(d.lengthKm)) &&
    (d.withoutDniproKm === undefined || Number.isFinite(d.withoutDniproKm))
  );
};

const histories = new Map<string, Promise<Map<string, PublishedDay> | null>>();

/**
 * The published daily history of `source` by date, or null when the app is not served from a publication of that
 * source (no index, another source, a history that is not one). Asked once per page and source.
 * @example (await publishedHistory('archive'))?.get('2025-08-31')?.areaKm2
 */
export function publishedHistory(
  source: BrowserSourceId,
  get: FetchJson = fetchJson,
): Promise<Map<string, PublishedDay> | null> {
  const known = histories.get(source);
  if (known && get === fetchJson) return known;
  const loading = (async () => {
    const index = (await get('/data/index.json')) as IndexFile | null;
    if (index?.tool !== 'frontline' || index.source !== source || typeof index.history !== 'string')
      return null;
    // Only a path inside the folder's data/ (the index is data, and data is never trusted as a URL).
    if (!/^data\/history-day\.[0-9a-f]{12}\.json$/u.test(index.history)) return null;
    const history = (await get(`/${index.history}`)) as { step?: unknown; rows?: unknown } | null;
    if (history?.step !== 'day' || !Array.isArray(history.rows) || !history.rows.every(isDay)) return null;
    return new Map(history.rows.map((r) => [r.date, r]));
  })();
  if (get === fetchJson) histories.set(source, loading);
  return loading;
}

/**
 * The area chart's points on `dates` (month ends) from the published history: those it holds, in order, and the
 * dates it does not (to be computed as before). Null when there is no published history for `source`.
 * @example const pre = await publishedSeries('archive', monthEnds(first, last));
 */
export async function publishedSeries(
  source: BrowserSourceId,
  dates: readonly string[],
  get?: FetchJson,
): Promise<{ points: Map<string, { snapshot: string; areaKm2: number }>; missing: string[] } | null> {
  const history = await publishedHistory(source, get);
  if (!history) return null;
  const points = new Map<string, { snapshot: string; areaKm2: number }>();
  const missing: string[] = [];
  for (const date of dates) {
    const day = history.get(date);
    if (day) points.set(date, { snapshot: day.snapshot, areaKm2: day.areaKm2 });
    else missing.push(date);
  }
  return { points, missing };
}

/**
 * The front line's length on `date` from the published history, or null when it does not hold it.
 * @example const known = publishedLength(await publishedHistory('archive'), '2025-08-31');
 */
export function publishedLength(
  history: Map<string, PublishedDay> | null,
  date: string,
): { lengthKm: number; withoutDniproKm: number } | null {
  const day = history?.get(date);
  if (day?.lengthKm === undefined || day.withoutDniproKm === undefined) return null;
  return { lengthKm: day.lengthKm, withoutDniproKm: day.withoutDniproKm };
}
