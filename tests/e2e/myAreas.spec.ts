/**
 * Areas of your own (issue #5) in a real browser against the reference mirror: draw a polygon around Pokrovsk with
 * the mouse, name it, and find its figures equal to `frontline change --areas` on the exported file; it survives a
 * reload; a hostile name stays text; a broken import changes nothing; corrupt storage is set aside with a notice;
 * circles, Escape and the keyboard path work; no page errors or CSP violations (fixtures.ts).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parseGeoJsonText, parseUserAreas } from '../../src/core/index.ts';
import { boxPolygon } from '../support/shapes.ts';
import {
  cliChange,
  expect,
  hasReference,
  layerIds,
  NO_REFERENCE_REASON,
  openCompared,
  test,
  waitForMapIdle,
} from './fixtures.ts';

const fmt = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signed = (n: number): string => `${n > 0 ? '+' : ''}${fmt.format(n)}`;
const KEY = 'frontline.myAreas.v1';
const HOSTILE = '<img src=x onerror=alert(1)>';

interface Row {
  iso: string;
  name: string;
  gainedKm2: number;
  lostKm2: number;
  netKm2: number;
}

const figuresText = (r: Row): string =>
  `gained ${fmt.format(r.gainedKm2)} · lost ${fmt.format(r.lostKm2)} · net ${signed(r.netKm2)} km²`;

/** Clicks the map at a longitude and latitude. */
async function clickAt(page: Page, lngLat: [number, number]): Promise<void> {
  const box = (await page.locator('.map').first().boundingBox())!;
  const p = await page.evaluate((ll) => window.__frontline!.map.project(ll), lngLat);
  await page.mouse.click(box.x + p.x, box.y + p.y);
}

async function lookAtPokrovsk(page: Page): Promise<void> {
  await page.evaluate(() => window.__frontline!.map.jumpTo({ center: [37.18, 48.3], zoom: 9 }));
  await waitForMapIdle(page);
}

async function download(page: Page, name: string): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, 'utf8') };
}

/** A file of one named area, a box from west, south, east and north, for the import picker. */
const boxFile = (name: string, w: number, s: number, e: number, n: number) => ({
  name: 'box.geojson',
  mimeType: 'application/geo+json',
  buffer: Buffer.from(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name }, geometry: boxPolygon(w, s, e, n) }],
    }),
  ),
});

const storedText = (page: Page) => page.evaluate((k) => localStorage.getItem(k), KEY);

