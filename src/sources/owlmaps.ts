/**
 * Source adapter for UA Control Map (Project Owl) as github.com/owlmaps/map-data publishes it (issue #16; format in
 * docs/assessments.md): `base.json` lists the dates, `YYYYMMDD.json` is one day. Upstream has no licence:
 * the data is fetched at run time from the public repository (or a mirror made by `frontline sync`), never bundled.
 * Every day is clipped to Ukraine's land outline (injected: the oblasts' union), so it is measured like every source.
 */
import {
  OWLMAPS_NO_DATA,
  owlmapsDate,
  owlmapsFileName,
  owlmapsVersion,
  parseOwlmapsBase,
  parseOwlmapsDay,
  type LandOutline,
} from '../core/index.ts';
import { fetchJson, SourceError, type FetchLike } from './fetchJson.ts';
import type { RetryPolicy } from './retryPolicy.ts';
import type { SnapshotSource } from './types.ts';

export const OWLMAPS_DEFAULT_URL = 'https://raw.githubusercontent.com/owlmaps/map-data/main/data';
/** The plain-text credit shown with its data (the map's attribution, exports). */
export const OWLMAPS_CREDIT = 'UA Control Map / Project Owl';

/**
 * @example createOwlmapsSource({ fetch, land: async () => landOutline(oblasts.map((o) => o.geometry)) })
 */
export function createOwlmapsSource({
  baseUrl = OWLMAPS_DEFAULT_URL,
  fetch: fetchFn,
  land,
  listNames,
  timeoutMs = 60_000,
  retry,
}: {
  baseUrl?: string;
  fetch: FetchLike;
  /** Ukraine's land outline, made once on first use. */
  land: () => Promise<LandOutline> | LandOutline;
  /** File names in the data folder, when it can be listed (a local mirror): these dates, not base.json's. */
  listNames?: () => Promise<string[]>;
  timeoutMs?: number;
  /** Retries of failed requests worth retrying (src/sources/retryPolicy.ts); none by default. */
  retry?: RetryPolicy;
}): SnapshotSource {
  const base = baseUrl.replace(/\/+$/u, '');
  let outline: Promise<LandOutline> | null = null;
  const landOnce = (): Promise<LandOutline> => {
    outline ??= Promise.resolve(land()).catch((err: unknown) => {
      outline = null;
      throw err;
    });
    return outline;
  };
  const options = (signal?: AbortSignal) => ({
    timeoutMs,
    ...(retry ? { retry } : {}),
    ...(signal ? { signal } : {}),
  });
  return {
    id: 'owlmaps',
    location: base,
    async listVersions(signal) {
      if (listNames) {
        const dates = (await listNames())
          .map((n) => /^(\d{8})\.json$/u.exec(n)?.[1])
          .map((d) => (d ? owlmapsDate(d) : null))
          .filter((d): d is string => !!d)
          .sort();
        return { versions: dates.map(owlmapsVersion), warnings: [] };
      }
      const url = `${base}/base.json`;
      const parsed = parseOwlmapsBase(await fetchJson(fetchFn, url, options(signal)));
      if (!parsed.ok) throw new SourceError(`${url}: ${parsed.issues.join('; ')}`, 200, url);
      return { versions: parsed.value, warnings: parsed.warnings };
    },
    async loadVersion(version, signal) {
      const url = `${base}/${owlmapsFileName(version.date)}`;
      const json = await fetchJson(fetchFn, url, options(signal));
      const parsed = parseOwlmapsDay(json, version, await landOnce());
      if (parsed.ok) return parsed.value;
      // An empty upstream day is no data: answered like a day not published, so the day before is used, and said.
      const empty = parsed.issues[0]?.startsWith(OWLMAPS_NO_DATA);
      throw new SourceError(parsed.issues.join('; '), empty ? 404 : 200, url);
    },
  };
}
