import type { Map as MapLibreMap } from 'maplibre-gl';

/** The parts of MapLibre's per-frame render state this touches (internal: `FrameRenderContext`, maplibre-gl 6). */
interface FrameState {
  context: object;
  currentStencilSource: string | undefined;
  renderTileClippingMasks(
    layer: { source: string; isTileClipped(): boolean },
    tileIDs?: { key: string }[],
  ): void;
}
type MaskMethod = FrameState['renderTileClippingMasks'];

/** Maps (by their GL context wrapper, which each frame's state carries) that share masks. */
const sharing = new WeakSet<object>();
/** The tile keys whose masks are in the stencil buffer, by frame. */
const maskKeys = new WeakMap<FrameState, string[]>();
/** Whether the prototype is patched, or was found not to be the expected one. */
let state: 'unknown' | 'patched' | 'unsupported' = 'unknown';

/** Same tiles in the same order: then the stencil holds exactly the masks the layer needs. */
function sameTiles(keys: string[] | undefined, tileIDs: { key: string }[]): boolean {
  return !!keys && keys.length === tileIDs.length && tileIDs.every((t, i) => t.key === keys[i]);
}

/** Replaces the method on the prototype of `frame`, if the frame looks like MapLibre 6's. */
function patch(frame: FrameState | undefined, context: object): void {
  const proto = frame && (Object.getPrototypeOf(frame) as FrameState);
  const own = proto?.renderTileClippingMasks as MaskMethod | undefined;
  if (!frame || frame.context !== context || !('tileClippingMaskIDs' in frame) || typeof own !== 'function') {
    state = 'unsupported';
    return;
  }
  proto!.renderTileClippingMasks = function (this: FrameState, layer, tileIDs) {
    const before = this.currentStencilSource;
    if (
      sharing.has(this.context) &&
      before !== undefined &&
      before !== layer.source &&
      tileIDs?.length &&
      layer.isTileClipped() &&
      sameTiles(maskKeys.get(this), tileIDs)
    ) {
      // The masks in the stencil were drawn for these very tiles by another source: use them as they are.
      this.currentStencilSource = layer.source;
      return;
    }
    own.call(this, layer, tileIDs);
    if (this.currentStencilSource !== before && tileIDs)
      maskKeys.set(
        this,
        tileIDs.map((t) => t.key),
      );
  };
  state = 'patched';
}

/**
 * Lets a map's layers reuse the tile clipping masks already in the stencil buffer when the next layer's source
 * covers the view with the very same tiles (issue #5, speed). MapLibre clips every fill and line layer to its tiles
 * with stencil masks, and draws the masks again each time the next layer comes from another source, in both render
 * passes: eight times a pass for the app's default view, each covering the whole view. All the app's GeoJSON
 * sources are cut into the same 512 px tiles, so once their tiles are loaded the masks are identical. In software
 * WebGL that redrawing was a large share of each frame (docs/performance.md, "Measurements behind code choices").
 * Reuse needs the same tiles in the same order, not a superset: while tiles load, one source may show a
 * parent tile where another shows its children, and masks drawn for other tiles would hide parts of the layer
 * (maplibre-native#1994 reverted a superset check for that reason; mapbox-gl-js#11197 proposed this same reuse).
 *
 * `FrameRenderContext` is not exported, so its method is replaced on the prototype once, found through the first
 * frame's call to the painter; maps not passed here draw as before. Returns a switch for tests and measurements:
 * `(on) => active`, where active is false if this MapLibre's internals are not the expected ones (then nothing is
 * changed and the map draws the masks itself, as always).
 * @see https://github.com/mapbox/mapbox-gl-js/issues/11197
 * @example const setSharing = shareClippingMasks(map); setSharing(false); // draws every mask again
 */
export function shareClippingMasks(map: MapLibreMap): (on: boolean) => boolean {
  const painter = (map as unknown as { painter?: { context?: object; renderLayer?: unknown } }).painter;
  const context = painter?.context;
  if (!painter || !context || typeof painter.renderLayer !== 'function') return () => false;
  sharing.add(context);
  if (state === 'unknown' && !Object.prototype.hasOwnProperty.call(painter, 'renderLayer')) {
    const renderLayer = painter.renderLayer as (...args: unknown[]) => void;
    // The painter hands each frame's state to renderLayer: the first call patches its prototype, then steps aside.
    painter.renderLayer = function (this: unknown, ...args: unknown[]) {
      delete painter.renderLayer;
      if (state === 'unknown') patch(args[4] as FrameState | undefined, context);
      return renderLayer.apply(this, args);
    };
  }
  return (on) => {
    if (on) sharing.add(context);
    else sharing.delete(context);
    return on && state === 'patched';
  };
}
