/**
 * Parsing of UA Control Map (Project Owl) data as github.com/owlmaps/map-data lays it out (issue #16; format in
 * docs/assessments.md): `data/base.json` lists the dates, `data/YYYYMMDD.json` holds one day as
 * `{areas, areas_ua}`, each a list of rings of **`[lat, lon]`** points, outer rings only, not clipped to the coast or
 * the border.
 *
 * - `areas` (Russian-held territory, Crimea and the pre-2022 areas included) becomes one `occupied` feature holding all
 *   occupied territory (`occupiedIncludesPre2022`), clipped to Ukraine's land outline.
 * - `areas_ua` are areas UA Control Map draws as held by Ukraine (in 2024-09 → 2025-03: the Kursk salient, inside
 *   Russia). They are no class of Ukraine's territory: kept as drawn features marked `inRussia` with class
 *   `liberated`, so no class total counts them, and named for what they are.
 * - A day whose `areas` is empty is "no data" (five upstream days), never "nothing occupied": {@link OWLMAPS_NO_DATA}.
 */
import { featureCollection, union } from '@turf/turf';
import type { Feature } from 'geojson';
import { isIsoDate } from '../model/dates.ts';
import { unionEdges } from '../geometry/unionEdges.ts';
import { clipToLand, type LandOutline } from '../geometry/landClip.ts';
import type { Parsed } from './parseDeepState.ts';
import { validateGeoJson } from './validateGeoJson.ts';
import type { AreaGeometry, Snapshot, TerritoryFeature, Version } from '../model/model.ts';

export const OWLMAPS_SOURCE_ID = 'owlmaps';
/** The first words of the issue for a day whose file holds no areas. */
export const OWLMAPS_NO_DATA = 'no data';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `20250815` → `2025-08-15`, or null (also for a day not in the calendar). */
export function owlmapsDate(compact: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/u.exec(compact);
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : null;
  return isIsoDate(date) ? date : null;
}

/** `YYYY-MM-DD` → `YYYYMMDD.json`, the day's file under `data/`. */
export function owlmapsFileName(date: string): string {
  return `${date.replaceAll('-', '')}.json`;
}

/** A day as a Version: id and date are the ISO date (a file is dated the day before the backup it comes from). */
export function owlmapsVersion(date: string): Version {
  return { id: date, date, createdAt: `${date}T00:00:00.000Z` };
}

/**
 * The dates `base.json` lists, oldest first, with warnings for entries that are no calendar date.
 * @example parseOwlmapsBase({ date: '20260801', dates: ['20230101'] }) // ok, [owlmapsVersion('2023-01-01')]
 */
export function parseOwlmapsBase(json: unknown): Parsed<Version[]> {
  if (!isObject(json) || !Array.isArray(json['dates']))
    return { ok: false, issues: ['base.json: expected {"dates": ["YYYYMMDD", …]}'] };
  const warnings: string[] = [];
  const dates = new Set<string>();
  for (const d of json['dates'] as unknown[]) {
    const date = typeof d === 'string' ? owlmapsDate(d) : null;
    if (date) dates.add(date);
    else warnings.push(`base.json: ${JSON.stringify(d).slice(0, 40)} is not a date YYYYMMDD, skipped`);
  }
  return { ok: true, value: [...dates].sort().map(owlmapsVersion), warnings };
}

/** Rings of `[lat, lon]` → a MultiPolygon's coordinates in `[lon, lat]` (each ring its own polygon). */
function swapped(rings: unknown, key: string, label: string, issues: string[]): number[][][][] {
  if (!Array.isArray(rings)) {
    issues.push(`${label}: "${key}" is not a list of rings`);
    return [];
  }
  const out: number[][][][] = [];
  rings.forEach((ring: unknown, r) => {
    if (!Array.isArray(ring)) {
      issues.push(`${label}: ${key}[${r}] is not a ring`);
      return;
    }
    const coords: number[][] = [];
    for (const [i, p] of (ring as unknown[]).entries()) {
      if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
        issues.push(`${label}: ${key}[${r}][${i}] is not a [lat, lon] point`);
        return;
      }
      coords.push([p[1], p[0]]);
    }
    // Upstream rings are not always closed; validation closes them and says so, but closing is no news here.
    const first = coords[0];
    const last = coords[coords.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) coords.push([...first]);
    out.push([coords]);
  });
  return out;
}

