import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  drawnFrames,
  expect,
  hasReference,
  layerIds,
  NO_REFERENCE_REASON,
  renderedLabels,
  test,
  UNREACHABLE_URL,
  waitForMapIdle,
} from './fixtures.ts';

/** Opens the app and waits for the default layer (the newest version in the mirror that loads: 2025-08-01). */
async function openWithDefaultLayer(page: Page): Promise<void> {
  await page.goto('/');
  await waitForMapIdle(page);
  await expect.poll(() => layerIds(page, 'snapshot-2025-08-01')).toHaveLength(2);
}

test.describe('map with dated DeepState layers (reference mirror)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  test('opens, reaches idle, shows boundaries, focus areas and the default layer', async ({
    page,
    pageErrors,
  }) => {
    await page.goto('/');
    await waitForMapIdle(page);
    expect(await layerIds(page, 'oblasts-')).toEqual([
      'oblasts-fill',
      'oblasts-outline',
      'oblasts-contested-outline',
    ]);
    expect(await layerIds(page, 'focus-areas')).toEqual(['focus-areas-outline']);
    await expect.poll(() => renderedLabels(page, ['oblast-labels'])).toContain('Donetsk');
    // Focus-area labels appear from zoom 5.5 (HTML labels have no collision detection).
    await expect(page.locator('.focus-label', { hasText: 'Pokrovsk area' })).toBeHidden();
    await page.evaluate(() => window.__frontline!.map.jumpTo({ center: [37.4, 48.4], zoom: 7 }));
    await expect(page.locator('.focus-label', { hasText: 'Pokrovsk area' })).toBeVisible();
    // The mirror holds the first version of each month up to 2025-08: the newest that loads is 2025-08-01,
    // which is also the nearest to the Alaska summit that loads.
    await expect(page.getByRole('checkbox', { name: /2025-08-01/u })).toBeChecked();
    await expect
      .poll(() => layerIds(page, 'snapshot-'))
      .toEqual(['snapshot-2025-08-01-1754077960-fill', 'snapshot-2025-08-01-1754077960-line']);
    await expect(page.getByRole('article', { name: 'Areas on 2025-08-01' })).toContainText('70,309');
    expect(pageErrors).toEqual([]);
  });

  test('a checkbox adds and removes its date’s layers', async ({ page }) => {
    await openWithDefaultLayer(page);
    await page.getByRole('searchbox', { name: 'Find a date or event' }).fill('2025-04');
    const box = page.getByRole('checkbox', { name: /2025-04-01/u });
    await box.check();
    await expect
      .poll(() => layerIds(page, 'snapshot-2025-04-01'))
      .toEqual(['snapshot-2025-04-01-1743539135-fill', 'snapshot-2025-04-01-1743539135-line']);
    await waitForMapIdle(page);
    const rendered = await page.evaluate(
      () =>
        window.__frontline!.map.queryRenderedFeatures({ layers: ['snapshot-2025-04-01-1743539135-fill'] })
          .length,
    );
    expect(rendered).toBeGreaterThan(0);
    await box.uncheck();
    await expect.poll(() => layerIds(page, 'snapshot-2025-04-01')).toEqual([]);
    // The default layer is untouched.
    expect(await layerIds(page, 'snapshot-2025-08-01')).toHaveLength(2);
  });

  test('a version missing from the source shows its own error; other layers are unaffected', async ({
    page,
  }) => {
    await openWithDefaultLayer(page);
    await page.getByRole('searchbox', { name: 'Find a date or event' }).fill('2025-08-15');
    await page
      .getByRole('checkbox', { name: /2025-08-15/u })
      .first()
      .check();
    await expect(page.getByRole('alert').filter({ hasText: 'not published (404)' }).first()).toBeVisible();
    expect(await layerIds(page, 'snapshot-2025-08-15')).toEqual([]);
    expect(await layerIds(page, 'snapshot-2025-08-01')).toHaveLength(2);
  });

  test('Export CSV downloads the visible dates with plausible areas', async ({ page }) => {
    await openWithDefaultLayer(page);
    await page.getByRole('searchbox', { name: 'Find a date or event' }).fill('2024-01-01');
    await page.getByRole('checkbox', { name: /2024-01-01/u }).check();
    await expect(page.getByRole('article', { name: 'Areas on 2024-01-01' }).locator('table')).toBeVisible();
    await expect(page.getByRole('article', { name: 'Areas on 2025-08-01' }).locator('table')).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('frontline_deepstate-api_areas_2024-01-01_2025-08-01.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r\n/u);
    expect(lines[0]).toMatch(/^# frontline .*area model: WGS84 ellipsoid/u);
    expect(lines[1]).toBe(
      'date,version_id,source,region_iso,region,occupied_km2,occupied_pre2022_km2,grey_km2,liberated_km2',
    );
    const totals = lines.filter((l) => l.includes(',UA,'));
    expect(totals.map((l) => l.split(',')[0])).toEqual(expect.arrayContaining(['2024-01-01', '2025-08-01']));
    for (const line of totals) {
      const occupied = Number(line.split(',')[5]);
      expect(line.split(',')[5]).toMatch(/^\d+\.\d{2}$/u);
      expect(occupied).toBeGreaterThan(60_000);
      expect(occupied).toBeLessThan(75_000);
    }
    // Four contested oblasts per date, after the total row.
    expect(lines.filter((l) => /,UA-(09|14|23|65),/u.test(l))).toHaveLength(8);
  });

  test('on a 390 px phone the scale bar and the attribution are both in view, apart', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/?source=archive');
    await waitForMapIdle(page);
    const scale = await page.locator('.maplibregl-ctrl-scale').boundingBox();
    const attribution = await page.locator('.maplibregl-ctrl-attrib').boundingBox();
    const map = await page.locator('.map .maplibregl-canvas').boundingBox();
    for (const box of [scale!, attribution!]) {
      expect(box.x).toBeGreaterThanOrEqual(map!.x);
      expect(box.x + box.width).toBeLessThanOrEqual(map!.x + map!.width + 0.5);
      expect(box.y + box.height).toBeLessThanOrEqual(map!.y + map!.height + 0.5);
    }
    expect(scale!.y + scale!.height, 'scale bar above the attribution').toBeLessThanOrEqual(
      attribution!.y + 0.5,
    );
    await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('DeepStateMap');
  });

  test('layers of different sources share their tile clipping masks and draw the very same picture', async ({
    page,
  }) => {
    // On the top map of the stack (src/ui/map/stackedMaps.ts): two pinned dates, the change layer, the oblasts'
    // outlines, focus areas, the front line and the places: many sources with the same tiles.
    await page.goto('/?source=archive&t=2025-01-01');
    await expect(page.getByTestId('timeline-area')).toBeVisible();
    await expect.poll(() => layerIds(page, 'change-')).toEqual(['change-fill', 'change-line']);
    // And one source cut into other tiles (maxzoom 5: overscaled from zoom 5 tiles at zoom 7), between the others:
    // its layer must get masks of its own tiles, never the ones in the stencil from the layer below.
    await page.evaluate(() => {
      const map = window.__frontline!.map;
      map.addSource('mask-check', {
        type: 'geojson',
        maxzoom: 5,
        data: {
          type: 'Polygon',
          coordinates: [
            [
              [30, 45],
              [40, 45],
              [40, 51],
              [30, 51],
              [30, 45],
            ],
          ],
        },
      });
      map.addLayer(
        {
          id: 'mask-check',
          type: 'fill',
          source: 'mask-check',
          paint: { 'fill-color': '#00ff00', 'fill-opacity': 0.3 },
        },
        'focus-areas-outline',
      );
    });
    /** One frame drawn with mask sharing on or off: whether it was active, its GL draw calls, and its pixels. */
    const frame = async (on: boolean) => {
      const active = await page.evaluate((on) => window.__frontline!.shareClippingMasks!(on), on);
      const [drawn] = await drawnFrames(page, ['map']);
      return { active, ...drawn! };
    };
    for (const view of [null, { center: [37.4, 48.4] as [number, number], zoom: 7.3 }]) {
      if (view) await page.evaluate((v) => window.__frontline!.map.jumpTo(v), view);
      await waitForMapIdle(page);
      const off = await frame(false);
      const on = await frame(true);
      expect(off.active).toBe(false);
      expect(on.active, 'sharing works with this MapLibre version').toBe(true);
      expect(on.draws, 'fewer draw calls: masks drawn once, not once per source').toBeLessThan(off.draws);
      expect(on.png.length).toBeGreaterThan(10_000);
      expect(on.png === off.png, 'identical pixels with and without sharing').toBe(true);
    }
  });
});

test('with the source unreachable the app still opens and says how to use a local copy', async ({
  page,
  pageErrors,
}) => {
  await page.goto(UNREACHABLE_URL);
  await waitForMapIdle(page);
  const notice = page.getByRole('alert').filter({ hasText: 'DeepStateMap is unreachable' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('FRONTLINE_DEEPSTATE_API=');
  expect(await layerIds(page, 'oblasts-')).toHaveLength(3);
  expect(await layerIds(page, 'focus-areas')).toHaveLength(1);
  expect(pageErrors).toEqual([]);
});

test('a link’s date and pinned versions stay in the address bar while the source fails, for a reload or Try again', async ({
  page,
}) => {
  await page.goto(`${UNREACHABLE_URL}?t=2025-03-03&pin=1754077960,1743539135`);
  await expect(page.getByRole('alert').filter({ hasText: 'DeepStateMap is unreachable' })).toBeVisible();
  // Past the permalink writer's 0.5 s pause for date-only changes.
  await page.waitForTimeout(800);
  const params = new URL(page.url()).searchParams;
  expect(params.get('t')).toBe('2025-03-03');
  expect(params.get('pin')).toBe('1754077960,1743539135');
});
