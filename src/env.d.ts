/// <reference types="svelte" />
/// <reference types="vite/client" />

/** The package version, injected by vite.config.ts. */
declare const __APP_VERSION__: string;

interface Window {
  /** Read-only handle on the MapLibre map, for tests and power users (issue #2). */
  readonly __frontline?: { readonly map: import('maplibre-gl').Map };
}
