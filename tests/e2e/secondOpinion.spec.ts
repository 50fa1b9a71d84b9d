/**
 * Issue #16 in a real browser against the reference copies: the DeepState archive beside UA Control Map on
 * 2025-09-01 — the figures equal `frontline compare`, the map draws where they disagree in two colours, hovering names
 * area and oblast in plain text, the exports carry the same report, and UA Control Map is credited.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CLI,
  expect,
  hasReference,
  layerIds,
  NO_REFERENCE_REASON,
  openCompared,
  openStateFile,
  pngShares,
  test,
  UNREACHABLE_URL,
  waitForMapIdle,
} from './fixtures.ts';

const fmt = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

interface Report {
  a: { areaKm2: number };
  b: { areaKm2: number };
  bothKm2: number;
  onlyAKm2: number;
  onlyBKm2: number;
  iou: number;
  byOblast: { iso: string; onlyBKm2: number }[];
}

function cliCompare(date: string): Report {
  const ref = resolve(process.env['FRONTLINE_REFERENCE_DATA']!);
  const out = execFileSync(
    process.execPath,
    [
      CLI,
      'compare',
      '--date',
      date,
      '--source',
      'archive',
      '--data',
      resolve(ref, 'deepstate-archive'),
      '--with',
      'owlmaps',
      '--with-data',
      resolve(ref, 'owlmaps-map-data'),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return JSON.parse(out) as Report;
}

test.describe('second opinion: DeepState archive vs UA Control Map (reference copies)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  test('figures equal the CLI, the disagreement is drawn and hoverable, exports and credit', async ({
    page,
    pageErrors,
  }) => {
    const cli = cliCompare('2025-09-01');
    await openCompared(page);
    const panel = page.getByRole('region', { name: 'Second opinion' });
    await panel.getByTestId('opinion-source').selectOption('owlmaps');
    await panel.getByTestId('opinion-date').fill('2025-09-01');
    await panel.getByRole('button', { name: 'Compare sources' }).click();
    await expect(panel.getByTestId('opinion-iou')).toHaveText(`${(cli.iou * 100).toFixed(1)}%`, {
      timeout: 60_000,
    });
    await expect(panel.getByTestId('opinion-a')).toHaveText(fmt.format(cli.a.areaKm2));
    await expect(panel.getByTestId('opinion-b')).toHaveText(fmt.format(cli.b.areaKm2));
    await expect(panel.getByTestId('opinion-both')).toHaveText(fmt.format(cli.bothKm2));
    await expect(panel.getByTestId('opinion-only-a')).toHaveText(fmt.format(cli.onlyAKm2));
    await expect(panel.getByTestId('opinion-only-b')).toHaveText(fmt.format(cli.onlyBKm2));
    const kherson = cli.byOblast.find((r) => r.iso === 'UA-65')!;
    await expect(panel.getByTestId('opinion-oblasts').getByRole('row', { name: /^Kherson/u })).toContainText(
      fmt.format(kherson.onlyBKm2),
    );

    // The map: two layers of disagreement, both kinds present; the credit names UA Control Map.
    await expect.poll(() => layerIds(page, 'opinion-')).toEqual(['opinion-fill', 'opinion-line']);
    await waitForMapIdle(page);
    const kinds = await page.evaluate(() =>
      [
        ...new Set(
          window.__frontline!.map.querySourceFeatures('opinion').map((f) => f.properties['disagreement']),
        ),
      ].sort(),
    );
    expect(kinds).toEqual(['only_a', 'only_b']);
    await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('UA Control Map / Project Owl');

    // Hover: zoom to the largest "only UA Control Map" polygon and point at it.
    const target = await page.evaluate(() => {
      const map = window.__frontline!.map;
      const fs = map.querySourceFeatures('opinion').filter((f) => f.properties['disagreement'] === 'only_b');
      fs.sort((x, y) => Number(y.properties['areaKm2']) - Number(x.properties['areaKm2']));
      const f = fs[0]!;
      const ring = (f.geometry as { coordinates: number[][][] }).coordinates[0]!;
      const xs = ring.map((p) => p[0]!);
      const ys = ring.map((p) => p[1]!);
      map.fitBounds(
        [
          [Math.min(...xs), Math.min(...ys)],
          [Math.max(...xs), Math.max(...ys)],
        ],
        { animate: false, padding: 40 },
      );
      return { area: Number(f.properties['areaKm2']) };
    });
    await waitForMapIdle(page);
    const hit = await page.evaluate(() => {
      const map = window.__frontline!.map;
      const canvas = map.getCanvas();
      for (let y = 10; y < canvas.clientHeight; y += 8)
        for (let x = 10; x < canvas.clientWidth; x += 8) {
          const f = map.queryRenderedFeatures([x, y], { layers: ['opinion-fill'] })[0];
          if (f && f.properties['disagreement'] === 'only_b') return { x, y };
        }
      return null;
    });
    expect(hit).not.toBeNull();
    const box = (await page.locator('.map .maplibregl-canvas').boundingBox())!;
    await page.mouse.move(box.x + hit!.x, box.y + hit!.y);
    await expect(page.getByRole('tooltip')).toContainText(/^Only UA Control Map: [\d,.]+ km² · /u);
    expect(target.area).toBeGreaterThan(0);

    // Exports: the JSON is the CLI's report (same figures).
    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'JSON', exact: true }).click();
    const file = await (await download).path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as Report;
    expect(exported.iou).toBe(cli.iou);
    expect(exported.onlyBKm2).toBe(cli.onlyBKm2);
    const csvDownload = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'CSV' }).click();
    expect(readFileSync(await (await csvDownload).path(), 'utf8')).toContain(',total,UA,All,');

    // Both sources over time, in the main area chart (Charts): two lines as soon as two month ends are in (the rest
    // keep loading), in the disagreement colours, named in its legend; the single line of the active source is gone.
    const charts = page.getByRole('region', { name: 'Charts' });
    await charts
      .getByRole('button', {
        name: 'Draw both sources over time (with UA Control Map, month ends, same land)',
      })
      .click();
    const both = charts.getByTestId('both-chart');
    await expect(both.locator('svg path[stroke="#e66100"]')).toHaveCount(1, { timeout: 60_000 });
    await expect(both.locator('svg path[stroke="#5d3a9b"]')).toHaveCount(1);
    await expect(both).toContainText('UA Control Map');
    await expect(both).toContainText('DeepState daily archive');
    await expect(charts.getByRole('img', { name: 'Occupied area over time' })).toHaveCount(0);
    await charts.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/second-opinion-chart.png' });

    await page.screenshot({ path: 'test-results/second-opinion.png' });
    expect(pageErrors).toEqual([]);
  });

  test('a link with the second opinion (with=, wd=) opens it compared; the PNG carries the disagreement', async ({
    page,
    pageErrors,
  }) => {
    const cli = cliCompare('2025-09-01');
    await openCompared(page, '?source=archive&a=2025-08-15&b=2025-11-20&with=owlmaps&wd=2025-09-01');
    const panel = page.getByRole('region', { name: 'Second opinion' });
    // Compared without a click, on the link's date, with the CLI's figures.
    await expect(panel.getByTestId('opinion-iou')).toHaveText(`${(cli.iou * 100).toFixed(1)}%`, {
      timeout: 60_000,
    });
    await expect(panel.getByTestId('opinion-source')).toHaveValue('owlmaps');
    await expect(panel.getByTestId('opinion-date')).toHaveValue('2025-09-01');
    await expect(panel.getByTestId('opinion-only-b')).toHaveText(fmt.format(cli.onlyBKm2));
    await expect.poll(() => layerIds(page, 'opinion-')).toEqual(['opinion-fill', 'opinion-line']);
    // The address bar keeps it, so the link can be passed on.
    await expect.poll(() => new URL(page.url()).searchParams.get('with')).toBe('owlmaps');
    expect(new URL(page.url()).searchParams.get('wd')).toBe('2025-09-01');

    // Choosing no second source takes it out of the link.
    await panel.getByTestId('opinion-source').selectOption('');
    await expect.poll(() => new URL(page.url()).searchParams.has('with')).toBe(false);
    await panel.getByTestId('opinion-source').selectOption('owlmaps');
    await panel.getByRole('button', { name: 'Compare sources' }).click();
    await expect(panel.getByTestId('opinion-iou')).toHaveText(`${(cli.iou * 100).toFixed(1)}%`, {
      timeout: 60_000,
    });
    await waitForMapIdle(page);

    // The PNG: the map with the disagreement, its two colours in the legend (exact swatches), both sources named.
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'PNG of the map with the disagreement' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('frontline_archive_vs_owlmaps_2025-09-01.png');
    await png.saveAs('test-results/second-opinion-export.png');
    const bytes = readFileSync((await png.path())!);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const orange = await pngShares(page, bytes, [0xe6, 0x61, 0x00], 2);
    const purple = await pngShares(page, bytes, [0x5d, 0x3a, 0x9b], 2);
    expect(orange.share, 'only-A orange in the PNG').toBeGreaterThan(0);
    expect(purple.share, 'only-B purple in the PNG').toBeGreaterThan(0);
    // Taller than the map alone: the caption's lines (sources, IoU) sit above it.
    const canvas = (await page.locator('.map .maplibregl-canvas').boundingBox())!;
    expect(orange.height).toBeGreaterThan(canvas.height + 60);

    // The change PNG (Compare two dates) names the disagreement too while it is drawn.
    const [changePng] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('group', { name: 'Export this comparison' })
        .getByRole('button', { name: 'PNG', exact: true })
        .click(),
    ]);
    const changeBytes = readFileSync((await changePng.path())!);
    expect((await pngShares(page, changeBytes, [0x5d, 0x3a, 0x9b], 2)).share).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  test('a state file keeps the second opinion: saved with it, opened with it compared; opened without, cleared', async ({
    page,
    pageErrors,
  }) => {
    const cli = cliCompare('2025-09-01');
    await openCompared(page, '?source=archive&a=2025-08-15&b=2025-11-20&with=owlmaps&wd=2025-09-01');
    const panel = page.getByRole('region', { name: 'Second opinion' });
    await expect(panel.getByTestId('opinion-iou')).toHaveText(`${(cli.iou * 100).toFixed(1)}%`, {
      timeout: 60_000,
    });
    // Saved: the file holds the second source and its date.
    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save state file' }).first().click(),
    ]);
    const text = readFileSync((await saved.path())!, 'utf8');
    const file = JSON.parse(text) as { state: { with?: string; wd?: string } };
    expect(file.state).toMatchObject({ with: 'owlmaps', wd: '2025-09-01' });
    // Opened without it: the second opinion goes.
    const without = { ...file, state: { ...file.state, with: undefined, wd: undefined } };
    await openStateFile(page, 'without.json', JSON.stringify(without));
    await expect(panel.getByTestId('opinion-source')).toHaveValue('');
    await expect.poll(() => layerIds(page, 'opinion-')).toEqual([]);
    // Opened with it again: chosen and compared without a click, with the CLI's figures.
    await openStateFile(page, 'with.json', text);
    await expect(panel.getByTestId('opinion-source')).toHaveValue('owlmaps');
    await expect(panel.getByTestId('opinion-date')).toHaveValue('2025-09-01');
    await expect(panel.getByTestId('opinion-iou')).toHaveText(`${(cli.iou * 100).toFixed(1)}%`, {
      timeout: 60_000,
    });
    await expect(panel.getByTestId('opinion-only-b')).toHaveText(fmt.format(cli.onlyBKm2));
    expect(pageErrors).toEqual([]);
  });

  test('a source that cannot be read is the one named: the active source, then the second, in both languages', async ({
    page,
    pageErrors,
  }) => {
    // Issue #14: the panel used to name the second source whichever had failed. 403 is an answer (not retried).
    await openCompared(page);
    const panel = page.getByRole('region', { name: 'Second opinion' });
    const alert = panel.getByRole('alert');
    await page.route('**/api/archive/deepstatemap_data_20250901.geojson', (route) =>
      route.fulfill({ status: 403, body: 'refused' }),
    );
    await panel.getByTestId('opinion-source').selectOption('owlmaps');
    await panel.getByTestId('opinion-date').fill('2025-09-01');
    await panel.getByRole('button', { name: 'Compare sources' }).click();
    await expect(alert).toContainText('The active source (DeepState daily archive) could not be read: ', {
      timeout: 60_000,
    });
    await expect(alert).toContainText('HTTP 403');
    await expect(alert).not.toContainText('UA Control Map');

    // Another date (the worker holds 2025-09-01 of UA Control Map by now), whose UA Control Map day is refused.
    await page.route('**/api/owlmaps/20250910.json', (route) =>
      route.fulfill({ status: 403, body: 'refused' }),
    );
    await panel.getByTestId('opinion-date').fill('2025-09-10');
    await panel.getByRole('button', { name: 'Compare sources' }).click();
    await expect(alert).toContainText('The second source (UA Control Map) could not be read: ', {
      timeout: 60_000,
    });
    await expect(alert).not.toContainText('DeepState');
    await page.getByRole('button', { name: 'Українська' }).click();
    await expect(page.getByRole('region', { name: 'Друга думка' }).getByRole('alert')).toContainText(
      'Не вдалося прочитати друге джерело (Карта UA Control Map): ',
    );
    await page
      .getByRole('region', { name: 'Друга думка' })
      .screenshot({ path: 'test-results/second-opinion-failed.png' });
    expect(pageErrors).toEqual([]);
  });

  test('a link with an unknown or the same second source says so and opens the page', async ({
    page,
    pageErrors,
  }) => {
    await openCompared(page, '?source=archive&with=evil.example');
    await expect(page.getByRole('status').filter({ hasText: 'second source "evil.example"' })).toBeVisible();
    await expect(page.getByTestId('opinion-source')).toHaveValue('');
    expect(new URL(page.url()).searchParams.has('with')).toBe(false);
    await openCompared(page, '?source=archive&with=archive');
    await expect(page.getByRole('status').filter({ hasText: 'is the active source itself' })).toBeVisible();
    expect(pageErrors).toEqual([]);
  });

  test('UA Control Map as the active source, in Ukrainian', async ({ page, pageErrors }) => {
    await page.goto('/?source=owlmaps&a=2025-08-15&b=2025-09-01&lang=uk');
    await waitForMapIdle(page);
    await expect(page.getByRole('radio', { name: 'UA Control Map' })).toBeChecked();
    await expect(page.getByRole('group', { name: /^Зміни з/u })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('region', { name: 'Друга думка' })).toBeVisible();
    await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('UA Control Map / Project Owl');
    expect(pageErrors).toEqual([]);
  });
});

test('UA Control Map unreachable: the notice says how to use a local copy of it', async ({
  page,
  pageErrors,
}) => {
  // The second preview server's routes all point at a closed port (playwright.config.ts).
  await page.goto(`${UNREACHABLE_URL}?source=owlmaps`);
  const notice = page.getByRole('alert').filter({ hasText: 'FRONTLINE_OWLMAPS=' });
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await expect(notice).toContainText('npx frontline sync --source owlmaps');
  await expect(notice).toContainText('UA Control Map is unreachable');
  expect(pageErrors).toEqual([]);
});
