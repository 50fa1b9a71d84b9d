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
    /** Turns the main map's shared tile clipping masks on or off; says whether sharing is active (issue #5). */
    readonly shareClippingMasks?: (on: boolean) => boolean;
    /** Parsed snapshots held, their LRU bound and how many are on screen (issue #6, tests/e2e/heap.spec.ts). */
    readonly snapshotCache?: () => { held: number; limit: number; inUse: number };
    /** Shows or hides the main map's settlement labels (issue #12, bench/ui.ts); says whether the layer exists. */
    readonly settlementLabels?: (on: boolean) => boolean;
  };
}
