/**
 * Issue #5 in a real browser: the comparison's swipe and side-by-side views (a second map, synced, removed when
 * left), and the selected focus area (picker, map click, highlight, figures); both kept in the permalink.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  expect,
  hasReference,
  NO_REFERENCE_REASON,
  openCompared,
  pngShares,
  test,
  waitForMapIdle,
} from './fixtures.ts';

type Which = 'map' | 'compareMap';

const hasCompareMap = (page: Page): Promise<boolean> => page.evaluate(() => !!window.__frontline?.compareMap);

/** The main map is three stacked maps (src/ui/map/stackedMaps.ts), the second map one: both are idle when all are. */
async function waitIdle(page: Page, which: Which): Promise<void> {
  await page.waitForFunction((w) => {
    const f = window.__frontline;
    const maps = w === 'map' ? [f?.baseMap, f?.timelineMap, f?.map] : [f?.[w]];
    return !!f?.[w] && maps.every((m) => !m || (m.loaded() && m.areTilesLoaded() && !m.isMoving()));
  }, which);
}

/** The layer ids of a map, bottom to top (the main map's across its stack), that start with `prefix`. */
function idsOn(page: Page, which: Which, prefix: string): Promise<string[]> {
  return page.evaluate(
    ([w, p]) => {
      const f = window.__frontline;
      const maps = w === 'map' ? [f?.baseMap, f?.timelineMap, f?.map] : [f?.[w]];
      return maps
        .flatMap((m) => m?.getStyle().layers ?? [])
        .map((l) => l.id)
        .filter((id) => id.startsWith(p));
    },
    [which, prefix] as const,
  );
}

function renderedOn(page: Page, which: Which, layer: string): Promise<number> {
  return page.evaluate(([w, l]) => window.__frontline![w]!.queryRenderedFeatures({ layers: [l] }).length, [
    which,
    layer,
  ] as const);
}

function cameraOf(page: Page, which: Which): Promise<{ lng: number; lat: number; zoom: number }> {
  return page.evaluate((w) => {
    const map = window.__frontline![w]!;
    const c = map.getCenter();
    return { lng: c.lng, lat: c.lat, zoom: map.getZoom() };
  }, which);
}

/** Which map (if either) the browser hands a pointer at this point of the map area to: swipe clipping is real. */
function mapAt(page: Page, fx: number, fy = 0.5): Promise<Which | 'none'> {
  return page.evaluate(
    ([x, y]) => {
      const box = document.querySelector('.map-wrap')!.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width * x, box.top + box.height * y);
      const f = window.__frontline!;
      if (f.compareMap?.getCanvasContainer().contains(hit)) return 'compareMap';
      if (f.map.getCanvasContainer().contains(hit)) return 'map';
      return 'none';
    },
    [fx, fy] as const,
  );
}

function clipOfCompareMap(page: Page): Promise<string> {
  return page.evaluate(
    () => getComputedStyle(window.__frontline!.compareMap!.getContainer().parentElement!).clipPath,
  );
}

/** The layers both maps share: the inline basemap, oblasts, focus areas and the focus-area selection. */
const SHARED_LAYERS = [
  'basemap-land',
  'basemap-borders',
  'oblasts-fill',
  'oblasts-outline',
  'oblasts-contested-outline',
  'focus-areas-outline',
  'focus-selection-fill',
  'focus-selection-line',
  'my-areas-fill',
  'my-areas-line',
];

