/**
 * Issue #18: the app without a mouse. A skip link first; Tab order follows the layout (the sidebar top to bottom,
 * then the map); every panel that scrolls takes focus and scrolls by key; the map pans and zooms by key (MapLibre's
 * keyboard handler) with a visible focus ring on its canvas.
 */
import type { Page } from '@playwright/test';
import { expect, hasReference, NO_REFERENCE_REASON, openCompared, test, waitForMapIdle } from './fixtures.ts';

interface Stop {
  /** `out`: focus has left the page (to the browser's own controls) after its last stop. */
  where: 'skip' | 'side' | 'map' | 'other' | 'out';
  label: string;
  /** Top and bottom in the sidebar's content as if nothing were scrolled (sidebar stops only), in CSS pixels. */
  top: number;
  bottom: number;
  /** The sidebar panel that scrolls on its own that the stop is in (empty if none), and its top inside it. */
  panel?: string;
  inner?: number;
}

/** Presses Tab until focus leaves the page or comes back round to the skip link (or `max` presses). */
async function tabStops(page: Page, max = 400): Promise<Stop[]> {
  await page.locator('body').focus();
  const stops: Stop[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((): Stop => {
      const el = document.activeElement as HTMLElement | null;
      const side = document.querySelector('aside.side')!;
      const labelledBy = document.getElementById(el?.getAttribute('aria-labelledby') ?? '')?.textContent;
      const label = (el?.getAttribute('aria-label') ?? labelledBy ?? el?.textContent ?? '')
        .trim()
        .slice(0, 40);
      if (!el || el === document.body) return { where: 'out', label, top: 0, bottom: 0 };
      if (el.classList.contains('skip-link')) return { where: 'skip', label, top: 0, bottom: 0 };
      if (side.contains(el)) {
        // Where it lies with nothing scrolled. A stop inside a panel that scrolls on its own (the reported figures,
        // the dated layers) counts at its panel's place, and in order within the panel.
        const scrolls = (p: HTMLElement) =>
          /auto|scroll/u.test(getComputedStyle(p).overflowY) && p.scrollHeight > p.clientHeight + 1;
        let panel: HTMLElement | null = null;
        for (let p = el.parentElement; p && p !== side; p = p.parentElement) if (scrolls(p)) panel = p;
        const box = (panel ?? el).getBoundingClientRect();
        const offset = side.scrollTop - side.getBoundingClientRect().top;
        const inner = panel ? el.getBoundingClientRect().top - box.top + panel.scrollTop : 0;
        return {
          where: 'side',
          label,
          top: box.top + offset,
          bottom: box.bottom + offset,
          panel: panel
            ? (panel.getAttribute('aria-label') ?? panel.getAttribute('aria-labelledby') ?? '?')
            : '',
          inner,
        };
      }
      return {
        where: document.querySelector('main')!.contains(el) ? 'map' : 'other',
        label,
        top: 0,
        bottom: 0,
      };
    });
    if (stop.where === 'out' || (stop.where === 'skip' && stops.length > 0)) break;
    stops.push(stop);
  }
  return stops;
}

