/**
 * The project's own data the worker computes with (oblasts, focus areas, the gazetteer, the front-line outline), each
 * fetched and prepared once per worker while it succeeds. A failure is forgotten (loadOnce), so the next request
 * fetches again: one failed load of oblasts.geojson no longer breaks every area computation until reload (issue #14).
 */
import type { FeatureCollection, Point } from 'geojson';
import {
  frontContext,
  landOutline,
  parseClaims,
  regionsFrom,
  settlementsFrom,
  type FrontOutlineCollection,
  type SettlementProperties,
} from '../../core/index.ts';
import registry from '../../../geodata/reported-figures.json';
import { loadOnce } from '../map/loadOnce.ts';
import type { AssetUrls } from './protocol.ts';

let urls: AssetUrls | null = null;

/** Where the assets are (the page resolves the built files' URLs and sends them first). */
export function setAssetUrls(next: AssetUrls): void {
  urls = next;
}
const assetUrls = (): AssetUrls => {
  if (!urls) throw new Error('data worker: asked before init');
  return urls;
};

async function fetchJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${new URL(url).pathname}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

export const oblasts = loadOnce(async () => regionsFrom(await fetchJson(assetUrls().oblasts)));
export const focusAreas = loadOnce(async () => regionsFrom(await fetchJson(assetUrls().focusAreas)));
export const settlements = loadOnce(async () =>
  settlementsFrom(await fetchJson<FeatureCollection<Point, SettlementProperties>>(assetUrls().settlements)),
);
export const land = loadOnce(async () => landOutline((await oblasts()).map((r) => r.geometry)));
export const front = loadOnce(async () =>
  frontContext(await fetchJson<FrontOutlineCollection>(assetUrls().frontOutline), await oblasts()),
);
export const claims = parseClaims(registry).claims;
