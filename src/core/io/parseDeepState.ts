/**
 * Parsing of DeepStateMap API responses (`/history/public`, `/history/{id}/geojson`) into the snapshot model.
 * Pure: the caller fetches; bad data yields readable issues, never a throw.
 */
import type { Feature, Geometry, Point, Polygon, Position } from 'geojson';
import { classifyDeepState, parseDeepStateName } from './classifyDeepState.ts';
import type { MarkerProperties, Parsed, Snapshot, TerritoryFeature, Version } from '../model/model.ts';
import { isIsoDate } from '../model/dates.ts';
import { polygonsOf } from '../model/polygonsOf.ts';
import { validateGeoJson } from './validateGeoJson.ts';

export type { Parsed };

export interface HistoryListOptions {
  /** The current time (ms since 1970): versions created more than a day after it are flagged. Unchecked without. */
  now?: number;
}

/** DeepState ids are the creation time in Unix seconds; above this (year 5138) an id is read as milliseconds. */
const MS_ID = 1e11;
/** Plausible creation times in Unix seconds for a DeepState version: 2014 (DeepState's start) to 2100. */
const FIRST_ID = 1_388_534_400;
const LAST_ID = 4_102_444_800;
const DAY_MS = 86_400_000;
const MAX_LISTED = 5;

/**
 * Reads the version list of `/history/public`. Dates come from `createdAt` (the `datetime` field is a display
 * string without a year). Versions are returned oldest first. What is wrong with an entry is decided, and said, here:
 *
 * | entry | outcome |
 * |---|---|
 * | not an object, no id, or no usable `createdAt` and an id that is no plausible Unix time | skipped, warning |
 * | an id that is not a whole number (the API answers `/history/{id}/geojson` for numeric ids only) | skipped, warning |
 * | `createdAt` that is not a calendar date (`2025-02-30T…`, which Date.parse rolls over to 2 March) | dated by its id when that is a plausible Unix time, else skipped; warning |
 * | no `createdAt`, id a plausible Unix time in seconds (or milliseconds) | dated by its id, warning |
 * | ids in milliseconds (> 10¹¹) | kept as they are (they name the URL), dated by `createdAt`; one warning for the list |
 * | an id listed twice | the first kept; warning |
 * | `createdAt` more than a day after `now` | kept; one warning for the list (a wrong clock or list) |
 * @example parseHistoryList([{ id: 1754077960, createdAt: '2025-08-01T19:52:40.000Z' }]).ok // true
 */
export function parseHistoryList(json: unknown, { now }: HistoryListOptions = {}): Parsed<Version[]> {
  if (!Array.isArray(json)) {
    // An error answer served with 200 (`{"error": "…"}`) says what went wrong: pass it on.
    const error =
      typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['error'] : undefined;
    const said = typeof error === 'string' ? `; the server said: ${JSON.stringify(error.slice(0, 200))}` : '';
    return { ok: false, issues: [`history list: expected a JSON array of versions${said}`] };
  }
  const warnings: string[] = [];
  const versions: Version[] = [];
  const seen = new Map<string, number>();
  const duplicates: string[] = [];
  const msIds: { entry: number; id: string; createdAt: string; matches: boolean }[] = [];
  const future: { entry: number; createdAt: string }[] = [];
  json.forEach((entry: unknown, i) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const id = e['id'];
    const createdAt = e['createdAt'];
    const idText = typeof id === 'number' || typeof id === 'string' ? String(id).trim() : '';
    if (idText === '') {
      warnings.push(`history list: entry ${i}: missing id or createdAt, skipped`);
      return;
    }
    const whole = /^\d{1,16}$/u.test(idText);
    const idNumber = whole ? Number(idText) : NaN;
    const idSeconds = idNumber > MS_ID ? idNumber / 1000 : idNumber;
    const idTime = idSeconds >= FIRST_ID && idSeconds <= LAST_ID ? idSeconds * 1000 : NaN;
    const notInCalendar =
      typeof createdAt === 'string' &&
      /^\d{4}-\d{2}-\d{2}/u.test(createdAt) &&
      !isIsoDate(createdAt.slice(0, 10));
    let time = typeof createdAt === 'string' && !notInCalendar ? Date.parse(createdAt) : NaN;
    if (Number.isNaN(time)) {
      const what = notInCalendar
        ? `createdAt ${JSON.stringify(createdAt.slice(0, 40))} is not a calendar date`
        : 'no usable createdAt';
      if (Number.isNaN(idTime)) {
        warnings.push(
          notInCalendar
            ? `history list: entry ${i}: ${what}, skipped`
            : `history list: entry ${i}: missing id or createdAt, skipped`,
        );
        return;
      }
      time = idTime;
      warnings.push(
        `history list: entry ${i}: ${what}; dated it by its id ${idText}, the creation time in Unix ` +
          `${idNumber > MS_ID ? 'milliseconds' : 'seconds'} (${new Date(time).toISOString()})`,
      );
    } else if (idNumber > MS_ID) {
      msIds.push({
        entry: i,
        id: idText,
        createdAt: String(createdAt),
        matches: Math.abs(idNumber - time) < DAY_MS,
      });
    }
    if (!whole) {
      warnings.push(
        `history list: entry ${i}: id ${JSON.stringify(id).slice(0, 40)} is not a whole number ` +
          '(DeepState ids are Unix seconds), skipped',
      );
      return;
    }
    const first = seen.get(idText);
    if (first !== undefined) {
      duplicates.push(`id ${idText} (entries ${first} and ${i})`);
      return;
    }
    seen.set(idText, i);
    const iso = new Date(time).toISOString();
    if (now !== undefined && time > now + DAY_MS) future.push({ entry: i, createdAt: iso });
    const version: Version = { id: idText, createdAt: iso, date: iso.slice(0, 10) };
    const description = e['descriptionEn'] || e['description'];
    if (typeof description === 'string' && description.trim()) version.description = description.trim();
    versions.push(version);
  });
  if (duplicates.length > 0) {
    const more = duplicates.length > MAX_LISTED ? `, … (${duplicates.length} in all)` : '';
    warnings.push(
      `history list: listed more than once: ${duplicates.slice(0, MAX_LISTED).join(', ')}${more}; kept the first of each`,
    );
  }
  if (msIds.length > 0) {
    const m = msIds[0]!;
    warnings.push(
      `history list: ${msIds.length} id${msIds.length > 1 ? 's look' : ' looks'} like milliseconds, not the Unix ` +
        `seconds DeepState uses (e.g. entry ${m.entry}: id ${m.id}, createdAt ${m.createdAt}` +
        `${m.matches ? ', which is the id ÷ 1000' : ''}); kept as ids, dated by createdAt`,
    );
  }
  if (future.length > 0) {
    const f = future[0]!;
    warnings.push(
      `history list: ${future.length} version${future.length > 1 ? 's are' : ' is'} dated after now ` +
        `(e.g. entry ${f.entry}: ${f.createdAt}); kept — the list or the server's clock is wrong`,
    );
  }
  if (versions.length === 0) {
    return { ok: false, issues: ['history list: no usable versions', ...warnings] };
  }
  versions.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return { ok: true, value: versions, warnings };
}