test.describe('keyboard (reference mirror, daily archive)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  test('a skip link comes first and lands on the map, which pans and zooms by key with a focus ring', async ({
    page,
    pageErrors,
  }) => {
    await openCompared(page);
    const skip = page.getByRole('link', { name: 'Skip to the map' });
    // Off screen until focused, then in view.
    expect((await skip.boundingBox())!.y).toBeLessThan(0);
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    await expect(skip).toBeFocused();
    const box = (await skip.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.height).toBeGreaterThan(10);

    await page.keyboard.press('Enter');
    const canvas = page.getByRole('region', { name: 'Map: arrow keys move it, + and − zoom' });
    await expect(canvas).toBeFocused();
    const ring = await canvas.evaluate((c) => {
      const s = getComputedStyle(c);
      return { style: s.outlineStyle, width: s.outlineWidth, visible: c.matches(':focus-visible') };
    });
    expect(ring).toEqual({ style: 'solid', width: '3px', visible: true });

    const camera = () =>
      page.evaluate(() => {
        const m = window.__frontline!.map;
        return { lng: m.getCenter().lng, lat: m.getCenter().lat, zoom: m.getZoom() };
      });
    const before = await camera();
    await page.keyboard.press('ArrowRight');
    await waitForMapIdle(page);
    const right = await camera();
    expect(right.lng).toBeGreaterThan(before.lng + 0.1);
    await page.keyboard.press('ArrowUp');
    await waitForMapIdle(page);
    expect((await camera()).lat).toBeGreaterThan(right.lat + 0.1);
    await page.keyboard.press('Equal');
    await waitForMapIdle(page);
    const zoomedIn = await camera();
    expect(zoomedIn.zoom).toBeCloseTo(before.zoom + 1, 1);
    await page.keyboard.press('Minus');
    await waitForMapIdle(page);
    expect((await camera()).zoom).toBeCloseTo(before.zoom, 1);
    // The map never turns, by key either.
    await page.keyboard.press('Shift+ArrowLeft');
    await waitForMapIdle(page);
    expect(await page.evaluate(() => window.__frontline!.map.getBearing())).toBe(0);
    // The view moved by key is the view in the link.
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toMatch(/^\d/u);
    expect(pageErrors).toEqual([]);
  });

  test('Tab goes down the sidebar in reading order, then to the map; every scrolling panel is a stop', async ({
    page,
    pageErrors,
  }) => {
    // Ukrainian: its longer words make the comparison tables scroll sideways too.
    await openCompared(page, '?source=archive&lang=uk', /^Зміни з/u);
    const stops = await tabStops(page);
    expect(stops[0]!.where).toBe('skip');
    const where = stops.map((s) => s.where);
    const firstMap = where.indexOf('map');
    // Skip link, then the whole sidebar, then the map: nothing of the sidebar after the map, nothing elsewhere.
    expect(where.slice(1, firstMap).every((w) => w === 'side')).toBe(true);
    expect(where.slice(firstMap).every((w) => w === 'map')).toBe(true);
    expect(stops[firstMap]!.label).toBe('Карта: стрілки зсувають її, + і − змінюють масштаб'.slice(0, 40));
    expect(stops.length - firstMap).toBeGreaterThanOrEqual(3); // the canvas, zoom in, zoom out, attribution links
    // Down the sidebar: no stop lies wholly above the one before it (a row may go left to right).
    const side = stops.filter((s) => s.where === 'side');
    expect(side.length).toBeGreaterThan(20);
    const upward = side.filter((s, i) => {
      const prev = side[i - 1];
      if (!prev) return false;
      if (s.panel && s.panel === prev.panel) return s.inner! < prev.inner! - 1;
      return s.bottom <= prev.top;
    });
    expect(upward.map((s) => `${s.label} (after ${side[side.indexOf(s) - 1]!.label})`)).toEqual([]);

    // Every element in the sidebar that scrolls is named and was a Tab stop.
    const scrolling = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('aside.side *')]
        .filter((el) => {
          const s = getComputedStyle(el);
          const y = /auto|scroll/u.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
          const x = /auto|scroll/u.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
          return x || y;
        })
        .map((el) => ({
          label:
            el.getAttribute('aria-label') ??
            document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent ??
            '',
          tabIndex: el.tabIndex,
        })),
    );
    expect(scrolling.length).toBeGreaterThanOrEqual(3);
    for (const s of scrolling) {
      expect(s.label, 'a scrolling panel has a name').not.toBe('');
      expect(s.tabIndex).toBe(0);
    }
    const stopLabels = new Set(side.map((s) => s.label));
    for (const s of scrolling) expect(stopLabels.has(s.label.trim().slice(0, 40)), s.label).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  test('a scrolling panel scrolls by key once focused: dated layers down, a wide table sideways', async ({
    page,
    pageErrors,
  }) => {
    await openCompared(page, '?source=archive&lang=uk', /^Зміни з/u);
    const months = page.getByRole('group', { name: 'Датовані шари' });
    await months.focus();
    await expect(months).toBeFocused();
    const scrollTop = () => months.evaluate((el) => el.scrollTop);
    expect(await scrollTop()).toBe(0);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('PageDown');
    await expect.poll(scrollTop).toBeGreaterThan(20);

    const table = page.getByRole('group', { name: /^За областями/u });
    await table.focus();
    // In Ukrainian at 1280 px the oblast table is wider than the sidebar.
    expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => table.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });
});
