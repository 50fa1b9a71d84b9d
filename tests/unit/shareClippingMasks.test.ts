import type { Map as MapLibreMap } from 'maplibre-gl';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Share = typeof import('../../src/ui/map/shareClippingMasks.ts').shareClippingMasks;
type Tile = { key: string };
type Layer = { source: string; isTileClipped(): boolean };

/**
 * A stand-in for MapLibre 6's painter and per-frame state, shaped as the module expects (tests/e2e/map.spec.ts checks
 * the real thing, pixel for pixel). Each frame's `renderTileClippingMasks` records which sources drew masks.
 */
function fakeRenderer() {
  const drawn: string[] = [];
  class FrameState {
    currentStencilSource: string | undefined = undefined;
    tileClippingMaskIDs: Record<string, number> = {};
    constructor(readonly context: object) {}
    renderTileClippingMasks(layer: Layer, tileIDs?: Tile[]): void {
      if (this.currentStencilSource === layer.source || !layer.isTileClipped() || !tileIDs?.length) return;
      this.currentStencilSource = layer.source;
      drawn.push(layer.source);
    }
    clearStencil(): void {
      this.currentStencilSource = undefined;
    }
  }
  class Painter {
    context = {};
    renderLayer(..._args: unknown[]): void {}
  }
  const painter = new Painter();
  const map = { painter } as unknown as MapLibreMap;
  /** Draws one frame: each layer's masks, then the layer (as MapLibre's render passes do). */
  const frame = (layers: [Layer, Tile[]][], between?: (f: FrameState) => void) => {
    drawn.length = 0;
    const f = new FrameState(painter.context);
    for (const [layer, tiles] of layers) {
      f.renderTileClippingMasks(layer, tiles);
      painter.renderLayer(painter, null, layer, tiles, f);
      between?.(f);
    }
    return [...drawn];
  };
  return { map, painter, frame, FrameState };
}

const layer = (source: string, clipped = true): Layer => ({ source, isTileClipped: () => clipped });
const tiles = (...keys: string[]): Tile[] => keys.map((key) => ({ key }));

describe('shareClippingMasks', () => {
  let share: Share;
  beforeEach(async () => {
    // The module patches a prototype once per page: each test starts from a fresh module.
    vi.resetModules();
    ({ shareClippingMasks: share } = await import('../../src/ui/map/shareClippingMasks.ts'));
  });

  it('draws masks once for sources cut into the same tiles, again where the tiles differ', () => {
    const r = fakeRenderer();
    const set = share(r.map);
    const six = tiles('a', 'b', 'c', 'd', 'e', 'f');
    const stack: [Layer, Tile[]][] = [
      [layer('basemap'), six],
      [layer('oblasts'), six],
      [layer('timeline'), six],
      [layer('overscaled'), tiles('a5', 'b5')],
      [layer('change'), six],
    ];
    // The first frame finds the prototype; only its first layer drew its masks the old way.
    r.frame(stack);
    expect(set(true)).toBe(true);
    expect(r.frame(stack)).toEqual(['basemap', 'overscaled', 'change']);
    expect(set(false)).toBe(false);
    expect(r.frame(stack)).toEqual(['basemap', 'oblasts', 'timeline', 'overscaled', 'change']);
  });

  it('never reuses masks for a subset, another order, or after the stencil was cleared', () => {
    const r = fakeRenderer();
    share(r.map);
    r.frame([[layer('x'), tiles('a')]]);
    expect(
      r.frame([
        [layer('parent-and-children'), tiles('p', 'c1', 'c2')],
        [layer('children-only'), tiles('c1', 'c2')],
        [layer('reordered'), tiles('c2', 'c1')],
        [layer('same'), tiles('c2', 'c1')],
      ]),
    ).toEqual(['parent-and-children', 'children-only', 'reordered']);
    expect(
      r.frame(
        [
          [layer('a'), tiles('t')],
          [layer('b'), tiles('t')],
        ],
        (f) => {
          if (f.currentStencilSource === 'a') f.clearStencil();
        },
      ),
    ).toEqual(['a', 'b']);
  });

  it('changes nothing where MapLibre is not shaped as expected', () => {
    expect(share({} as MapLibreMap)(true)).toBe(false);
    const r = fakeRenderer();
    const set = share(r.map);
    // A frame state without the expected fields: left alone, and every mask is drawn as before.
    r.painter.renderLayer(r.painter, null, layer('x'), [], { context: r.painter.context });
    expect(set(true)).toBe(false);
    const six = tiles('a', 'b');
    expect(
      r.frame([
        [layer('a'), six],
        [layer('b'), six],
      ]),
    ).toEqual(['a', 'b']);
  });
});
