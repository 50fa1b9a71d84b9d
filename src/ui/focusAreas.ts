/**
 * The 2025 focus areas (geodata/focus-areas.geojson), bundled with the app so that a link's `focus=` id can be
 * checked before anything loads, and the picker can list them at once (issue #5, "Export and share").
 */
import type { FeatureCollection, Polygon } from 'geojson';
import focusAreasText from '../../geodata/focus-areas.geojson?raw';
import { boundsOf, pointInPolygon } from '../core/index.ts';

export interface FocusAreaProperties {
  id: string;
  name_en: string;
  name_uk: string;
  oblast: string;
  center: [number, number];
  radius_km: number;
  /** Why the circle has its radius (authored, plain text). */
  note?: string;
}

export type FocusAreas = FeatureCollection<Polygon, FocusAreaProperties>;

/** The shipped focus areas, as in geodata/focus-areas.geojson (circles drawn as polygons). */
export const FOCUS_AREAS: FocusAreas = JSON.parse(focusAreasText) as FocusAreas;

/** Their ids, in file order: the only values a link's `focus=` may take. */
export const FOCUS_AREA_IDS: readonly string[] = FOCUS_AREAS.features.map((f) => f.properties.id);

/**
 * The bounding box of a focus area's circle, for fitting the map to it; null for an unknown id.
 * @example focusAreaBounds('pokrovsk-area') // [[37.04, 48.19], [37.31, 48.37]]
 */
export function focusAreaBounds(id: string): [[number, number], [number, number]] | null {
  const feature = FOCUS_AREAS.features.find((f) => f.properties.id === id);
  if (!feature) return null;
  const [w, s, e, n] = boundsOf(feature.geometry);
  return [
    [w, s],
    [e, n],
  ];
}

/**
 * The focus area at a point, for clicks on the map: the smallest circle holding it (the most specific, where two
 * overlap), or null. Done in code rather than with an invisible map layer, which would cost every frame a pass.
 * @example focusAreaAt(37.18, 48.28) // 'pokrovsk-area'
 */
export function focusAreaAt(lng: number, lat: number): string | null {
  let best: FocusAreaProperties | null = null;
  for (const f of FOCUS_AREAS.features) {
    if (!pointInPolygon([lng, lat], f)) continue;
    if (!best || f.properties.radius_km < best.radius_km) best = f.properties;
  }
  return best?.id ?? null;
}