async function expectAOnMainAndBOnSecond(page: Page): Promise<void> {
  await expect.poll(() => hasCompareMap(page)).toBe(true);
  await waitIdle(page, 'compareMap');
  await expect
    .poll(() => idsOn(page, 'compareMap', 'compare-'))
    .toEqual(['compare-b-fill', 'compare-b-line']);
  expect(await idsOn(page, 'map', 'compare-')).toEqual(['compare-a-fill', 'compare-a-line']);
  for (const which of ['map', 'compareMap'] as const) {
    const ids = await idsOn(page, which, '');
    expect(ids, which).toEqual(expect.arrayContaining(SHARED_LAYERS));
    // Nothing but A and B: no pinned, timeline or change layers to be mistaken for either date.
    expect(
      ids.filter((id) => /^(snapshot|timeline|change|user)-/u.test(id)),
      which,
    ).toEqual([]);
  }
  await waitIdle(page, 'map');
  await waitIdle(page, 'compareMap');
  expect(await renderedOn(page, 'map', 'compare-a-fill')).toBeGreaterThan(0);
  expect(await renderedOn(page, 'compareMap', 'compare-b-fill')).toBeGreaterThan(0);
  expect(await renderedOn(page, 'compareMap', 'oblasts-fill')).toBeGreaterThan(0);
  // Each map holds its own date's polygons: the two sources differ.
  const same = await page.evaluate(() => {
    const data = (w: 'map' | 'compareMap', id: string) =>
      JSON.stringify((window.__frontline![w]!.getSource(id)!.serialize() as { data: unknown }).data);
    return data('map', 'compare-a') === data('compareMap', 'compare-b');
  });
  expect(same).toBe(false);
  await expect(page.getByTestId('map-label-a')).toContainText('A before: 2025-08-15');
  await expect(page.getByTestId('map-label-b')).toContainText('B after: 2025-11-20');
  await expect(page.getByTestId('map-label-a')).toContainText('Occupied since 24 Feb 2022');
  await expect(page.getByTestId('map-label-b')).toContainText('Occupied since 24 Feb 2022');
}

async function expectInStep(page: Page): Promise<void> {
  const [a, b] = await Promise.all([cameraOf(page, 'map'), cameraOf(page, 'compareMap')]);
  expect(b.lng).toBeCloseTo(a.lng, 6);
  expect(b.lat).toBeCloseTo(a.lat, 6);
  expect(b.zoom).toBeCloseTo(a.zoom, 6);
}

