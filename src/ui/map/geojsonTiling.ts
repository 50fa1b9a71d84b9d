import type { GeoJSONSourceSpecification } from 'maplibre-gl';

/**
 * How MapLibre cuts the app's GeoJSON sources into tiles (issue #5, speed). MapLibre's default buffer is 128 px on
 * each side of a 512 px tile, so every tile carries geometry over 2.25× its own area, all of it rasterised and then
 * clipped away by the stencil, on every frame. Our widest line is 3.5 px, so 32 px is ample against seams at tile
 * edges. Measured in software WebGL (bench/ui.ts setup, GPU-process CPU time per redrawn frame of the default view):
 * ~410 ms with the default, ~280 ms with 32. Simplification (`tolerance`, in screen pixels at each zoom) is 1 px
 * instead of MapLibre's 0.375: an outline moves by at most a pixel, under the 1.2 px lines that draw it, and a
 * DeepState snapshot's tiles hold fewer vertices to transform each frame (bench:ui day step p95, harness: 135 ms
 * at 0.375 px, 131 at 1 px, 120 at 3 px; 1 px is kept for fidelity). Figures never come from tiles: they are
 * computed on the full data.
 * @see https://maplibre.org/maplibre-style-spec/sources/#geojson
 * @example map.addSource('timeline', { type: 'geojson', data, ...GEOJSON_TILING });
 */
export const GEOJSON_TILING = {
  buffer: 32,
  tolerance: 1,
} as const satisfies Partial<GeoJSONSourceSpecification>;
