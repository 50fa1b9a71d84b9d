/**
 * Liberated territory that lies in Russia (the Kursk-area incursion, on DeepState's map from August 2024 to March 2025)
 * is drawn, but kept out of Ukraine's class totals, as DeepState's own published `liberated` figure does (it reports
 * that ground apart, as `occupiedInRussia`). Issue #13.
 *
 * The test is a point in Ukraine: a point on each polygon's surface (Turf's `pointOnFeature`) against the oblast
 * outlines (geodata/oblasts.geojson, Crimea and Sevastopol included) with the project's one point-in-polygon
 * (pointInPolygon.ts: the boundary counts as inside).
 */
import { pointOnFeature } from '@turf/turf';
import type { Position } from 'geojson';
import { boundsOf } from './boundsOf.ts';
import { pointInPolygon } from './pointInPolygon.ts';
import type { Snapshot, TerritoryFeature } from '../model/model.ts';
import type { Region } from '../report/snapshotAreas.ts';

const marked = new WeakMap<Snapshot, WeakMap<readonly Region[], Snapshot>>();

/**
 * Whether a polygon (rings as in GeoJSON) lies in Ukraine: a point on its surface inside one of the oblasts.
 * @example inUkraine(kurskPolygon, oblasts) // false
 */
export function inUkraine(rings: Position[][], oblasts: readonly Region[]): boolean {
  const p = pointOnFeature({ type: 'Polygon', coordinates: rings });
  const [x, y] = p.geometry.coordinates as [number, number];
  return oblasts.some((o) => {
    const [w, s, e, n] = boundsOf(o.geometry);
    return x >= w && x <= e && y >= s && y <= n && pointInPolygon([x, y], o);
  });
}

/**
 * The snapshot with every liberated polygon outside Ukraine moved into a feature of its own marked `inRussia` (drawn,
 * not counted); the same snapshot when there is none. Cached by snapshot and oblast list.
 * @example markOutsideUkraine(snapshot, loadOblasts()).territories.filter((t) => t.properties.inRussia)
 */
export function markOutsideUkraine(snapshot: Snapshot, oblasts: readonly Region[]): Snapshot {
  if (oblasts.length === 0) return snapshot;
  let byOblasts = marked.get(snapshot);
  const cached = byOblasts?.get(oblasts);
  if (cached) return cached;
  let moved = false;
  const territories = snapshot.territories.flatMap((t): TerritoryFeature[] => {
    if (t.properties.cls !== 'liberated' || t.properties.inRussia) return [t];
    const polygons = t.geometry.type === 'Polygon' ? [t.geometry.coordinates] : t.geometry.coordinates;
    const outside = polygons.filter((p) => !inUkraine(p, oblasts));
    if (outside.length === 0) return [t];
    moved = true;
    const inside = polygons.filter((p) => !outside.includes(p));
    const part = (coordinates: Position[][][], inRussia: boolean): TerritoryFeature => ({
      ...t,
      geometry: { type: 'MultiPolygon', coordinates },
      properties: inRussia ? { ...t.properties, inRussia: true } : t.properties,
    });
    return [...(inside.length ? [part(inside, false)] : []), part(outside, true)];
  });
  const out = moved ? { ...snapshot, territories } : snapshot;
  if (!byOblasts) marked.set(snapshot, (byOblasts = new WeakMap()));
  byOblasts.set(oblasts, out);
  return out;
}