test.describe('swipe and side-by-side comparison, selected focus area (reference mirror, daily archive)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  test('swipe: A left of a divider moved by keyboard and mouse, B right; cameras synced; the second map goes', async ({
    page,
    pageErrors,
  }) => {
    // Count WebGL contexts made and released: leaving the view must free the second map's (map.remove()).
    await page.addInitScript(() => {
      const counts = { made: 0, lost: 0 };
      Object.assign(window, { __gl: counts });
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, ...args: unknown[]) {
        const ctx = (original as (...a: unknown[]) => unknown).apply(this, args);
        if (ctx && String(args[0]).startsWith('webgl') && !this.dataset['counted']) {
          this.dataset['counted'] = '1';
          counts.made++;
          this.addEventListener('webglcontextlost', () => counts.lost++);
        }
        return ctx;
      } as typeof original;
    });
    await openCompared(page);
    expect(await hasCompareMap(page)).toBe(false);
    await page.getByRole('radio', { name: 'Swipe' }).check();
    await expectAOnMainAndBOnSecond(page);
    expect(new URL(page.url()).searchParams.get('cmp')).toBe('swipe');
    await expect(page.locator('.map .maplibregl-canvas')).toHaveCount(2);

    // The divider starts in the middle: A answers the pointer on the left, B on the right.
    const slider = page.getByRole('slider', { name: /^Swipe divider: A \(2025-08-15\) on the left/u });
    await expect(slider).toHaveAttribute('aria-valuenow', '50');
    expect(await clipOfCompareMap(page)).toBe('inset(0px 0px 0px 50%)');
    expect(await mapAt(page, 0.25)).toBe('map');
    expect(await mapAt(page, 0.75)).toBe('compareMap');

    // Keyboard.
    await slider.focus();
    await slider.press('ArrowLeft');
    await expect(slider).toHaveAttribute('aria-valuenow', '48');
    expect(await slider.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
    await slider.press('PageDown');
    await expect(slider).toHaveAttribute('aria-valuenow', '38');
    await slider.press('ArrowUp');
    await expect(slider).toHaveAttribute('aria-valuenow', '40');
    await expect(slider).toHaveAttribute('aria-valuetext', '40% A (2025-08-15), 60% B (2025-11-20)');
    expect(await clipOfCompareMap(page)).toBe('inset(0px 0px 0px 40%)');
    await slider.press('Home');
    await expect(slider).toHaveAttribute('aria-valuenow', '0');
    expect(await mapAt(page, 0.1)).toBe('compareMap');
    await slider.press('End');
    await slider.press('ArrowRight');
    await expect(slider).toHaveAttribute('aria-valuenow', '100');
    expect(await mapAt(page, 0.9)).toBe('map');
    for (let i = 0; i < 5; i++) await slider.press('PageDown');
    await expect(slider).toHaveAttribute('aria-valuenow', '50');

    // Mouse: drag the divider to a quarter of the width.
    const wrap = (await page.locator('.map-wrap').boundingBox())!;
    const handle = (await slider.boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(wrap.x + wrap.width * 0.25, handle.y + handle.height / 2 + 40, { steps: 8 });
    await page.mouse.up();
    const dragged = Number(await slider.getAttribute('aria-valuenow'));
    expect(Math.abs(dragged - 25)).toBeLessThan(1);
    expect(await mapAt(page, 0.2)).toBe('map');
    expect(await mapAt(page, 0.3)).toBe('compareMap');

    // Cameras: moving the main map moves B, and dragging B (right of the divider) moves the main map.
    await page.evaluate(() => window.__frontline!.map.jumpTo({ center: [37.5, 48.2], zoom: 7 }));
    await expectInStep(page);
    expect((await cameraOf(page, 'compareMap')).zoom).toBeCloseTo(7, 6);
    const before = await cameraOf(page, 'map');
    await page.mouse.move(wrap.x + wrap.width * 0.6, wrap.y + wrap.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(wrap.x + wrap.width * 0.6 - 150, wrap.y + wrap.height * 0.5 + 60, { steps: 10 });
    await page.mouse.up();
    await waitIdle(page, 'compareMap');
    await waitIdle(page, 'map');
    const after = await cameraOf(page, 'map');
    expect(after.lng - before.lng, 'dragging B left pans both east').toBeGreaterThan(0.2);
    await expectInStep(page);
    await page.evaluate(() => window.__frontline!.compareMap!.zoomTo(6.5, { duration: 0 }));
    expect((await cameraOf(page, 'map')).zoom).toBeCloseTo(6.5, 6);

    // Back to the change view: the second map and its WebGL context are gone; pinned layers return.
    await page.getByRole('radio', { name: 'Change' }).check();
    await expect.poll(() => hasCompareMap(page)).toBe(false);
    await expect(page.locator('.map .maplibregl-canvas')).toHaveCount(1);
    await expect(slider).toHaveCount(0);
    await expect(page.getByTestId('map-label-b')).toHaveCount(0);
    await expect.poll(() => idsOn(page, 'map', 'change-')).toEqual(['change-fill', 'change-line']);
    await expect.poll(async () => (await idsOn(page, 'map', 'snapshot-')).length).toBeGreaterThan(0);
    expect(await idsOn(page, 'map', 'compare-')).toEqual([]);
    expect(new URL(page.url()).searchParams.get('cmp')).toBeNull();

    // In and out again a few times: one live map afterwards, every second map's context released.
    for (let i = 0; i < 3; i++) {
      await page.getByRole('radio', { name: i % 2 ? 'Swipe' : 'Side by side' }).check();
      await expect.poll(() => hasCompareMap(page)).toBe(true);
      await waitIdle(page, 'compareMap');
      await page.getByRole('radio', { name: 'B only' }).check();
      await expect.poll(() => hasCompareMap(page)).toBe(false);
    }
    // The main map's three stacked maps (src/ui/map/stackedMaps.ts), and no second map.
    await expect(page.locator('.maplibregl-map')).toHaveCount(3);
    const gl = await page.evaluate(
      () => (window as unknown as { __gl: { made: number; lost: number } }).__gl,
    );
    expect(gl).toEqual({ made: 7, lost: 4 });
    await waitForMapIdle(page);
    expect(await renderedOn(page, 'map', 'compare-b-fill')).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  test('side by side: two synced maps next to each other, each labelled; stacked on a phone', async ({
    page,
    pageErrors,
  }) => {
    await openCompared(page);
    const fullWidth = (await page.locator('.map-wrap').boundingBox())!.width;
    await page.getByRole('radio', { name: 'Side by side' }).check();
    await expectAOnMainAndBOnSecond(page);
    await expect(page.getByRole('slider', { name: /Swipe divider/u })).toHaveCount(0);
    const boxA = (await page.getByRole('region', { name: 'Map A (before): 2025-08-15' }).boundingBox())!;
    const boxB = (await page.getByRole('region', { name: 'Map B (after): 2025-11-20' }).boundingBox())!;
    expect(Math.abs(boxA.width - fullWidth / 2)).toBeLessThan(4);
    expect(boxA.x + boxA.width).toBeLessThanOrEqual(boxB.x + 1);
    expect(Math.abs(boxA.y - boxB.y)).toBeLessThan(1);
    // Each label sits on its own map.
    const labelB = (await page.getByTestId('map-label-b').boundingBox())!;
    expect(labelB.x).toBeGreaterThanOrEqual(boxB.x);
    const labelA = (await page.getByTestId('map-label-a').boundingBox())!;
    expect(labelA.x + labelA.width).toBeLessThanOrEqual(boxB.x);
    expect(await mapAt(page, 0.25)).toBe('map');
    expect(await mapAt(page, 0.75)).toBe('compareMap');
    // The canvases follow their halves (MapLibre resized the main map).
    await expect
      .poll(() => page.evaluate(() => window.__frontline!.map.getCanvas().clientWidth))
      .toBeLessThan(fullWidth / 2 + 4);

    await page.evaluate(() => window.__frontline!.compareMap!.jumpTo({ center: [36.9, 50.2], zoom: 8 }));
    await expectInStep(page);
    const wrap = (await page.locator('.map-wrap').boundingBox())!;
    await page.mouse.move(wrap.x + wrap.width * 0.25, wrap.y + wrap.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(wrap.x + wrap.width * 0.25, wrap.y + wrap.height * 0.5 + 120, { steps: 10 });
    await page.mouse.up();
    await waitIdle(page, 'map');
    expect((await cameraOf(page, 'compareMap')).lat, 'dragging A down pans both north').toBeGreaterThan(50.3);
    await expectInStep(page);

    await page.getByRole('radio', { name: 'A only' }).check();
    await expect.poll(() => hasCompareMap(page)).toBe(false);
    await expect
      .poll(async () => (await page.getByRole('region', { name: /^Map of Ukraine/u }).boundingBox())!.width)
      .toBeGreaterThan(fullWidth - 2);
    await expect(page.locator('.map .maplibregl-canvas')).toHaveCount(1);
    expect(pageErrors).toEqual([]);
  });

  test('the PNG shows both maps as on screen: side by side, and split at the swipe divider', async ({
    page,
  }) => {
    const png = async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'PNG', exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('frontline_archive_2025-08-15_2025-11-20.png');
      return readFileSync((await download.path())!);
    };
    const canvasWidths = () =>
      page.evaluate(() => [
        window.__frontline!.map.getCanvas().width,
        window.__frontline!.compareMap!.getCanvas().width,
      ]);

    await openCompared(page, '?source=archive&cmp=side');
    await waitIdle(page, 'compareMap');
    const [a, b] = await canvasWidths();
    const side = await pngShares(page, await png(), [0xd4, 0xe4, 0xee], 2);
    expect(Math.abs(side.width - (a! + b!)), 'both maps, side by side').toBeLessThanOrEqual(2);
    expect(side.share, 'sea in the picture').toBeGreaterThan(0.01);

    await page.getByRole('radio', { name: 'Swipe' }).check();
    await waitIdle(page, 'compareMap');
    const slider = page.getByRole('slider', { name: /^Swipe divider/u });
    await slider.focus();
    await slider.press('PageDown');
    await slider.press('PageDown');
    await expect(slider).toHaveAttribute('aria-valuenow', '30');
    const [full] = await canvasWidths();
    const at = Math.round(full! * 0.3);
    const swipe = await pngShares(page, await png(), [0x11, 0x11, 0x11], 8, [
      at,
      at + 40,
      Math.round(full! * 0.7),
    ]);
    expect(swipe.width, 'one map wide: B over A').toBe(full);
    const [divider, besideIt, farRight] = swipe.columnShares;
    expect(divider, 'the divider drawn at 30% of the width, the height of the map').toBeGreaterThan(0.75);
    expect(besideIt!).toBeLessThan(0.3);
    expect(farRight!).toBeLessThan(0.3);
  });

  test('side by side on a 390 px phone: the maps are stacked', async ({ page, pageErrors }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openCompared(page, '?source=archive&cmp=side');
    await expectAOnMainAndBOnSecond(page);
    const boxA = (await page.getByRole('region', { name: /^Map A \(before\)/u }).boundingBox())!;
    const boxB = (await page.getByRole('region', { name: /^Map B \(after\)/u }).boundingBox())!;
    expect(boxA.width).toBeGreaterThan(380);
    expect(Math.abs(boxA.x - boxB.x)).toBeLessThan(1);
    expect(boxA.y + boxA.height).toBeLessThanOrEqual(boxB.y + 1);
    expect(boxB.height).toBeGreaterThan(150);
    const labelB = (await page.getByTestId('map-label-b').boundingBox())!;
    expect(labelB.y).toBeGreaterThanOrEqual(boxB.y);
    expect(await mapAt(page, 0.5, 0.25)).toBe('map');
    expect(await mapAt(page, 0.5, 0.75)).toBe('compareMap');
    expect(pageErrors).toEqual([]);
  });

  test('a focus area picked from the list or clicked on the map: flown to, highlighted, its figures shown', async ({
    page,
    pageErrors,
  }) => {
    await openCompared(page);
    const pick = page.getByLabel('Focus area', { exact: true });
    await expect(pick).toHaveValue('');
    await pick.selectOption({ label: 'Kupiansk' });
    await expect.poll(() => new URL(page.url()).searchParams.get('focus')).toBe('kupiansk');
    await waitForMapIdle(page);
    const cam = await cameraOf(page, 'map');
    expect(Math.abs(cam.lng - 37.61581)).toBeLessThan(0.05);
    expect(Math.abs(cam.lat - 49.71003)).toBeLessThan(0.05);
    expect(cam.zoom).toBeGreaterThan(9);
    expect(await page.evaluate(() => window.__frontline!.map.getFilter('focus-selection-line'))).toEqual([
      '==',
      ['get', 'id'],
      'kupiansk',
    ]);
    const lit = await page.evaluate(() =>
      window
        .__frontline!.map.queryRenderedFeatures({ layers: ['focus-selection-line'] })
        .map((f) => f.properties['id'] as string),
    );
    expect([...new Set(lit)]).toEqual(['kupiansk']);
    // Its figures, prominently, equal to its row in the comparison's focus-area table (which is highlighted).
    const row = page.getByRole('group', { name: /^Change from/u }).getByRole('row', { name: /^Kupiansk/u });
    await expect(row).toHaveClass(/selected/u);
    const cells = await row.getByRole('cell').allTextContents();
    const figures = page.getByRole('group', { name: 'Change in Kupiansk from 2025-08-15 to 2025-11-20' });
    await expect(figures.getByTestId('focus-gained')).toHaveText(cells[0]!);
    await expect(figures.getByTestId('focus-lost')).toHaveText(cells[1]!);
    await expect(figures.getByTestId('focus-net')).toHaveText(cells[2]!);
    expect(Number(cells[0]!.replace(/,/gu, ''))).toBeGreaterThan(0);

    // A click on another circle selects it.
    await page.evaluate(() => window.__frontline!.map.jumpTo({ center: [36.94108, 50.29078], zoom: 10 }));
    await waitForMapIdle(page);
    const canvas = (await page.locator('.map-wrap .map .maplibregl-canvas').boundingBox())!;
    await page.mouse.click(canvas.x + canvas.width / 2 + 20, canvas.y + canvas.height / 2 + 20);
    await expect(pick).toHaveValue('vovchansk');
    await expect(page.getByRole('group', { name: /^Change in Vovchansk from/u })).toBeVisible();
    await expect.poll(() => new URL(page.url()).searchParams.get('focus')).toBe('vovchansk');
    // A click outside every circle leaves the selection alone.
    await page.mouse.click(canvas.x + 40, canvas.y + canvas.height - 60);
    await expect(pick).toHaveValue('vovchansk');
    await pick.selectOption({ label: 'None selected' });
    await expect.poll(() => new URL(page.url()).searchParams.get('focus')).toBeNull();
    await expect.poll(() => renderedOn(page, 'map', 'focus-selection-line')).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  test('a permalink with cmp=swipe&focus=… restores both; a view in the link wins over flying; bad values fall back', async ({
    page,
    pageErrors,
  }) => {
    await openCompared(page, '?source=archive&cmp=swipe&focus=pokrovsk-area');
    await expect(page.getByRole('radio', { name: 'Swipe' })).toBeChecked();
    await expectAOnMainAndBOnSecond(page);
    await expect(page.getByRole('slider', { name: /^Swipe divider/u })).toBeVisible();
    await expect(page.getByLabel('Focus area', { exact: true })).toHaveValue('pokrovsk-area');
    await expect(
      page.getByRole('group', { name: 'Change in Pokrovsk area from 2025-08-15 to 2025-11-20' }),
    ).toBeVisible();
    // No view in the link: the map flew to the focus area, and B followed.
    await expect
      .poll(async () => {
        const c = await cameraOf(page, 'map');
        return Math.hypot(c.lng - 37.17706, c.lat - 48.28014) < 0.05 && c.zoom > 8;
      })
      .toBe(true);
    await waitIdle(page, 'map');
    await waitIdle(page, 'compareMap');
    await expectInStep(page);
    for (const which of ['map', 'compareMap'] as const) {
      const lit = await page.evaluate(
        (w) =>
          window
            .__frontline![w]!.queryRenderedFeatures({ layers: ['focus-selection-line'] })
            .map((f) => f.properties['id'] as string),
        which,
      );
      expect([...new Set(lit)], which).toEqual(['pokrovsk-area']);
    }
    const url = new URL(page.url());
    expect(url.searchParams.get('cmp')).toBe('swipe');
    expect(url.searchParams.get('focus')).toBe('pokrovsk-area');

    // With a view, the link's view is kept (no flight).
    await openCompared(page, '?source=archive&cmp=side&focus=kupiansk&view=6/48.5/36');
    await expect(page.getByRole('radio', { name: 'Side by side' })).toBeChecked();
    await expect.poll(() => hasCompareMap(page)).toBe(true);
    await expect(page.getByLabel('Focus area', { exact: true })).toHaveValue('kupiansk');
    await waitIdle(page, 'map');
    const cam = await cameraOf(page, 'map');
    expect(cam.zoom).toBeCloseTo(6, 1);
    expect(cam.lat).toBeCloseTo(48.5, 1);

    await page.goto('/?source=archive&cmp=curtain&focus=atlantis');
    await expect(page.getByText('comparison view "curtain" is not one of')).toBeVisible();
    await expect(page.getByText('focus area "atlantis" is not one of the 10 focus areas')).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Change' })).toBeChecked();
    await expect(page.getByLabel('Focus area', { exact: true })).toHaveValue('');
    expect(await hasCompareMap(page)).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
