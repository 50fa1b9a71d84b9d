/**
 * Parsing of DeepStateMap API responses (`/history/public`, `/history/{id}/geojson`) into the snapshot model.
 * Pure: the caller fetches; bad data yields readable issues, never a throw.
 */
import type { Feature, Geometry, Point, Polygon, Position } from 'geojson';
import { classifyDeepState, parseDeepStateName } from './classifyDeepState.ts';
import type { MarkerProperties, Snapshot, TerritoryFeature, Version } from './model.ts';
import { validateGeoJson } from './validateGeoJson.ts';

export type Parsed<T> = { ok: true; value: T; warnings: string[] } | { ok: false; issues: string[] };

/**
 * Reads the version list of `/history/public`. Dates come from `createdAt` (the `datetime` field is a display
 * string without a year). Versions are returned oldest first; malformed entries are skipped with a warning.
 * @example parseHistoryList([{ id: 1754077960, createdAt: '2025-08-01T19:52:40.000Z' }]).ok // true
 */
export function parseHistoryList(json: unknown): Parsed<Version[]> {
  if (!Array.isArray(json)) {
    return { ok: false, issues: ['history list: expected a JSON array of versions'] };
  }
  const warnings: string[] = [];
  const versions: Version[] = [];
  json.forEach((entry: unknown, i) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const id = e['id'];
    const createdAt = e['createdAt'];
    const time = typeof createdAt === 'string' ? Date.parse(createdAt) : NaN;
    if (
      (typeof id !== 'number' && typeof id !== 'string') ||
      String(id).trim() === '' ||
      Number.isNaN(time)
    ) {
      warnings.push(`history list: entry ${i}: missing id or createdAt, skipped`);
      return;
    }
    const iso = new Date(time).toISOString();
    const version: Version = { id: String(id), createdAt: iso, date: iso.slice(0, 10) };
    const description = e['descriptionEn'] || e['description'];
    if (typeof description === 'string' && description.trim()) version.description = description.trim();
    versions.push(version);
  });
  if (versions.length === 0) return { ok: false, issues: ['history list: no usable versions', ...warnings] };
  versions.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return { ok: true, value: versions, warnings };
}

/**
 * Flattens a validated geometry into polygons (GeometryCollections occur in 2022–23 versions).
 * @example polygonsOf({ type: 'MultiPolygon', coordinates: [a, b] }) // [a, b]
 */
export function polygonsOf(geometry: Geometry | null | undefined, depth = 0): Position[][][] {
  if (!geometry || depth > 8) return [];
  switch (geometry.type) {
    case 'Polygon':
      return [geometry.coordinates];
    case 'MultiPolygon':
      return geometry.coordinates;
    case 'GeometryCollection':
      return geometry.geometries.flatMap((g) => polygonsOf(g, depth + 1));
    default:
      return [];
  }
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
  // One validation path for every source (src/core/validateGeoJson.ts): 2D, closed, deduplicated, RFC 7946-wound.
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
