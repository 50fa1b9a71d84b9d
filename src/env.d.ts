/// <reference types="svelte" />
/// <reference types="vite/client" />

/** The package version, injected by vite.config.ts. */
declare const __APP_VERSION__: string;

interface Window {
  /**
   * Read-only handles on the MapLibre maps, for tests and power users (issue #2): the main map, and the comparison's
   * second map (swipe and side-by-side views) while it exists.
   */
  readonly __frontline?: {
    readonly map: import('maplibre-gl').Map;
    readonly compareMap?: import('maplibre-gl').Map;
    /** The maps stacked under the main map (src/ui/map/stackedMaps.ts): the base, and the timeline's snapshot. */
    readonly baseMap?: import('maplibre-gl').Map;
    readonly timelineMap?: import('maplibre-gl').Map;
    /** Turns the main map's shared tile clipping masks on or off; says whether sharing is active (issue #5). */
    readonly shareClippingMasks?: (on: boolean) => boolean;
    /** Turns skipping the invisible sky on or off on the main map's stack; says whether it is active (issue #14). */
    readonly skipInvisibleSky?: (on: boolean) => boolean;
    /** Parsed snapshots held, their LRU bound and how many are on screen (issue #6, tests/e2e/heap.spec.ts). */
    readonly snapshotCache?: () => { held: number; limit: number; inUse: number };
    /** Shows or hides the main map's settlement labels (issue #12, bench/ui.ts); says whether the layer exists. */
    readonly settlementLabels?: (on: boolean) => boolean;
  };
  /** Set before the app starts, by bench/ui.ts only: the main map makes no settlement labels (issue #12). */
  readonly __frontlineNoSettlementLabels?: boolean;
}

/** The map's place names, made from geodata/settlements.geojson by src/server/settlementLabelsPlugin.ts (issue #12). */
declare module 'virtual:frontline/settlement-labels-country' {
  const rows: [number, number, number, number, string, string | null][];
  export default rows;
}
declare module 'virtual:frontline/settlement-labels-rest' {
  const rows: [number, number, number, number, string, string | null][];
  export default rows;
}
