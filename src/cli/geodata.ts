/** The boundaries and focus areas the project ships (geodata/), as regions for breakdowns. */
import type { FeatureCollection, Point } from 'geojson';
import {
  landOutline,
  regionsFrom,
  settlementsFrom,
  type FrontOutlineCollection,
  type LandOutline,
  type Region,
  type Settlement,
  type SettlementProperties,
} from '../core/index.ts';
import { shippedText } from './shipped.ts';

export function loadOblasts(): Region[] {
  return regionsFrom(JSON.parse(shippedText('geodata/oblasts.geojson')) as Parameters<typeof regionsFrom>[0]);
}

/** Focus areas as regions: `id` is the focus area's id. */
export function loadFocusAreas(): Region[] {
  return regionsFrom(
    JSON.parse(shippedText('geodata/focus-areas.geojson')) as Parameters<typeof regionsFrom>[0],
  );
}

let land: LandOutline | null = null;

/** Ukraine's land outline, the oblasts' union (issue #16): what every assessment is clipped to. Made once. */
export function loadLand(): LandOutline {
  land ??= landOutline(loadOblasts().map((o) => o.geometry));
  return land;
}

/** The gazetteer (geodata/settlements.geojson, issue #12) as the core's settlements. */
export function loadSettlements(): Settlement[] {
  return settlementsFrom(
    JSON.parse(shippedText('geodata/settlements.geojson')) as FeatureCollection<Point, SettlementProperties>,
  );
}

/** Ukraine's land border with Russia and Belarus and its coast (issue #15; scripts/build-front-outline.mjs). */
export function loadFrontOutline(): FrontOutlineCollection {
  return JSON.parse(shippedText('geodata/front-outline.geojson')) as FrontOutlineCollection;
}
