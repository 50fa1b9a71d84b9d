/**
 * Source adapter for any ArcGIS feature layer (issue #16): how ISW and others publish their maps of control, e.g.
 * ISW's `…/VIEW_RussiaCoTinUkraine_V3/FeatureServer/49` (assessed Russian control; ISW's terms: their data may not be
 * used without their consent — nothing is fetched unless a user names a layer).
 *
 * ArcGIS REST (https://developers.arcgis.com/rest/services-reference/enterprise/query-feature-service-layer/):
 * `{layer}/query?where=1=1&outFields=*&f=geojson`, paged with `resultOffset`/`resultRecordCount` while the answer
 * says `exceededTransferLimit` (at the top level, or in `properties` as the GeoJSON output puts it). Errors come as
 * `{"error": {code, message}}` with HTTP 200; 499/498 and "Token Required" mean the layer is not public.
 *
 * Such a layer holds only its current state: one version, dated by a date field the user names (its latest value)
 * or by the fetch time. `frontline sync` keeps a dated copy per run, so syncing daily builds a history.
 */
import {
  dateFromValue,
  parseUserCollection,
  type Snapshot,
  type TerritoryClass,
  type Version,
} from '../core/index.ts';
import { fetchJson, SourceError, type FetchLike } from './fetchJson.ts';
import type { RetryPolicy } from './retryPolicy.ts';
import type { SnapshotSource } from './types.ts';

/** Features asked per page; a server may return fewer (its own maxRecordCount) and say exceededTransferLimit. */
export const ARCGIS_PAGE_SIZE = 1000;
/** A runaway server (always "exceeded") is stopped after this many pages. */
const MAX_PAGES = 500;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The query URL of one page.
 * @example arcgisQueryUrl('https://services.arcgis.com/x/FeatureServer/49', 0, 1000)
 */
export function arcgisQueryUrl(layer: string, offset: number, count: number): string {
  const params = new URLSearchParams({
    where: '1=1',
    outFields: '*',
    returnGeometry: 'true',
    outSR: '4326',
    f: 'geojson',
    resultOffset: String(offset),
    resultRecordCount: String(count),
  });
  return `${layer.replace(/\/+$/u, '').replace(/\/query$/u, '')}/query?${params.toString()}`;
}

/** An ArcGIS error object (served with HTTP 200) as a sentence, or null when the answer is no error. */
export function arcgisError(json: unknown, layer: string): string | null {
  if (!isObject(json) || !isObject(json['error'])) return null;
  const e = json['error'];
  const code = typeof e['code'] === 'number' ? e['code'] : null;
  const message = typeof e['message'] === 'string' ? e['message'].slice(0, 200) : 'no message';
  const details = Array.isArray(e['details'])
    ? (e['details'] as unknown[])
        .filter((d) => typeof d === 'string')
        .join('; ')
        .slice(0, 200)
    : '';
  if (code === 499 || code === 498 || /token/iu.test(message))
    return (
      `${layer}: the layer needs a token (ArcGIS said ${code ?? ''} ${JSON.stringify(message)}): it is not public. ` +
      'frontline reads public layers only; ask the publisher for access or an export'
    );
  return `${layer}: ArcGIS answered an error ${code ?? ''} ${JSON.stringify(message)}${details ? ` (${details})` : ''}`;
}

/** Whether a page says more features remain. */
const exceeded = (page: Record<string, unknown>): boolean =>
  page['exceededTransferLimit'] === true ||
  (isObject(page['properties']) && page['properties']['exceededTransferLimit'] === true);

/**
 * Every feature of the layer, page by page.
 * @example const fc = await fetchArcgisLayer(fetch, layerUrl)
 */
export async function fetchArcgisLayer(
  fetchFn: FetchLike,
  layer: string,
  {
    pageSize = ARCGIS_PAGE_SIZE,
    timeoutMs = 60_000,
    retry,
    signal,
  }: { pageSize?: number; timeoutMs?: number; retry?: RetryPolicy; signal?: AbortSignal } = {},
): Promise<{ type: 'FeatureCollection'; features: unknown[]; pages: number }> {
  const features: unknown[] = [];
  for (let pages = 1; pages <= MAX_PAGES; pages++) {
    const url = arcgisQueryUrl(layer, features.length, pageSize);
    const json = await fetchJson(fetchFn, url, {
      timeoutMs,
      ...(retry ? { retry } : {}),
      ...(signal ? { signal } : {}),
    });
    const error = arcgisError(json, layer);
    if (error) throw new SourceError(error, 200, url);
    if (!isObject(json) || json['type'] !== 'FeatureCollection' || !Array.isArray(json['features']))
      throw new SourceError(
        `${url}: not a GeoJSON FeatureCollection (is this a FeatureServer layer URL, ending in /FeatureServer/N?)`,
        200,
        url,
      );
    const page = json['features'] as unknown[];
    features.push(...page);
    if (!exceeded(json)) return { type: 'FeatureCollection', features, pages };
    if (page.length === 0)
      throw new SourceError(`${url}: the server says more features remain but sent none`, 200, url);
  }
  throw new SourceError(`${layer}: still more features after ${MAX_PAGES} pages; stopped`, 200, layer);
}