/**
 * Upstream rings may overlap (each is its own outer ring): the engine needs them joined first, from edges, with
 * Turf's union only if those fail to link into rings.
 */
function joined(g: AreaGeometry): AreaGeometry | null {
  const parts: AreaGeometry[] =
    g.type === 'Polygon' ? [g] : g.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
  if (parts.length === 1) return parts[0]!;
  const merged = unionEdges(parts);
  if (merged !== undefined) return merged;
  const features = parts.map((p): Feature<AreaGeometry> => ({
    type: 'Feature',
    geometry: p,
    properties: {},
  }));
  return union(featureCollection(features))?.geometry ?? null;
}

/**
 * One day of UA Control Map as a snapshot clipped to `land`, through the same validation as every source.
 * An empty day is `{ok: false, issues: ['no data: …']}`.
 * @example parseOwlmapsDay(json, owlmapsVersion('2025-08-15'), landOutline(oblasts.map((o) => o.geometry)))
 */
export function parseOwlmapsDay(json: unknown, version: Version, land: LandOutline): Parsed<Snapshot> {
  const label = `${version.date} ${OWLMAPS_SOURCE_ID}`;
  if (!isObject(json)) return { ok: false, issues: [`${label}: expected an object {areas, areas_ua}`] };
  const issues: string[] = [];
  const areas = swapped(json['areas'] ?? [], 'areas', label, issues);
  const ua = swapped(json['areas_ua'] ?? [], 'areas_ua', label, issues);
  if (issues.length) return { ok: false, issues };
  if (areas.length === 0)
    return {
      ok: false,
      issues: [
        `${OWLMAPS_NO_DATA}: ${label}: the file has no areas (an empty upstream day, not "nothing occupied")`,
      ],
    };
  const features = [
    { key: 'areas', coordinates: areas },
    ...(ua.length ? [{ key: 'areas_ua', coordinates: ua }] : []),
  ].map(({ key, coordinates }) => ({
    type: 'Feature',
    properties: { name: key },
    geometry: { type: 'MultiPolygon', coordinates },
  }));
  // One validation path for every source (src/core/io/validateGeoJson.ts): closes, rewinds, drops degenerate rings.
  const valid = validateGeoJson({ type: 'FeatureCollection', features }, { label });
  if (!valid.ok) return valid;
  const warnings = valid.warnings.filter((w) => !/ wound /u.test(w));
  const territories: TerritoryFeature[] = [];
  valid.value.features.forEach((f, index) => {
    const g = f.geometry;
    if (!g || (g.type !== 'MultiPolygon' && g.type !== 'Polygon')) return;
    if (f.properties['name'] === 'areas') {
      const clipped = clipToLand(joined(g), land);
      if (clipped)
        territories.push({
          type: 'Feature',
          geometry: clipped,
          properties: {
            cls: 'occupied',
            name: 'Russian-held territory (UA Control Map)',
            sourceIndex: index,
          },
        });
    } else {
      territories.push({
        type: 'Feature',
        geometry: g,
        properties: {
          cls: 'liberated',
          name: 'Held by Ukraine (UA Control Map areas_ua), not counted',
          sourceIndex: index,
          inRussia: true,
        },
      });
    }
  });
  if (!territories.some((t) => t.properties.cls === 'occupied'))
    warnings.push(`${label}: no area left on Ukraine's land after clipping`);
  return {
    ok: true,
    value: {
      source: OWLMAPS_SOURCE_ID,
      version,
      territories,
      markers: [],
      warnings,
      occupiedIncludesPre2022: true,
    },
    warnings,
  };
}
