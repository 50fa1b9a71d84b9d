import type { Map as MapLibreMap } from 'maplibre-gl';

/** A colour as MapLibre evaluates it (premultiplied; `a` is the alpha). */
interface Colour {
  a: number;
}
/** The part of a frame's state the sky's drawing reads (internal: `FrameRenderContext`, maplibre-gl 6). */
interface SkyFrame {
  data?: { sky?: { 'sky-color'?: Colour; 'horizon-color'?: Colour } };
}
type DrawSky = (mesh: unknown, frame: SkyFrame) => void;

const clear = (c: Colour | undefined): boolean => !!c && c.a === 0;

/**
 * Stops a map from drawing an invisible sky on every frame (issue #14, speed). MapLibre 6 gives every style a sky,
 * transparent unless the style sets one, and draws it each frame before any layer: a quad over the whole canvas
 * whose fragment shader works out the horizon for every pixel. With both of its colours transparent it changes no
 * pixel (its colour is blended at zero alpha; the depth it writes is the cleared depth), yet in software WebGL it is
 * most of the cost of an otherwise empty frame, on each of the three stacked maps (measured with a Chromium trace:
 * docs/performance.md, "Measurements behind code choices"). The app sets no sky, so it is never drawn; a style
 * with a visible sky would still get it.
 *
 * MapLibre's table of draw functions is shared by every map; this map's painter gets its own copy with the sky's
 * entry wrapped. Returns a switch for tests and measurements (`(on) => active`); active is false where this
 * MapLibre has no such entry, and then nothing is changed.
 * @example const setSkipping = skipInvisibleSky(map); setSkipping(false); // draws the sky again
 */
export function skipInvisibleSky(map: MapLibreMap): (on: boolean) => boolean {
  const painter = (map as unknown as { painter?: { drawFunctions?: Record<string, unknown> } }).painter;
  const table = painter?.drawFunctions;
  const drawSky = table?.['sky'];
  if (!painter || !table || typeof drawSky !== 'function') return () => false;
  let skipping = true;
  const sky: DrawSky = (mesh, frame) => {
    const evaluated = frame.data?.sky;
    if (skipping && clear(evaluated?.['sky-color']) && clear(evaluated?.['horizon-color'])) return;
    (drawSky as DrawSky)(mesh, frame);
  };
  painter.drawFunctions = { ...table, sky };
  return (on) => {
    skipping = on;
    return on;
  };
}
