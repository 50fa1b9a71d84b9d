/** The boundaries and focus areas the project ships (geodata/), as regions for breakdowns. */
import type { FeatureCollection, Polygon } from 'geojson';
import type { Region } from '../core/index.ts';
import { shippedText } from './shipped.ts';

export function loadOblasts(): Region[] {
  return (JSON.parse(shippedText('geodata/oblasts.geojson')) as { features: Region[] }).features;
}

/** Focus areas as regions: `iso` holds the focus area's id. */
export function loadFocusAreas(): Region[] {
  const fc = JSON.parse(shippedText('geodata/focus-areas.geojson')) as FeatureCollection<
    Polygon,
    { id: string; name_en: string; name_uk: string }
  >;
  return fc.features.map((f) => ({
    type: 'Feature',
    geometry: f.geometry,
    properties: { iso: f.properties.id, name_en: f.properties.name_en, name_uk: f.properties.name_uk },
  }));
}