test.describe('your areas (reference mirror, daily archive)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  test('draw a polygon around Pokrovsk and name it: figures equal the CLI’s on the exported file, kept across a reload', async ({
    page,
    pageErrors,
  }) => {
    test.setTimeout(180_000); // two full comparisons, the CLI and a reload: slow on a shared 2-core machine
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await openCompared(page);
    await lookAtPokrovsk(page);

    const panel = page.getByRole('region', { name: 'Your areas' });
    await panel.getByRole('button', { name: 'Draw polygon' }).click();
    await expect(panel.getByRole('button', { name: 'Draw polygon' })).toHaveAttribute('aria-pressed', 'true');
    const corners: [number, number][] = [
      [36.95, 48.12],
      [37.45, 48.12],
      [37.45, 48.45],
      [36.95, 48.45],
    ];
    for (const c of corners) await clickAt(page, c);
    await clickAt(page, corners[0]!); // the closing point
    await expect(panel.getByRole('button', { name: 'Draw polygon' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );

    // The new area's name field has the focus: name it (a hostile name, which must stay text).
    const name = panel.getByRole('textbox', { name: 'Name of area 1' });
    await expect(name).toBeFocused();
    await expect(name).toHaveValue('Area 1');
    await name.fill(HOSTILE);
    await name.press('Enter');
    expect(await layerIds(page, 'my-areas-')).toEqual(['my-areas-fill', 'my-areas-line']);
    await expect(page.locator('.my-area-label')).toHaveText(HOSTILE);

    // Export: a file `change --areas` reads, with the area and its name.
    await expect(panel.getByTestId('my-area-figures')).toBeVisible({ timeout: 60_000 });
    const file = await download(page, 'Export GeoJSON');
    expect(file.name).toBe('frontline_my-areas.geojson');
    const parsed = parseGeoJsonText(file.text, { label: file.name });
    expect(parsed.ok).toBe(true);
    const areas = parsed.ok ? parseUserAreas(parsed.value, { label: file.name }) : parsed;
    expect(areas.ok && areas.warnings).toEqual([]);
    expect(areas.ok && areas.value.map((a) => a.properties)).toEqual([{ id: 'user-1', name_en: HOSTILE }]);
    const dir = mkdtempSync(join(tmpdir(), 'frontline-my-areas-'));
    writeFileSync(join(dir, file.name), file.text);

    // The figures in the panel and in the comparison's table equal the CLI's for the same dates and file.
    const cli = cliChange<{ byFocusArea: Row[] }>(
      '2025-08-15',
      '2025-11-20',
      '--areas',
      join(dir, file.name),
    ).byFocusArea.find((r) => r.iso === 'user-1')!;
    expect(cli.name).toBe(HOSTILE);
    expect(cli.gainedKm2).toBeGreaterThan(50); // Pokrovsk fell in this window: real change inside the area
    await expect(panel.getByTestId('my-area-figures')).toHaveText(figuresText(cli));
    const row = page.getByTestId('my-areas-table').getByRole('row', { name: HOSTILE });
    await expect(row).toContainText(fmt.format(cli.gainedKm2));
    await expect(row).toContainText(signed(cli.netKm2));
    await expect(panel).toContainText('Area model: WGS84 ellipsoid');
    // The comparison's own JSON export lists the area where the CLI does: after the focus areas, as user-1.
    const json = JSON.parse((await download(page, 'JSON')).text) as { byFocusArea: Row[] };
    expect(json.byFocusArea.at(-1)).toEqual(cli);

    // Reload: the area is back, named, with the same figures.
    await page.reload();
    await waitForMapIdle(page);
    await expect(panel.getByRole('textbox', { name: 'Name of area 1' })).toHaveValue(HOSTILE);
    await expect(panel.getByTestId('my-area-figures')).toHaveText(figuresText(cli), { timeout: 60_000 });

    // Nothing ran: no dialog, no <img> made from the name.
    expect(dialogs).toEqual([]);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  test('import: a broken file changes nothing and lists its problem; a good one adds its areas; delete and undo', async ({
    page,
  }) => {
    await openCompared(page);
    const panel = page.getByRole('region', { name: 'Your areas' });
    const picker = panel.getByLabel('Import areas (GeoJSON)');
    await picker.setInputFiles(boxFile('Myrnohrad box', 37.2, 48.25, 37.35, 48.35));
    await expect(panel.getByRole('textbox', { name: 'Name of area 1' })).toHaveValue('Myrnohrad box');
    await expect(panel.getByTestId('my-area-figures')).toBeVisible({ timeout: 60_000 });
    const before = await storedText(page);
    expect(before).toContain('Myrnohrad box');

    await picker.setInputFiles({
      name: 'broken.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from('{"type":"FeatureCollection","features":['),
    });
    const alert = panel.getByRole('alert').filter({ hasText: 'Nothing was changed' });
    await expect(alert).toContainText(
      'broken.geojson: the file is not valid JSON: it ends before the JSON is complete',
    );
    await expect(panel.getByRole('textbox', { name: /^Name of area/u })).toHaveCount(1);
    expect(await storedText(page)).toBe(before);

    // Delete, then undo: the area comes back in place, and storage follows.
    await panel.getByRole('button', { name: 'Delete Myrnohrad box' }).click();
    await expect(panel.getByRole('textbox', { name: /^Name of area/u })).toHaveCount(0);
    expect(await storedText(page)).toBeNull();
    await panel.getByRole('button', { name: 'Undo' }).click();
    await expect(panel.getByRole('textbox', { name: 'Name of area 1' })).toHaveValue('Myrnohrad box');
    expect(await storedText(page)).toBe(before);
  });

  test('circle, Escape and the keyboard: every control works without a mouse', async ({ page }) => {
    await openCompared(page);
    await lookAtPokrovsk(page);
    const panel = page.getByRole('region', { name: 'Your areas' });

    // A circle with the mouse: the centre, then a point on the rim.
    await panel.getByRole('button', { name: 'Draw circle' }).click();
    await clickAt(page, [37.18, 48.28]);
    await clickAt(page, [37.3, 48.28]);
    await expect(panel.getByRole('textbox', { name: 'Name of area 1' })).toBeFocused();

    // Escape stops drawing and drops the unfinished polygon.
    await panel.getByRole('button', { name: 'Draw polygon' }).click();
    await clickAt(page, [37.0, 48.0]);
    await clickAt(page, [37.2, 48.0]);
    await page.keyboard.press('Escape');
    await expect(panel.getByRole('button', { name: 'Draw polygon' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    await expect(panel.getByRole('textbox', { name: /^Name of area/u })).toHaveCount(1);

    // Keyboard only: start and stop drawing from "Draw polygon"; add a circle at the map centre.
    const draw = panel.getByRole('button', { name: 'Draw polygon' });
    await draw.focus();
    await page.keyboard.press('Enter');
    await expect(draw).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(panel.getByRole('button', { name: 'Stop drawing (Esc)' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(draw).toHaveAttribute('aria-pressed', 'false');
    await expect(draw).toBeFocused(); // Stop disabled itself; the focus went back, not to nowhere
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab'); // past "Draw circle" (Stop is disabled) to the summary
    await expect(panel.getByText('Without a mouse: a circle around the map centre')).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(panel.getByRole('spinbutton', { name: 'Radius (km)' })).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('7.5');
    await page.keyboard.press('Enter');
    const second = panel.getByRole('textbox', { name: 'Name of area 2' });
    await expect(second).toBeFocused();
    await page.keyboard.type('Keyboard circle');
    await page.keyboard.press('Enter');
    await expect(page.locator('.my-area-label').filter({ hasText: 'Keyboard circle' })).toHaveCount(1);
    await page.keyboard.press('Tab');
    await expect(panel.getByRole('button', { name: 'Zoom to Keyboard circle' })).toBeFocused();
    await page.keyboard.press('Enter');
    await waitForMapIdle(page);
    // A 7.5 km circle fills the view: the map zoomed in on it (from zoom 9).
    expect(await page.evaluate(() => window.__frontline!.map.getZoom())).toBeGreaterThan(9.5);
    await page.keyboard.press('Tab');
    await expect(panel.getByRole('button', { name: 'Delete Keyboard circle' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(panel.getByRole('textbox', { name: /^Name of area/u })).toHaveCount(1);
    await expect(panel.getByRole('button', { name: 'Undo' })).toBeFocused();
  });

  test('corrupt or hostile storage: a readable notice, the text kept aside, the app working', async ({
    page,
  }) => {
    const junk = '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"<script>';
    await page.addInitScript(
      ([k, v]) => {
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem(k!, v!);
          sessionStorage.setItem('seeded', '1');
        }
      },
      [KEY, junk],
    );
    await openCompared(page);
    const panel = page.getByRole('region', { name: 'Your areas' });
    const notice = panel.getByRole('alert').filter({ hasText: 'Stored areas could not be read back' });
    await expect(notice).toContainText('stored areas: the file is not valid JSON');
    const asideKey = await page.evaluate(() =>
      Object.keys(localStorage).find((k) => k.startsWith('frontline.myAreas.v1.unreadable.')),
    );
    expect(asideKey).toBeTruthy();
    await expect(notice).toContainText(asideKey!);
    expect(await page.evaluate((k) => localStorage.getItem(k), asideKey!)).toBe(junk);
    expect(await storedText(page)).toBeNull();

    // The kept text can be downloaded as it was, then discarded.
    const kept = await download(page, 'Download the stored text');
    expect(kept.text).toBe(junk);
    await notice.getByRole('button', { name: 'Discard it' }).click();
    await expect(notice).toHaveCount(0);
    expect(await page.evaluate((k) => localStorage.getItem(k), asideKey!)).toBeNull();
  });

  test('swipe: an area drawn right of the divider (over map B) is added, and shows on both maps', async ({
    page,
  }) => {
    await openCompared(page, '?source=archive&cmp=swipe');
    await lookAtPokrovsk(page);
    const panel = page.getByRole('region', { name: 'Your areas' });
    await panel.getByRole('button', { name: 'Draw polygon' }).click();
    // East of the centre: all four corners lie right of the divider, where map B is on top.
    const corners: [number, number][] = [
      [37.25, 48.2],
      [37.45, 48.2],
      [37.45, 48.4],
      [37.25, 48.4],
    ];
    const box = (await page.locator('.map-wrap').boundingBox())!;
    for (const c of corners) {
      const x = await page.evaluate((ll) => window.__frontline!.map.project(ll).x, c);
      expect(x, 'right of the divider').toBeGreaterThan(box.width / 2);
    }
    for (const c of [...corners, corners[0]!]) await clickAt(page, c);
    await expect(panel.getByRole('textbox', { name: 'Name of area 1' })).toHaveValue('Area 1');
    await expect
      .poll(() =>
        page.evaluate(
          () => window.__frontline!.compareMap!.queryRenderedFeatures({ layers: ['my-areas-fill'] }).length,
        ),
      )
      .toBeGreaterThan(0);

    // Side by side: the hint says where to draw.
    await page.getByRole('radio', { name: 'Side by side' }).check();
    await panel.getByRole('button', { name: 'Draw polygon' }).click();
    await expect(panel.getByText('Side by side: draw on map A; the area shows on both.')).toBeVisible();
    await panel.getByRole('button', { name: 'Stop drawing (Esc)' }).click();
  });

  test('two tabs: an area added, renamed or deleted in one shows in the other; unreadable text changes nothing', async ({
    page,
    context,
  }) => {
    const other = await context.newPage();
    const otherErrors: string[] = [];
    other.on('pageerror', (e) => otherErrors.push(e.message));
    await openCompared(page);
    await openCompared(other);
    const panel = page.getByRole('region', { name: 'Your areas' });
    const otherPanel = other.getByRole('region', { name: 'Your areas' });
    await panel
      .getByLabel('Import areas (GeoJSON)')
      .setInputFiles(boxFile('Kurakhove box', 37.2, 47.9, 37.4, 48.05));
    await expect(otherPanel.getByRole('textbox', { name: 'Name of area 1' })).toHaveValue('Kurakhove box');
    await expect(otherPanel.getByText('Updated from another tab: 1 area.')).toBeVisible();
    await expect(otherPanel.getByTestId('my-area-figures')).toBeVisible({ timeout: 60_000 });

    // Renamed in the other tab: this one follows, and writes nothing back of its own.
    const name = otherPanel.getByRole('textbox', { name: 'Name of area 1' });
    await name.fill('Kurakhove south');
    await name.press('Enter');
    await expect(panel.getByRole('textbox', { name: 'Name of area 1' })).toHaveValue('Kurakhove south');

    // Text this app would not write (here: not JSON) is ignored by the other tabs; nothing of theirs changes.
    await page.evaluate((k) => localStorage.setItem(k, '{"type":"FeatureCollection","features":['), KEY);
    await other.waitForTimeout(300);
    await expect(otherPanel.getByRole('textbox', { name: 'Name of area 1' })).toHaveValue('Kurakhove south');
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, (await storedText(other))!] as const);

    // Deleted in this tab: gone in the other too (an empty list is stored as no key).
    await panel.getByRole('button', { name: 'Delete Kurakhove south' }).click();
    await expect(otherPanel.getByRole('textbox', { name: /^Name of area/u })).toHaveCount(0);
    await expect(otherPanel.getByText('Updated from another tab: 0 areas.')).toBeVisible();
    expect(otherErrors).toEqual([]);
  });
});
