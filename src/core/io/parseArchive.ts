/**
 * Parsing of one day of the DeepState daily archive (github.com/cyterat/deepstate-map-data): a FeatureCollection
 * with one MultiPolygon of all Russian-occupied territory of Ukraine that day, Crimea and the pre-2022 areas
 * included, grey zone excluded. Format: docs/data.md.
 */
import { isIsoDate } from '../model/dates.ts';
import { validateGeoJson } from './validateGeoJson.ts';
import type { Parsed, Snapshot, TerritoryFeature, Version } from '../model/model.ts';

export const ARCHIVE_SOURCE_ID = 'archive';

/** `deepstatemap_data_YYYYMMDD.geojson` → `YYYY-MM-DD`, or null (also for a day not in the calendar, 20250230). */
export function archiveDateFromName(name: string): string | null {
  const m = /deepstatemap_data_(\d{4})(\d{2})(\d{2})\.geojson$/u.exec(name);
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : null;
  return isIsoDate(date) ? date : null;
}

/** `YYYY-MM-DD` → `deepstatemap_data_YYYYMMDD.geojson`. */
export function archiveFileName(date: string): string {
  return `deepstatemap_data_${date.replaceAll('-', '')}.geojson`;
}

/** An archive day as a Version: id and date are the ISO date; the file is published at 03:00 UTC. */
export function archiveVersion(date: string): Version {
  return { id: date, date, createdAt: `${date}T03:00:00.000Z` };
}

/**
 * Turns an archive day into a snapshot whose one `occupied` feature covers *all* occupied territory
 * (`occupiedIncludesPre2022: true`): the archive does not separate the areas held before 24 Feb 2022.
 * @example parseArchiveDay(json, archiveVersion('2025-08-15'))
 */
export function parseArchiveDay(json: unknown, version: Version): Parsed<Snapshot> {
  const label = `${version.date} ${ARCHIVE_SOURCE_ID}`;
  // One validation path for every source (src/core/io/validateGeoJson.ts).
  const valid = validateGeoJson(json, { label });
  if (!valid.ok) return valid;
  const territories: TerritoryFeature[] = [];
  const warnings = [...valid.warnings];
  valid.value.features.forEach((f, index) => {
    const g = f.geometry;
    if (!g) return; // validation said why
    if (g.type === 'MultiPolygon' || g.type === 'Polygon') {
      territories.push({
        type: 'Feature',
        geometry: g,
        properties: { cls: 'occupied', name: 'Occupied territory (all, incl. pre-2022)', sourceIndex: index },
      });
    } else {
      warnings.push(
        `${label}: feature ${index}: geometry ${JSON.stringify(g.type)} is not a polygon, skipped`,
      );
    }
  });
  if (territories.length === 0)
    return { ok: false, issues: [`${label}: no polygon in the file`, ...warnings] };
  return {
    ok: true,
    value: {
      source: ARCHIVE_SOURCE_ID,
      version,
      territories,
      markers: [],
      warnings,
      occupiedIncludesPre2022: true,
    },
    warnings,
  };
}
