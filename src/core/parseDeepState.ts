/**
 * Parsing of DeepStateMap API responses (`/history/public`, `/history/{id}/geojson`) into the snapshot model.
 * Pure: the caller fetches; bad data yields readable issues, never a throw.
 */
import type { Feature, Geometry, Point, Polygon, Position } from 'geojson';
import { classifyDeepState, parseDeepStateName } from './classifyDeepState.ts';
import type { MarkerProperties, Snapshot, TerritoryFeature, Version } from './model.ts';

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

/** Drops z (and any further ordinates); returns null for a position that isn't two finite numbers. */
function toPosition(p: unknown): Position | null {
  if (!Array.isArray(p) || p.length < 2) return null;
  const [x, y] = p as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
    return null;
  if (Math.abs(x) > 180 || Math.abs(y) > 90) return null;
  return [x, y];
}

/** Cleans one ring: 2D positions, consecutive duplicates removed, closed. Null when unusable. */
function cleanRing(ring: unknown, note: (msg: string) => void): Position[] | null {
  if (!Array.isArray(ring)) return null;
  const out: Position[] = [];
  for (const raw of ring) {
    const p = toPosition(raw);
    if (!p) {
      note('a position is not a pair of finite, in-range numbers');
      return null;
    }
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
    note('ring was not closed; closed it');
    out.push([first[0]!, first[1]!]);
  }
  return out.length >= 4 ? out : null;
}

/** Flattens a raw geometry into polygons (GeometryCollections occur in 2022–23 versions). */
function polygonsOf(geometry: Geometry | null | undefined, depth = 0): Position[][][] {
  if (!geometry || depth > 8) return [];
  switch (geometry.type) {
    // Raw data is untyped: coordinates or geometries that are not arrays yield no polygon, never a throw.
    case 'Polygon':
      return Array.isArray(geometry.coordinates) ? [geometry.coordinates] : [];
    case 'MultiPolygon':
      return Array.isArray(geometry.coordinates) ? geometry.coordinates.filter((p) => Array.isArray(p)) : [];
    case 'GeometryCollection':
      return Array.isArray(geometry.geometries)
        ? geometry.geometries.flatMap((g) => polygonsOf(g, depth + 1))
        : [];
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
  if (geometry.type === 'Point') return toPosition(geometry.coordinates);
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
  const fc = json as { type?: unknown; features?: unknown } | null;
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return { ok: false, issues: [`${label}: not a GeoJSON FeatureCollection`] };
  }
  const warnings: string[] = [];
  const territories: TerritoryFeature[] = [];
  const markers: Feature<Point, MarkerProperties>[] = [];
  (fc.features as Feature[]).forEach((feature, index) => {
    const props = (feature?.properties ?? {}) as Record<string, unknown>;
    const names = parseDeepStateName(props['name']);
    const name = [names.uk, names.en].filter(Boolean).join(' / ') || '(unnamed)';
    const where = `${label}: feature ${index} (${JSON.stringify(name.slice(0, 40))})`;
    const geometry = feature?.geometry;
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
    const kind = classifyDeepState(props, geometry?.type ?? '');
    if (kind.kind === 'satire' || kind.kind === 'marker') return;
    if (kind.kind === 'unknown') {
      warnings.push(
        `${where}: unknown key ${JSON.stringify(names.key)} and fill ${JSON.stringify(props['fill'])}, skipped`,
      );
      return;
    }
    const polygons: Polygon['coordinates'][] = [];
    for (const [p, rings] of polygonsOf(geometry).entries()) {
      const cleaned: Position[][] = [];
      let outerUsable = true;
      rings.forEach((ring, r) => {
        const c = cleanRing(ring, (m) => warnings.push(`${where}: ring ${r}: ${m}`));
        // A bad outer ring loses the polygon; a bad hole is dropped alone.
        if (c) cleaned.push(c);
        else if (r === 0) outerUsable = false;
        else warnings.push(`${where}: ring ${r}: fewer than 4 distinct positions, hole dropped`);
      });
      if (outerUsable && cleaned.length > 0) polygons.push(cleaned);
      // Say so when one polygon of several is lost (GeometryCollections of 2022–23), not only when all are.
      else warnings.push(`${where}: polygon ${p}: no usable outer ring, polygon dropped`);
    }
    if (polygons.length === 0) {
      warnings.push(`${where}: no usable polygon, skipped`);
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
