import type { GeoJSONSourceSpecification } from 'maplibre-gl';

/**
 * How MapLibre cuts the app's GeoJSON sources into tiles (issue #5, speed). MapLibre's default buffer is 128 px on
 * each side of a 512 px tile, so every tile carries geometry over 2.25× its own area, all of it rasterised and then
 * clipped away by the stencil, on every frame. Our widest line is 3.5 px, so 32 px is ample against seams at tile
 * edges. Simplification (`tolerance`, in screen pixels at each zoom) is 1 px instead of MapLibre's 0.375: an outline
 * moves by at most a pixel, under the 1.2 px lines that draw it, and a DeepState snapshot's tiles hold fewer vertices
 * to transform each frame (3 px would be faster still; 1 px is kept for fidelity). The measurements behind both:
 * docs/performance.md, "Measurements behind code choices". Figures never come from tiles: they are computed on the
 * full data.
 * @see https://maplibre.org/maplibre-style-spec/sources/#geojson
 * @example map.addSource('timeline', { type: 'geojson', data, ...GEOJSON_TILING });
 */
export const GEOJSON_TILING = {
  buffer: 32,
  tolerance: 1,
} as const satisfies Partial<GeoJSONSourceSpecification>;