function hasPointsOnly(geometry: Geometry | null | undefined): boolean {
  if (!geometry) return false;
  if (geometry.type === 'GeometryCollection') {
    const parts: unknown = geometry.geometries ?? [];
    return Array.isArray(parts) && parts.every(hasPointsOnly);
  }
  return geometry.type === 'Point' || geometry.type === 'MultiPoint' || geometry.type === 'LineString';
}

function firstPoint(geometry: Geometry | null | undefined): Position | null {
  if (!geometry) return null;
  if (geometry.type === 'Point') return geometry.coordinates;
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries ?? []) {
      const p = firstPoint(g);
      if (p) return p;
    }
  }
  return null;
}

/**
 * Turns one raw DeepState version (`/history/{id}/geojson`) into a snapshot: polygons classified into territory
 * classes, satirical `geoJSON.territories.*` overlays dropped, unit/point markers kept aside.
 * @example parseDeepStateVersion(rawFeatureCollection, version, 'deepstate-api')
 */
export function parseDeepStateVersion(
  json: unknown,
  version: Version,
  source = 'deepstate-api',
): Parsed<Snapshot> {
  const label = `${version.date} ${source} ${version.id}`;
  const nameOf = (props: Record<string, unknown>): string => {
    const names = parseDeepStateName(props['name']);
    return [names.uk, names.en].filter(Boolean).join(' / ') || '(unnamed)';
  };
  // One validation path for every source (src/core/io/validateGeoJson.ts): 2D, closed, deduplicated, RFC 7946-wound.
  const valid = validateGeoJson(json, { label, nameOf });
  if (!valid.ok) return valid;
  const warnings = [...valid.warnings];
  const territories: TerritoryFeature[] = [];
  const markers: Feature<Point, MarkerProperties>[] = [];
  valid.value.features.forEach((feature, index) => {
    const geometry = feature.geometry;
    // Validation already said why a feature has no geometry.
    if (!geometry) return;
    const props = feature.properties;
    const names = parseDeepStateName(props['name']);
    const name = nameOf(props);
    const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
    const where = `${label}: feature ${index} (${JSON.stringify(shown)})`;
    if (hasPointsOnly(geometry)) {
      const p = firstPoint(geometry);
      if (p)
        markers.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: p },
          properties: { name, key: names.key, sourceIndex: index },
        });
      return;
    }
    const kind = classifyDeepState(props, geometry.type);
    if (kind.kind === 'satire' || kind.kind === 'marker') return;
    if (kind.kind === 'unknown') {
      warnings.push(
        `${where}: unknown key ${JSON.stringify(names.key)} and fill ${JSON.stringify(props['fill'])}, skipped`,
      );
      return;
    }
    const polygons: Polygon['coordinates'][] = polygonsOf(geometry);
    if (polygons.length === 0) {
      warnings.push(`${where}: no polygon in its ${geometry.type}, skipped`);
      return;
    }
    territories.push({
      type: 'Feature',
      geometry:
        polygons.length === 1
          ? { type: 'Polygon', coordinates: polygons[0]! }
          : { type: 'MultiPolygon', coordinates: polygons },
      properties: kind.inRussia
        ? { cls: kind.cls, name, sourceIndex: index, inRussia: true }
        : { cls: kind.cls, name, sourceIndex: index },
    });
  });
  return { ok: true, value: { source, version, territories, markers, warnings }, warnings };
}
