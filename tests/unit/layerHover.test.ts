/**
 * The one hover helper of the map layers (src/ui/map/layerHover.ts, issue #14), against a stand-in for MapLibre's
 * map that keeps the handlers and fires them: text for the feature under the pointer, none when it leaves, the
 * pointer cursor only when asked, and every handler removed by the function it returns.
 */
import type { Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { layerHover, type HoverTip } from '../../src/ui/map/layerHover.ts';

type Handler = (e: MapLayerMouseEvent) => void;

function fakeMap() {
  const handlers = new Map<string, Set<Handler>>();
  const canvas = { style: { cursor: '' } };
  const key = (type: string, layer: string) => `${type} ${layer}`;
  const map = {
    on: (type: string, layer: string, h: Handler) => {
      if (!handlers.has(key(type, layer))) handlers.set(key(type, layer), new Set());
      handlers.get(key(type, layer))!.add(h);
    },
    off: (type: string, layer: string, h: Handler) => handlers.get(key(type, layer))?.delete(h),
    getCanvas: () => canvas,
  };
  const fire = (type: string, layer: string, properties?: Record<string, unknown>, x = 10, y = 20) => {
    const e = {
      point: { x, y },
      features: properties ? [{ properties }] : [],
    } as unknown as MapLayerMouseEvent;
    for (const h of handlers.get(key(type, layer)) ?? []) h(e);
  };
  const count = () => [...handlers.values()].reduce((n, s) => n + s.size, 0);
  return { map: map as unknown as MapLibreMap, canvas, fire, count };
}

describe('layerHover', () => {
  it('shows the text for the feature under the pointer, and nothing once it leaves', () => {
    const { map, canvas, fire } = fakeMap();
    const shown: (HoverTip | null)[] = [];
    layerHover(
      map,
      'change-fill',
      (p) => `${String(p['name'])}!`,
      (tip) => shown.push(tip),
    );
    fire('mousemove', 'change-fill', { name: '<b>Pokrovsk</b>' }, 5, 7);
    expect(shown).toEqual([{ x: 5, y: 7, text: '<b>Pokrovsk</b>!' }]);
    expect(canvas.style.cursor).toBe('pointer');
    fire('mousemove', 'other-layer', { name: 'elsewhere' });
    fire('mousemove', 'change-fill'); // no feature: nothing changes
    expect(shown).toHaveLength(1);
    fire('mouseleave', 'change-fill');
    expect(shown.at(-1)).toBeNull();
    expect(canvas.style.cursor).toBe('');
  });

  it('leaves the cursor alone when asked, and skips features its text function declines', () => {
    const { map, canvas, fire } = fakeMap();
    const shown: (HoverTip | null)[] = [];
    layerHover(
      map,
      'a-fill',
      (p) => (p['name'] ? String(p['name']) : null),
      (tip) => shown.push(tip),
      {
        cursor: false,
      },
    );
    fire('mousemove', 'a-fill', {});
    fire('mousemove', 'a-fill', { name: 'x' });
    expect(shown).toEqual([{ x: 10, y: 20, text: 'x' }]);
    expect(canvas.style.cursor).toBe('');
  });

  it('the returned function removes both handlers', () => {
    const { map, fire, count } = fakeMap();
    const shown: (HoverTip | null)[] = [];
    const off = layerHover(
      map,
      'a-fill',
      () => 'x',
      (tip) => shown.push(tip),
    );
    expect(count()).toBe(2);
    off();
    expect(count()).toBe(0);
    fire('mousemove', 'a-fill', { name: 'x' });
    expect(shown).toEqual([]);
  });
});
