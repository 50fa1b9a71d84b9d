import type { GeoJSON } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, MapSourceDataEvent } from 'maplibre-gl';

/** The part of MapLibre's map this needs (a small fake stands in for it in the unit test). */
export type SourceHost = Pick<MapLibreMap, 'getSource' | 'isSourceLoaded' | 'on' | 'off' | 'triggerRepaint'>;

/** A map's repaint requests held back while one update's tiles load (see `holdRepaints`). */
interface RepaintHold {
  /** Holds repaint requests for at most `ms`. */
  start(ms: number): void;
  /** Lets requests through again, and asks for the one frame held back, if any was. */
  release(): void;
}

const holds = new WeakMap<SourceHost, RepaintHold>();

/**
 * Draws one update of a source in one frame. When the worker has indexed new data, MapLibre fires the source's
 * `metadata` and `content` events, which start reloading its tiles and request a repaint before any new tile
 * exists; then each new tile requests one as it arrives. In software WebGL every frame costs the same (a long one,
 * during which the page cannot take further tiles), so the frame drawn before the tiles, and any
 * drawn when only some are in, are wasted. While held, requests are noted instead of passed on; on release one
 * frame is asked for. The map's `triggerRepaint` is wrapped once, on this map instance only, and passes every
 * request through when nothing is held; a hold always ends by itself after `ms`, so the map can never freeze.
 */
function holdRepaints(map: SourceHost): RepaintHold {
  const known = holds.get(map);
  if (known) return known;
  const repaint = map.triggerRepaint.bind(map);
  let on = false;
  let dropped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hold: RepaintHold = {
    start(ms) {
      on = true;
      clearTimeout(timer);
      timer = setTimeout(() => hold.release(), ms);
    },
    release() {
      clearTimeout(timer);
      if (!on) return;
      on = false;
      if (dropped) {
        dropped = false;
        repaint();
      }
    },
  };
  // MapLibre calls `this.triggerRepaint()`: an own property on the instance takes the prototype method's place.
  Object.defineProperty(map, 'triggerRepaint', {
    value: () => {
      if (on) dropped = true;
      else repaint();
    },
    configurable: true,
    writable: true,
  });
  holds.set(map, hold);
  return hold;
}

/**
 * A setter that feeds a GeoJSON source only the newest data, each once the previous data's tiles have loaded
 * (issue #5: playback). Every `setData` makes MapLibre re-index the data in its worker, reload the source's tiles
 * and redraw; data set again before those tiles are back throws that work away, and in software WebGL a frame costs
 * a few hundred milliseconds. So while one update is on its way, only the latest data waits (older ones are
 * skipped, never drawn late), and it goes to the map as soon as the tiles are in. `timeoutMs` bounds the wait, so a
 * tile that never loads cannot hold the layer back. Each update is drawn in one frame (`holdRepaints`); `holdMs`
 * bounds how long the map's frames wait for its tiles.
 * @example const show = newestDataOnly(map, 'timeline'); show({ type: 'FeatureCollection', features });
 */
export function newestDataOnly(
  map: SourceHost,
  sourceId: string,
  { timeoutMs = 2000, holdMs = 200 }: { timeoutMs?: number; holdMs?: number } = {},
): (data: GeoJSON) => void {
  let waiting: GeoJSON | null = null;
  let busy = false;
  const hold = holdRepaints(map);
  const watched = new WeakSet<GeoJSONSource>();

  const source = () => map.getSource(sourceId) as GeoJSONSource | undefined;

  /** From the moment our update reaches the source, hold the map's frames until its tiles are in. */
  const onSourceData = (e: MapSourceDataEvent) => {
    if (busy && (e.sourceDataType === 'metadata' || e.sourceDataType === 'content')) hold.start(holdMs);
  };

  const tilesLoaded = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        map.off('sourcedata', check);
        resolve();
      };
      const check = (e: MapSourceDataEvent) => {
        if (e.sourceId === sourceId && (!source() || map.isSourceLoaded(sourceId))) done();
      };
      const timer = setTimeout(done, timeoutMs);
      map.on('sourcedata', check);
      if (!source() || map.isSourceLoaded(sourceId)) done();
    });

  async function drain(): Promise<void> {
    busy = true;
    while (waiting) {
      const data = waiting;
      waiting = null;
      const target = source();
      if (!target) break;
      if (!watched.has(target)) {
        // The source's own listeners run before the map's (source → tiles → style → map).
        target.on('data', onSourceData);
        watched.add(target);
      }
      try {
        // Resolves once the worker has indexed the data and the source has started reloading its tiles.
        await target.setData(data);
      } catch {
        // MapLibre reports a failed update as the map's `error` event; the next data still goes through.
        hold.release();
        continue;
      }
      await tilesLoaded();
      hold.release();
    }
    busy = false;
  }

  return (data) => {
    waiting = data;
    if (!busy) void drain();
  };
}
