/** The boundaries and focus areas the project ships (geodata/), as regions for breakdowns. */
import { readFileSync } from 'node:fs';
import type { FeatureCollection, Point, Polygon } from 'geojson';
import { settlementsFrom, type Region, type Settlement, type SettlementProperties } from '../core/index.ts';

const root = new URL('../../geodata/', import.meta.url);

export function loadOblasts(): Region[] {
  return (JSON.parse(readFileSync(new URL('oblasts.geojson', root), 'utf8')) as { features: Region[] })
    .features;
}

/** Focus areas as regions: `iso` holds the focus area's id. */
export function loadFocusAreas(): Region[] {
  const fc = JSON.parse(readFileSync(new URL('focus-areas.geojson', root), 'utf8')) as FeatureCollection<
    Polygon,
    { id: string; name_en: string; name_uk: string }
  >;
  return fc.features.map((f) => ({
    type: 'Feature',
    geometry: f.geometry,
    properties: { iso: f.properties.id, name_en: f.properties.name_en, name_uk: f.properties.name_uk },
  }));
}

/** The gazetteer (geodata/settlements.geojson, issue #12) as the core's settlements. */
export function loadSettlements(): Settlement[] {
  return settlementsFrom(
    JSON.parse(readFileSync(new URL('settlements.geojson', root), 'utf8')) as FeatureCollection<
      Point,
      SettlementProperties
    >,
  );
}
