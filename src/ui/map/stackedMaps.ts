import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * The main map as three MapLibre maps stacked in one pane (issue #14, speed): the base (sea, land, the oblasts'
 * fill, a detailed basemap), the timeline's snapshot over it, and on top everything else (territory of the
 * comparison, outlines, the front line, names), the one you touch. WebGL redraws a whole canvas for any change,
 * and in software WebGL a frame of the whole default view was most of a timeline step (measured with a Chromium
 * trace: docs/performance.md, "Measurements behind code choices"): a timeline step changes only its own snapshot,
 * so only its own canvas, with two layers, is drawn again, while the page composes the three canvases as they are.
 *
 * The maps below follow the top map's camera in the same frame: each move of the top map moves them, and once the
 * top map has drawn that frame they are drawn at once (`redraw`), so layers never slide apart while you pan. They
 * take no input (their panes let the pointer through) and are hidden from assistive technology.
 */

/** The maps under each stacked top map, bottom first (for the PNG export and for tests). */
const below = new WeakMap<MapLibreMap, readonly MapLibreMap[]>();

/**
 * The maps drawn under `top`, bottom first; none for a map that is not stacked.
 * @example for (const m of [...mapsBelow(map), map]) draw(m.getCanvas());
 */
export function mapsBelow(top: MapLibreMap): readonly MapLibreMap[] {
  return below.get(top) ?? [];
}

/** The part of MapLibre's map the camera follower needs (a fake stands in for it in the unit test). */
export type Follower = Pick<MapLibreMap, 'jumpTo' | 'redraw'>;
export type Leader = Pick<MapLibreMap, 'getCenter' | 'getZoom' | 'getBearing' | 'getPitch' | 'on' | 'off'>;

/**
 * Keeps `under` on `top`'s camera: every `move` of the top map sets theirs, and the top map's next `render` draws
 * them in the same task, so all three canvases show the same frame. Returns the function that stops following.
 * @example const stop = followCamera(top, [base, timeline]);
 */
export function followCamera(top: Leader, under: readonly Follower[]): () => void {
  let moved = false;
  const follow = () => {
    const camera = {
      center: top.getCenter(),
      zoom: top.getZoom(),
      bearing: top.getBearing(),
      pitch: top.getPitch(),
    };
    for (const m of under) m.jumpTo(camera);
    moved = true;
  };
  const draw = () => {
    if (!moved) return;
    moved = false;
    for (const m of under) m.redraw();
  };
  top.on('move', follow);
  top.on('render', draw);
  follow();
  return () => {
    top.off('move', follow);
    top.off('render', draw);
  };
}

/**
 * Stacks `under` beneath `top`: they follow its camera and the PNG export draws them first. Returns the function
 * that undoes it (the maps themselves are removed by their owner).
 * @example const unstack = stackMaps(top, [base, timeline]);
 */
export function stackMaps(top: MapLibreMap, under: readonly MapLibreMap[]): () => void {
  below.set(top, under);
  const stop = followCamera(top, under);
  return () => {
    stop();
    if (below.get(top) === under) below.delete(top);
  };
}