/**
 * The date a layer's features carry in `field` (their latest value: ArcGIS dates are epoch milliseconds), or null.
 * @example layerDate(fc.features, 'EditDate') // '2026-08-13'
 */
export function layerDate(features: readonly unknown[], field: string): string | null {
  let latest: string | null = null;
  for (const f of features) {
    const p = isObject(f) && isObject(f['properties']) ? f['properties'] : {};
    const key = Object.keys(p).find((k) => k.toLowerCase() === field.toLowerCase());
    const v = key === undefined ? undefined : p[key];
    const d =
      typeof v === 'number' && Number.isFinite(v) && v > 0
        ? new Date(v).toISOString().slice(0, 10)
        : dateFromValue(v);
    if (d && (!latest || d > latest)) latest = d;
  }
  return latest;
}

/**
 * The fetched layer as one dated snapshot: polygons of `defaultClass` (default `occupied`, as an assessed-control
 * layer means) unless a feature names its class.
 */
export function arcgisSnapshot(
  fc: { features: unknown[] },
  version: Version,
  {
    defaultClass = 'occupied',
    classProperty,
  }: { defaultClass?: TerritoryClass; classProperty?: string } = {},
): Snapshot {
  const parsed = parseUserCollection(
    { type: 'FeatureCollection', features: fc.features },
    {
      version,
      file: 'layer',
      source: 'arcgis',
      defaultClass,
      ...(classProperty ? { classProperty } : {}),
    },
  );
  if (!parsed.ok) throw new SourceError(parsed.issues.join('; '), 200, '');
  return parsed.value;
}

/**
 * @example createArcgisSource({ layerUrl, fetch, dateField: 'EditDate' })
 */
export function createArcgisSource({
  layerUrl,
  fetch: fetchFn,
  dateField,
  defaultClass,
  classProperty,
  now = () => new Date(),
  pageSize,
  timeoutMs = 60_000,
  retry,
}: {
  layerUrl: string;
  fetch: FetchLike;
  /** The field dating the snapshot (`--date-field`); the fetch time otherwise. */
  dateField?: string;
  defaultClass?: TerritoryClass;
  classProperty?: string;
  now?: () => Date;
  pageSize?: number;
  timeoutMs?: number;
  retry?: RetryPolicy;
}): SnapshotSource {
  const layer = layerUrl.replace(/\/+$/u, '');
  let fetched: Promise<{ version: Version; snapshot: Snapshot; warnings: string[] }> | null = null;
  const load = (signal?: AbortSignal) => {
    fetched ??= (async () => {
      const fc = await fetchArcgisLayer(fetchFn, layer, {
        timeoutMs,
        ...(pageSize ? { pageSize } : {}),
        ...(retry ? { retry } : {}),
        ...(signal ? { signal } : {}),
      });
      const at = now();
      const warnings: string[] = [];
      let date = at.toISOString().slice(0, 10);
      if (dateField) {
        const d = layerDate(fc.features, dateField);
        if (d) date = d;
        else
          warnings.push(
            `${layer}: no feature has a date in field ${JSON.stringify(dateField)}; dated by the fetch time, ${date}`,
          );
      }
      const version: Version = {
        id: date,
        date,
        createdAt: at.toISOString(),
        description: `${fc.features.length} features in ${fc.pages} page${fc.pages > 1 ? 's' : ''}`,
      };
      const snapshot = arcgisSnapshot(fc, version, {
        ...(defaultClass ? { defaultClass } : {}),
        ...(classProperty ? { classProperty } : {}),
      });
      return { version, snapshot, warnings };
    })().catch((err: unknown) => {
      fetched = null;
      throw err;
    });
    return fetched;
  };
  return {
    id: 'arcgis',
    location: layer,
    async listVersions(signal) {
      const { version, warnings } = await load(signal);
      return { versions: [version], warnings };
    },
    async loadVersion(version, signal) {
      const got = await load(signal);
      if (got.version.id !== version.id)
        throw new SourceError(`${layer}: holds only its current state (${got.version.date})`, 404, layer);
      return got.snapshot;
    },
  };
}
