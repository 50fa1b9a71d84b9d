/**
 * A user's own areas (issue #5, "Areas of your own"): the polygons of a GeoJSON FeatureCollection as regions for the
 * change breakdown. One path for every way they arrive — `frontline change --areas FILE`, the browser's import, and
 * the areas the browser kept in its storage — so each is read by the same rules:
 *
 * - the collection goes through {@link validateGeoJson} (structure, coordinates, rings repaired and rewound);
 * - each Polygon or MultiPolygon feature becomes a region `user-N` (N = the feature's position, from 1), named by
 *   its `name` property when that is a string, else `area N`; names are kept verbatim, as text;
 * - other features are left out with a warning; a collection without any polygon is an issue.
 *
 * Pure: no I/O; the input is never mutated.
 */
import type { AreaGeometry, Parsed } from '../model/model.ts';
import type { Region } from '../report/snapshotAreas.ts';
import { validateGeoJson } from './validateGeoJson.ts';

/** The `iso` of every user area starts with this, so figures can tell them from the authored focus areas. */
export const USER_AREA_PREFIX = 'user-';

/**
 * Whether a region (or a report row) is one of the user's own areas.
 * @example isUserArea('user-3') // true
 * @example isUserArea('pokrovsk-area') // false
 */
export const isUserArea = (iso: string): boolean => iso.startsWith(USER_AREA_PREFIX);

/**
 * The polygons of a parsed GeoJSON value as user regions, or the issues why there are none.
 * @example
 * const text = parseGeoJsonText(raw, { label: 'my-areas.geojson' });
 * const areas = text.ok ? parseUserAreas(text.value, { label: 'my-areas.geojson' }) : text;
 * if (areas.ok) areas.value[0].properties; // { iso: 'user-1', name_en: 'Pokrovsk ring' }
 */
export function parseUserAreas(json: unknown, { label }: { label: string }): Parsed<Region[]> {
  const valid = validateGeoJson(json, { label });
  if (!valid.ok) return valid;
  const warnings = [...valid.warnings];
  const regions: Region[] = [];
  valid.value.features.forEach((f, i) => {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      // A feature without geometry was already reported by validateGeoJson.
      if (g) warnings.push(`${label}: feature ${i} is a ${g.type}, not a polygon; left out`);
      return;
    }
    const name = typeof f.properties['name'] === 'string' ? f.properties['name'] : `area ${i + 1}`;
    regions.push({
      type: 'Feature',
      geometry: g as AreaGeometry,
      properties: { id: `${USER_AREA_PREFIX}${i + 1}`, name_en: name },
    });
  });
  if (regions.length === 0) return { ok: false, issues: [`${label}: no polygon in the file`] };
  return { ok: true, value: regions, warnings };
}
