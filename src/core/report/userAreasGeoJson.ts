/**
 * The file a user's own areas are written to (the browser's export and its stored copy): a GeoJSON FeatureCollection
 * (RFC 7946) that {@link parseUserAreas} — and so `frontline change --areas FILE` — reads back to the same regions,
 * in the same order, with the same names.
 */
import type { FeatureCollection } from 'geojson';
import type { AreaGeometry } from '../model/model.ts';

/** One of the user's areas as it is written: a name (text only) and its polygon. */
export interface NamedArea {
  name: string;
  geometry: AreaGeometry;
}

/**
 * @example JSON.stringify(userAreasGeoJson([{ name: 'Pokrovsk ring', geometry }]))
 * // '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Pokrovsk ring"},"geometry":{…}}]}'
 */
export function userAreasGeoJson(
  areas: readonly NamedArea[],
): FeatureCollection<AreaGeometry, { name: string }> {
  return {
    type: 'FeatureCollection',
    features: areas.map((a) => ({
      type: 'Feature',
      properties: { name: a.name },
      geometry: a.geometry,
    })),
  };
}
