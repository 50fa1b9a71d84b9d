import { describe, expect, it } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { skipInvisibleSky } from '../../src/ui/map/skipInvisibleSky.ts';

const TRANSPARENT = { r: 0, g: 0, b: 0, a: 0 };
const BLUE = { r: 0.2, g: 0.4, b: 0.8, a: 1 };

/** A map whose painter has MapLibre 6's shared table of draw functions, counting the sky's draws. */
function fakeMap(shared: Record<string, unknown>) {
  const painter = { drawFunctions: shared };
  return { map: { painter } as unknown as MapLibreMap, painter };
}

function sharedTable() {
  const drawn: unknown[] = [];
  const table = { sky: (_mesh: unknown, frame: unknown) => drawn.push(frame), fill: () => {} };
  return { table, drawn };
}

const frame = (sky: Record<string, unknown> | undefined) => ({ data: { sky } });

describe('skipInvisibleSky (issue #14, speed)', () => {
  it('skips the sky when both its colours are transparent, and draws any other', () => {
    const { table, drawn } = sharedTable();
    const { map, painter } = fakeMap(table);
    expect(skipInvisibleSky(map)(true)).toBe(true);
    const draw = painter.drawFunctions['sky'] as (m: unknown, f: unknown) => void;
    draw(null, frame({ 'sky-color': TRANSPARENT, 'horizon-color': TRANSPARENT }));
    expect(drawn).toHaveLength(0);
    for (const sky of [
      { 'sky-color': BLUE, 'horizon-color': TRANSPARENT },
      { 'sky-color': TRANSPARENT, 'horizon-color': { ...BLUE, a: 0.01 } },
      { 'sky-color': TRANSPARENT },
      undefined,
    ])
      draw(null, frame(sky));
    expect(drawn).toHaveLength(4);
    // Every other draw function is MapLibre's own.
    expect(painter.drawFunctions['fill']).toBe(table.fill);
  });

  it('changes only this map: the shared table is left as it was', () => {
    const { table } = sharedTable();
    const own = table.sky;
    const a = fakeMap(table);
    const b = fakeMap(table);
    skipInvisibleSky(a.map);
    expect(table.sky).toBe(own);
    expect(b.painter.drawFunctions['sky']).toBe(own);
    expect(a.painter.drawFunctions['sky']).not.toBe(own);
  });

  it('switched off, draws the transparent sky again', () => {
    const { table, drawn } = sharedTable();
    const { map, painter } = fakeMap(table);
    const setSkipping = skipInvisibleSky(map);
    expect(setSkipping(false)).toBe(false);
    (painter.drawFunctions['sky'] as (m: unknown, f: unknown) => void)(
      null,
      frame({ 'sky-color': TRANSPARENT, 'horizon-color': TRANSPARENT }),
    );
    expect(drawn).toHaveLength(1);
  });

  it('does nothing with a MapLibre that has no such table', () => {
    const map = { painter: {} } as unknown as MapLibreMap;
    expect(skipInvisibleSky(map)(true)).toBe(false);
    expect(skipInvisibleSky({} as MapLibreMap)(true)).toBe(false);
  });
});
