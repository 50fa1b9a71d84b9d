/**
 * Issue #14 (speed): the main map is three MapLibre maps stacked in one pane (src/ui/map/stackedMaps.ts): the base,
 * the timeline's snapshot, and the top map you touch. A timeline step draws only the timeline's canvas; the maps
 * below follow the top map's camera in the same task as its frame, so layers never slide apart while you pan.
 */
import type { Page } from '@playwright/test';
import { drawnFrames, expect, hasReference, NO_REFERENCE_REASON, test, waitForMapIdle } from './fixtures.ts';

/** The ids of the layers (slot anchors left out) on each of the main map's stacked maps. */
function layersByMap(page: Page) {
  return page.evaluate(() => {
    const f = window.__frontline!;
    const ids = (m: typeof f.map | undefined) =>
      (m?.getStyle().layers ?? []).map((l) => l.id).filter((id) => !id.startsWith('slot-'));
    return { base: ids(f.baseMap), timeline: ids(f.timelineMap), top: ids(f.map) };
  });
}

test.describe('the main map as three stacked maps (reference mirror)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  test('base, timeline and top hold their layers; only the top map takes the pointer and the keyboard', async ({
    page,
  }) => {
    await page.goto('/?source=archive&t=2025-01-01');
    await waitForMapIdle(page);
    await expect
      .poll(async () => (await layersByMap(page)).timeline)
      .toEqual(['timeline-fill', 'timeline-line']);
    const layers = await layersByMap(page);
    expect(layers.base).toEqual(['background', 'basemap-land', 'basemap-borders', 'oblasts-fill']);
    expect(layers.top).toEqual(
      expect.arrayContaining(['oblasts-outline', 'oblast-labels', 'front-line-front']),
    );
    expect(layers.top.filter((id) => /^(background|basemap-|timeline-)|^oblasts-fill$/u.test(id))).toEqual(
      [],
    );
    // One canvas in the accessibility tree and the tab order; the two below are hidden and let the pointer through.
    const panes = await page.evaluate(() => {
      const f = window.__frontline!;
      return [f.baseMap!, f.timelineMap!].map((m) => {
        const box = m.getContainer();
        return {
          hidden: box.getAttribute('aria-hidden'),
          pointer: getComputedStyle(box).pointerEvents,
          tabindex: m.getCanvas().getAttribute('tabindex'),
          sameBox:
            JSON.stringify(box.getBoundingClientRect()) ===
            JSON.stringify(f.map.getContainer().getBoundingClientRect()),
        };
      });
    });
    expect(panes).toEqual([
      { hidden: 'true', pointer: 'none', tabindex: '-1', sameBox: true },
      { hidden: 'true', pointer: 'none', tabindex: '-1', sameBox: true },
    ]);
    // The top map is what a point on the map hits.
    const hit = await page.evaluate(() => {
      const canvas = window.__frontline!.map.getCanvas();
      const r = canvas.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === canvas;
    });
    expect(hit).toBe(true);
  });

  test('while the map flies, every frame of the top map has the maps below drawn at its camera in the same task', async ({
    page,
  }) => {
    await page.goto('/?source=archive&t=2025-01-01');
    await waitForMapIdle(page);
    const result = await page.evaluate(async () => {
      const f = window.__frontline!;
      const top = f.map;
      const below = [f.baseMap!, f.timelineMap!];
      // A frame of the top map after a move with a map below not yet drawn since that move is a miss. This listener
      // is added after the stack's own, so it runs after the maps below were drawn for this frame, if they were.
      const stale = new Set<object>();
      let frames = 0;
      let misses = 0;
      let apart = 0;
      top.on('move', () => below.forEach((m) => stale.add(m)));
      for (const m of below) m.on('render', () => stale.delete(m));
      top.on('render', () => {
        frames++;
        if (stale.size) misses++;
        const c = top.getCenter();
        for (const m of below) {
          const d = m.getCenter();
          if (
            Math.abs(d.lng - c.lng) > 1e-9 ||
            Math.abs(d.lat - c.lat) > 1e-9 ||
            m.getZoom() !== top.getZoom()
          )
            apart++;
        }
      });
      top.flyTo({ center: [37.18, 48.28], zoom: 9, duration: 1500 });
      await new Promise((r) => top.once('moveend', r));
      return { frames, misses, apart };
    });
    expect(result.frames).toBeGreaterThan(3);
    expect(result).toMatchObject({ misses: 0, apart: 0 });
  });

  test('a timeline step draws the timeline map and neither the base nor the top map', async ({ page }) => {
    await page.goto('/?source=archive&t=2025-01-01');
    await waitForMapIdle(page);
    await expect(page.getByTestId('timeline-area')).toBeVisible({ timeout: 60_000 });
    // Let the front line (measured once the timeline rests) and the default comparison settle first.
    await page.waitForTimeout(1500);
    await waitForMapIdle(page);
    const slider = page.getByRole('slider', { name: 'Timeline date' });
    await page.evaluate(() => {
      const f = window.__frontline!;
      const counts = { base: 0, timeline: 0, top: 0 };
      f.baseMap!.on('render', () => counts.base++);
      f.timelineMap!.on('render', () => counts.timeline++);
      f.map.on('render', () => counts.top++);
      (window as unknown as { __renders: typeof counts }).__renders = counts;
    });
    const before = await page.getByTestId('timeline-shown').textContent();
    await slider.press('ArrowRight');
    await expect(page.getByTestId('timeline-shown')).not.toHaveText(before!);
    await page.waitForFunction(() => window.__frontline!.timelineMap!.loaded());
    // Within the front line's rest (500 ms): only the timeline's canvas was drawn.
    const counts = await page.evaluate(() => (window as unknown as { __renders: object }).__renders);
    expect(counts).toMatchObject({ base: 0, top: 0 });
    expect((counts as { timeline: number }).timeline).toBeGreaterThan(0);
  });

  test('the invisible sky is not drawn on any of the three maps, and each draws the very same picture', async ({
    page,
  }) => {
    await page.goto('/?source=archive&t=2025-01-01');
    await waitForMapIdle(page);
    await expect(page.getByTestId('timeline-area')).toBeVisible({ timeout: 60_000 });
    await page.waitForTimeout(1000);
    await waitForMapIdle(page);
    /** One frame of each map with skipping on or off: whether it was active, its draw calls, and its pixels. */
    const frames = async (on: boolean) => {
      const active = await page.evaluate((on) => window.__frontline!.skipInvisibleSky!(on), on);
      return { active, out: await drawnFrames(page, ['baseMap', 'timelineMap', 'map']) };
    };
    const off = await frames(false);
    const on = await frames(true);
    expect(off.active).toBe(false);
    expect(on.active, 'skipping works with this MapLibre version').toBe(true);
    for (const [i, name] of ['base', 'timeline', 'top'].entries()) {
      expect(on.out[i]!.draws, `${name}: the sky's quad is the one draw call saved`).toBe(
        off.out[i]!.draws - 1,
      );
      expect(on.out[i]!.png === off.out[i]!.png, `${name}: identical pixels with and without the sky`).toBe(
        true,
      );
    }
    expect(on.out[0]!.png.length).toBeGreaterThan(10_000);
  });
});
