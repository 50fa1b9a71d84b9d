import type { Map as MapLibreMap } from 'maplibre-gl';
import { getContext, setContext } from 'svelte';

const KEY = Symbol('frontline-map');

/**
 * The maps a layer can be drawn on. The main map is three MapLibre maps stacked in one pane (see `stackedMaps.ts`):
 * `base` (sea, land, the oblasts' fill, a detailed basemap), `timeline` (the timeline's snapshot) and `top` (all
 * the rest, and the one you touch). A map that is not stacked (the comparison's second map) is all three.
 */
export type MapRole = 'base' | 'timeline' | 'top';
export type MapRoles = Readonly<Record<MapRole, MapLibreMap>>;

/** Child layer components are rendered only once the maps have loaded, so they always get a map. */
export function setMapContext(getMaps: () => MapRoles): void {
  setContext(KEY, getMaps);
}

/** The map a layer component draws on: the top map unless it asks for the base or the timeline's. */
export function getMap(role: MapRole = 'top'): MapLibreMap {
  const get = getContext<(() => MapRoles) | undefined>(KEY);
  if (!get) throw new Error('map layer components must be placed inside <MapView>');
  return get()[role];
}

/**
 * Invisible anchor layers in the inline style, bottom to top. A component adds its layers *before* the anchor above
 * its slot, so draw order never depends on which fetch finishes first. Every map of a stack has them all.
 */
export const SLOT_ANCHORS = [
  'slot-oblasts',
  'slot-water',
  'slot-snapshots',
  'slot-outlines',
  'slot-top',
  'slot-labels',
  'slot-region-labels',
  'slot-major-labels',
] as const;

/** The beforeId for each kind of layer. */
export const BEFORE = {
  basemap: 'slot-oblasts',
  oblastFill: 'slot-water',
  /** Rivers and roads (issue #12): over the oblasts' opaque fill, beneath the territory. */
  water: 'slot-snapshots',
  snapshots: 'slot-outlines',
  outlines: 'slot-top',
  /**
   * Names (issue #12), above every territory layer and outline (your own areas still go on top). MapLibre places
   * labels from the top layer down, and a later one that would overlap is dropped: the largest cities first, then
   * the oblasts' names, then the other places.
   */
  labels: 'slot-labels',
  regionLabels: 'slot-region-labels',
  majorLabels: 'slot-major-labels',
} as const;

/** A map as handed between components outside ui/map (which alone imports maplibre-gl). */
export type MapHandle = MapLibreMap;
