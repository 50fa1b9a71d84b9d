/**
 * A user's GeoJSON FeatureCollection of polygons (the `folder` source, issue #3) as a snapshot: each polygon's class
 * comes from a property (`class`, `cls` or `status`, see src/core/io/parseTerritoryClass.ts) or a default class.
 * Everything goes through the one validation path first (src/core/io/validateGeoJson.ts).
 */
import type { Parsed, Snapshot, TerritoryClass, TerritoryFeature, Version } from '../model/model.ts';
import { CLASS_PROPERTIES, parseTerritoryClass } from './parseTerritoryClass.ts';
import { dateFromValue } from './dateFromName.ts';
import { polygonsOf } from '../model/polygonsOf.ts';
import { validateGeoJson } from './validateGeoJson.ts';

export interface UserCollectionOptions {
  /** The snapshot's version (for the folder source: id and date are the ISO date). */
  version: Version;
  /** The file's name as the user knows it (relative to the folder), for messages and feature names. */
  file: string;
  /** Catalogue id of the source; default `folder`. */
  source?: string;
  /** Class of features that name none. Without it such features are skipped with a warning. */
  defaultClass?: TerritoryClass;
  /** The property that names the class; default: the first of `class`, `cls`, `status` a feature has. */
  classProperty?: string;
  /** Keep only features whose own `date` property is this date (a file holding several dates). */
  onlyFeatureDate?: string;
}

/**
 * A property by name, ignoring case (`Class`, `STATUS` and `Date` occur in exports from desktop GIS).
 * @example propertyOf({ Status: 'grey' }, 'status') // 'grey'
 */
export function propertyOf(properties: Record<string, unknown>, name: string): unknown {
  if (name in properties) return properties[name];
  const lower = name.toLowerCase();
  const key = Object.keys(properties).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : properties[key];
}

/**
 * The dates a collection carries: its own `date` member or property, and the distinct `date` properties of its
 * features (with how many features have none). Unreadable input gives nothing.
 * @example collectionDates({ type: 'FeatureCollection', date: '2025-08-15', features: [] }).collection // '2025-08-15'
 */
export function collectionDates(json: unknown): {
  collection: string | null;
  features: string[];
  undated: number;
} {
  const fc = (json ?? {}) as { date?: unknown; properties?: unknown; features?: unknown };
  const props = (typeof fc.properties === 'object' && fc.properties) || {};
  const collection =
    dateFromValue(fc.date) ?? dateFromValue(propertyOf(props as Record<string, unknown>, 'date'));
  const features = new Set<string>();
  let undated = 0;
  for (const f of Array.isArray(fc.features) ? (fc.features as unknown[]) : []) {
    const p = (f as { properties?: unknown } | null)?.properties;
    const d =
      p && typeof p === 'object' ? dateFromValue(propertyOf(p as Record<string, unknown>, 'date')) : null;
    if (d) features.add(d);
    else undated++;
  }
  return { collection, features: [...features].sort(), undated };
}

/**
 * Parses one user file into a snapshot.
 * @example
 * parseUserCollection(json, { version: { id: '2025-08-15', date: '2025-08-15', createdAt: '2025-08-15T00:00:00.000Z' },
 *   file: 'lines-2025-08-15.geojson', defaultClass: 'occupied' })
 */
export function parseUserCollection(
  json: unknown,
  { version, file, source = 'folder', defaultClass, classProperty, onlyFeatureDate }: UserCollectionOptions,
): Parsed<Snapshot> {
  const label = `${version.date} ${source} ${file}`;
  const valid = validateGeoJson(json, { label });
  if (!valid.ok) return valid;
  const warnings = [...valid.warnings];
  const territories: TerritoryFeature[] = [];
  const notPolygons = new Map<string, number>();
  let unclassed = 0;
  let considered = 0;
  const names = classProperty ? [classProperty] : CLASS_PROPERTIES;

  valid.value.features.forEach((feature, index) => {
    const props = feature.properties;
    if (onlyFeatureDate && dateFromValue(propertyOf(props, 'date')) !== onlyFeatureDate) return;
    considered++;
    if (!feature.geometry) return; // validation said why
    const polygons = polygonsOf(feature.geometry);
    if (polygons.length === 0) {
      notPolygons.set(feature.geometry.type, (notPolygons.get(feature.geometry.type) ?? 0) + 1);
      return;
    }
    const ownName = propertyOf(props, 'name');
    const name =
      typeof ownName === 'string' && ownName.trim()
        ? ownName.replace(/\s+/gu, ' ').trim()
        : `${file} #${index}`;
    const named = names
      .map((n) => [n, propertyOf(props, n)] as const)
      .find(([, v]) => v !== undefined && v !== null);
    let cls: TerritoryClass | null;
    if (named) {
      cls = parseTerritoryClass(named[1]);
      if (!cls) {
        warnings.push(
          `${label}: feature ${index} (${JSON.stringify(name.slice(0, 40))}): ${named[0]} ${JSON.stringify(named[1])} ` +
            'names no territory class (occupied, occupied_pre2022, grey, liberated or a synonym); skipped',
        );
        return;
      }
    } else if (defaultClass) {
      cls = defaultClass;
    } else {
      unclassed++;
      return;
    }
    territories.push({
      type: 'Feature',
      geometry:
        polygons.length === 1
          ? { type: 'Polygon', coordinates: polygons[0]! }
          : { type: 'MultiPolygon', coordinates: polygons },
      properties: { cls, name, sourceIndex: index },
    });
  });

  for (const [type, n] of notPolygons) {
    warnings.push(`${label}: ${n} ${type} feature${n > 1 ? 's' : ''} (not polygons) skipped`);
  }
  const unclassedMsg =
    `${unclassed} of ${considered} features name no class (property ${names.map((n) => `"${n}"`).join(', ')}) ` +
    'and no default class was given (--default-class occupied|occupied_pre2022|grey|liberated)';
  // A file that yields nothing was almost certainly read wrongly: say so rather than show an empty map.
  if (territories.length === 0 && considered > 0) {
    const why = unclassed > 0 ? unclassedMsg : 'no usable polygon in the file';
    return { ok: false, issues: [`${label}: ${why}`, ...warnings] };
  }
  if (unclassed > 0) warnings.push(`${label}: ${unclassedMsg}; skipped them`);
  return { ok: true, value: { source, version, territories, markers: [], warnings }, warnings };
}
