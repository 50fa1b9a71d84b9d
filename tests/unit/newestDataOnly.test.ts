import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { newestDataOnly, type SourceHost } from '../../src/ui/map/newestDataOnly.ts';

const fc = (name: string): FeatureCollection => ({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { name }, geometry: { type: 'Point', coordinates: [0, 0] } }],
});
const nameOf = (data: unknown) => (data as FeatureCollection).features[0]!.properties!['name'] as string;

/** A stand-in for MapLibre's map with one GeoJSON source whose worker update and tile loads the test completes. */
function fakeMap() {
  const listeners = new Set<(e: { sourceId: string }) => void>();
  const sent: string[] = [];
  let finishUpdate: (() => void) | null = null;
  let loaded = true;
  let present = true;
  let repaints = 0;
  const sourceListeners = new Set<(e: { sourceDataType: string }) => void>();
  const source = {
    on: (_type: string, fn: (e: { sourceDataType: string }) => void) => sourceListeners.add(fn),
    setData: (data: unknown) => {
      sent.push(nameOf(data));
      loaded = false; // the source starts reloading its tiles once the worker has the data
      return new Promise<void>((resolve) => (finishUpdate = resolve));
    },
  };
  const host = {
    getSource: (id: string) => (present && id === 'timeline' ? source : undefined),
    isSourceLoaded: () => loaded,
    on: (_type: string, fn: (e: { sourceId: string }) => void) => listeners.add(fn),
    off: (_type: string, fn: (e: { sourceId: string }) => void) => listeners.delete(fn),
    triggerRepaint: () => repaints++,
  } as unknown as SourceHost;
  /** What MapLibre does on an event: the source's listeners first, then the map asks for a frame. */
  const fire = (sourceDataType: string) => {
    for (const fn of [...sourceListeners]) fn({ sourceDataType });
    host.triggerRepaint();
  };
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return {
    host,
    sent,
    listeners,
    /** The worker has indexed the data: MapLibre fires `metadata` and `content`, then the update resolves. */
    async indexed() {
      fire('metadata');
      fire('content');
      finishUpdate?.();
      await flush();
    },
    /** The tiles are back: each asks for a frame, and MapLibre fires `sourcedata` for each. */
    async tilesLoaded(id = 'timeline') {
      loaded = true;
      host.triggerRepaint();
      for (const fn of [...listeners]) fn({ sourceId: id });
      await flush();
    },
    repaints: () => repaints,
    remove() {
      present = false;
    },
    flush,
  };
}

describe('newestDataOnly', () => {
  it('sends the first data at once, then only the newest, once the previous tiles are in', async () => {
    const map = fakeMap();
    const show = newestDataOnly(map.host, 'timeline');
    show(fc('a'));
    expect(map.sent).toEqual(['a']);
    show(fc('b'));
    show(fc('c'));
    await map.indexed();
    expect(map.sent).toEqual(['a']); // tiles of 'a' still loading
    await map.tilesLoaded('other-source'); // another source's tiles do not count
    expect(map.sent).toEqual(['a']);
    await map.tilesLoaded();
    expect(map.sent).toEqual(['a', 'c']); // 'b' was superseded and never drawn
    await map.indexed();
    await map.tilesLoaded();
    show(fc('d'));
    expect(map.sent).toEqual(['a', 'c', 'd']);
    await map.indexed();
    await map.tilesLoaded();
    expect(map.listeners.size).toBe(0);
  });

  it('asks for one frame per update, when the tiles arrive, not when the data is indexed', async () => {
    const map = fakeMap();
    const show = newestDataOnly(map.host, 'timeline');
    show(fc('a'));
    await map.indexed();
    expect(map.repaints()).toBe(0);
    await map.tilesLoaded();
    expect(map.repaints()).toBe(1);
    // Outside an update every request goes through.
    map.host.triggerRepaint();
    expect(map.repaints()).toBe(2);
  });

  it('never holds the map’s frames longer than holdMs, even if the tiles never come', async () => {
    const map = fakeMap();
    const show = newestDataOnly(map.host, 'timeline', { holdMs: 20 });
    show(fc('a'));
    await map.indexed();
    map.host.triggerRepaint(); // e.g. the user pans meanwhile
    expect(map.repaints()).toBe(0);
    await new Promise((r) => setTimeout(r, 40));
    expect(map.repaints()).toBe(1);
    map.host.triggerRepaint();
    expect(map.repaints()).toBe(2);
  });

  it('does not wait longer than its timeout for tiles that never load', async () => {
    const map = fakeMap();
    const show = newestDataOnly(map.host, 'timeline', { timeoutMs: 20 });
    show(fc('a'));
    show(fc('b'));
    await map.indexed();
    await new Promise((r) => setTimeout(r, 40));
    expect(map.sent).toEqual(['a', 'b']);
    expect(map.listeners.size).toBe(0);
  });

  it('stops once the source is gone (the layer was removed)', async () => {
    const map = fakeMap();
    const show = newestDataOnly(map.host, 'timeline');
    show(fc('a'));
    show(fc('b'));
    map.remove();
    await map.indexed();
    await map.flush();
    expect(map.sent).toEqual(['a']);
    expect(map.listeners.size).toBe(0);
  });
});
