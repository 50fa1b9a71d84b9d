/**
 * Issue #5 in a real browser against the reference mirror: compare two dates (figures equal the CLI's), the change
 * layer, exports, the timeline, reported-figure checks and permalinks.
 */
import { readFileSync } from 'node:fs';
import {
  cliChange,
  expect,
  hasReference,
  layerIds,
  NO_REFERENCE_REASON,
  openCompared,
  pngShares,
  test,
  waitForMapIdle,
} from './fixtures.ts';

const fmt = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

interface Report {
  gainedKm2: number;
  lostKm2: number;
  netKm2: number;
  fromSnapshot: string;
  toSnapshot: string;
  byOblast: { iso: string; gainedKm2: number; lostKm2: number; netKm2: number }[];
  byFocusArea: { iso: string; netKm2: number }[];
  reported: { id: string; verdict: string; computedKm2: number }[];
}

test.describe('compare, timeline, exports and permalinks (reference mirror, daily archive)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  test('the default comparison 2025-08-15 → 2025-11-20 equals the CLI and draws the change layer', async ({
    page,
    pageErrors,
  }) => {
    const cli = cliChange<Report>('2025-08-15', '2025-11-20');
    await openCompared(page);
    await expect(page.getByTestId('gained')).toHaveText(fmt.format(cli.gainedKm2));
    await expect(page.getByTestId('lost')).toHaveText(fmt.format(cli.lostKm2));
    await expect(page.getByTestId('net')).toHaveText(`+${fmt.format(cli.netKm2)}`);
    const donetsk = cli.byOblast.find((r) => r.iso === 'UA-14')!;
    await expect(
      page.getByRole('group', { name: /^Change from/u }).getByRole('row', { name: /^Donetsk/u }),
    ).toContainText(fmt.format(donetsk.gainedKm2));
    // The Berlin claim is in the period and judged.
    await expect(page.getByText('about the area of Berlin', { exact: false }).first()).toBeVisible();
    await expect(page.getByRole('group', { name: /^Change from/u })).toContainText(cli.reported[0]!.verdict);
    expect(await layerIds(page, 'change-')).toEqual(['change-fill', 'change-line']);
    const polygons = await page.evaluate(() => window.__frontline!.map.querySourceFeatures('change').length);
    expect(polygons).toBeGreaterThan(10);
    // A against B: each date alone, or both overlaid, in place of the change layer.
    await page.getByRole('radio', { name: 'A only' }).check();
    await expect.poll(() => layerIds(page, 'compare-')).toEqual(['compare-a-fill', 'compare-a-line']);
    expect(await layerIds(page, 'change-')).toEqual([]);
    await page.getByRole('radio', { name: 'A and B' }).check();
    await expect.poll(() => layerIds(page, 'compare-')).toHaveLength(4);
    await page.getByRole('radio', { name: 'Change' }).check();
    await expect.poll(() => layerIds(page, 'change-')).toEqual(['change-fill', 'change-line']);
    expect(pageErrors).toEqual([]);
  });

  test('CSV, JSON and GeoJSON exports carry the CLI’s figures and metadata', async ({ page }) => {
    const cli = cliChange<Report>('2025-08-15', '2025-11-20');
    await openCompared(page);
    const download = async (name: string) => {
      const [d] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name, exact: true }).click(),
      ]);
      return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, 'utf8') };
    };
    const csv = await download('CSV');
    expect(csv.name).toBe('frontline_archive_2025-08-15_2025-11-20.csv');
    const lines = csv.text.trim().split(/\r\n/u);
    expect(lines[0]).toMatch(/^# frontline .*source: archive .*area model: WGS84 ellipsoid/u);
    // The first 11 columns; the places taken and retaken follow (tests/e2e/settlements.spec.ts).
    expect(lines[2]!.split(',').slice(0, 11).join(',')).toBe(
      `2025-08-15,2025-11-20,2025-08-15,2025-11-20,occupied_all,total,UA,All,${cli.gainedKm2.toFixed(2)},${cli.lostKm2.toFixed(2)},${cli.netKm2.toFixed(2)}`,
    );
    const json = await download('JSON');
    expect(json.name).toBe('frontline_archive_2025-08-15_2025-11-20.json');
    const report = JSON.parse(json.text) as Report & { meta: { areaModel: string; source: string } };
    expect(report.meta.source).toBe('archive');
    expect({ ...report, meta: undefined }).toEqual({ ...cli, meta: undefined });
    const geo = await download('GeoJSON');
    const fc = JSON.parse(geo.text) as {
      type: string;
      features: { properties: { change: string; areaKm2: number; oblast: string } }[];
    };
    expect(fc.type).toBe('FeatureCollection');
    const gained = fc.features
      .filter((f) => f.properties.change === 'gained')
      .reduce((s, f) => s + f.properties.areaKm2, 0);
    expect(Math.abs(gained - cli.gainedKm2)).toBeLessThan(0.5);
    expect(fc.features.some((f) => f.properties.oblast === 'UA-14')).toBe(true);

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PNG', exact: true }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('frontline_archive_2025-08-15_2025-11-20.png');
    const bytes = readFileSync((await png.path())!);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Taller than the map canvas: the header (dates, figures) and footer (source, area model) are burnt in.
    const height = bytes.readUInt32BE(20);
    const canvasHeight = await page.evaluate(() => window.__frontline!.map.getCanvas().height);
    expect(height).toBeGreaterThan(canvasHeight);
    // The map itself is in it, not a blank canvas: decoded in the page, the image holds the map's sea colour (its
    // background, drawn unblended); a copy taken after the frame left the drawing buffer would have none.
    const sea = await pngShares(page, bytes, [0xd4, 0xe4, 0xee], 2);
    expect(sea.width).toBe(await page.evaluate(() => window.__frontline!.map.getCanvas().width));
    expect(sea.share, 'share of sea-coloured pixels in the PNG').toBeGreaterThan(0.01);
  });

  test('checking a reported figure compares its period', async ({ page }) => {
    await openCompared(page);
    await page.getByRole('searchbox', { name: 'Filter' }).fill('July 2025');
    await page.getByRole('button', { name: /^Check: Russia occupied 564/u }).click();
    await expect(page.getByLabel('A (before)')).toHaveValue('2025-06-30');
    await expect(page.getByLabel('B (after)')).toHaveValue('2025-07-31');
    const cli = cliChange<Report>('2025-06-30', '2025-07-31');
    await expect(page.getByTestId('net')).toHaveText(`+${fmt.format(cli.netKm2)}`);
    await expect(page.getByRole('group', { name: /^Change from 2025-06-30/u })).toContainText(
      'DeepState (monthly summary',
    );
  });

  test('snapshot files are cached in the browser with URL, fetch time and hash, and reused on reload', async ({
    page,
  }) => {
    await page.goto('/?source=archive&t=2025-03-03');
    await expect(page.getByTestId('timeline-shown')).toHaveText('2025-03-03', { timeout: 60_000 });
    // Stored just after the file is handed on to the map (src/ui/snapshotCache.ts), so looked for until it is there.
    const lookUp = () =>
      page.evaluate(async () => {
        const cache = await caches.open('frontline-snapshots-v1');
        const hit = await cache.match(
          new URL('/api/archive/deepstatemap_data_20250303.geojson', location.href).href,
        );
        return hit
          ? {
              url: hit.headers.get('x-frontline-url'),
              at: hit.headers.get('x-frontline-fetched-at'),
              sha: hit.headers.get('x-frontline-sha256'),
              source: hit.headers.get('x-frontline-source'),
            }
          : null;
      });
    await expect.poll(lookUp).not.toBeNull();
    const cached = await lookUp();
    expect(cached?.source).toBe('archive');
    expect(cached?.url).toMatch(/\/api\/archive\/deepstatemap_data_20250303\.geojson$/u);
    expect(cached?.sha).toMatch(/^[0-9a-f]{64}$/u);
    expect(Date.parse(cached!.at!)).toBeGreaterThan(Date.now() - 10 * 60_000);
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('deepstatemap_data_20250303')) fetched.push(r.url());
    });
    await page.reload();
    await expect(page.getByTestId('timeline-shown')).toHaveText('2025-03-03', { timeout: 60_000 });
    expect(fetched).toEqual([]);
  });

  test('charts draw occupied area and monthly change with reported marks', async ({ page, pageErrors }) => {
    await page.goto('/?source=archive');
    await waitForMapIdle(page);
    await page.getByRole('button', { name: 'Draw occupied area and monthly change' }).click();
    const area = page.getByRole('img', { name: 'Occupied area over time' });
    const net = page.getByRole('img', { name: 'Net change per month, with reported figures' });
    await expect(net.locator('svg rect').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/Loading month/u)).toBeHidden({ timeout: 60_000 });
    // 2024-07 → 2026-07: 25 month ends, so 24 monthly bars; DeepState's and ISW's 2025 months as marks.
    expect(await area.locator('svg circle').count()).toBeGreaterThanOrEqual(24);
    expect(await net.locator('svg g[aria-label="bar"] rect').count()).toBeGreaterThanOrEqual(23);
    await expect(net.locator('svg title', { hasText: 'DeepState (reported)' }).first()).toBeAttached();
    await expect(net.locator('svg title', { hasText: 'ISW (reported)' }).first()).toBeAttached();
    expect(pageErrors).toEqual([]);
  });

  test('play advances the timeline date and its occupied area', async ({ page }) => {
    await page.goto('/?source=archive&t=2025-08-10');
    await waitForMapIdle(page);
    await expect(page.getByTestId('timeline-date')).toHaveText('2025-08-10');
    await expect(page.getByTestId('timeline-area')).toBeVisible();
    const startArea = await page.getByTestId('timeline-area').textContent();
    await page.getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(async () => (await page.getByTestId('timeline-date').textContent()) ?? '', { timeout: 20_000 })
      .toMatch(/2025-08-1[3-9]|2025-08-2/u);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(async () => page.getByTestId('timeline-area').textContent()).not.toBe(startArea);
    expect((await layerIds(page, 'timeline-')).length).toBe(2);
    // Keyboard: arrows step the slider by one date.
    const before = await page.getByTestId('timeline-date').textContent();
    await page.getByRole('slider', { name: 'Timeline date' }).press('ArrowRight');
    await expect(page.getByTestId('timeline-date')).not.toHaveText(before!);
  });

  test('a snapshot request that fails (503, then a dropped connection) is tried again and the date shows', async ({
    page,
  }) => {
    const answers: number[] = [];
    await page.route('**/api/archive/deepstatemap_data_20250310.geojson', async (route) => {
      answers.push(answers.length + 1);
      if (answers.length === 1) return route.fulfill({ status: 503, body: '{"error":"upstream busy"}' });
      if (answers.length === 2) return route.abort('connectionreset');
      // The good answer comes a second late, so the notice can be seen while the app waits.
      await new Promise((r) => setTimeout(r, 1000));
      return route.continue();
    });
    await page.goto('/?source=archive&t=2025-03-10');
    // Said while it waits, as text (the server's own reason included; the wait is jittered within 0.25–0.5 s), and
    // gone soon after the date is drawn.
    await expect(page.getByTestId('source-retrying')).toHaveText(
      /The source did not answer properly \(HTTP 503: upstream busy\); trying again in 0\.[345] s/u,
    );
    await expect(page.getByTestId('timeline-shown')).toHaveText('2025-03-10');
    await expect(page.getByTestId('timeline-area')).toBeVisible();
    await expect(page.getByTestId('source-retrying')).toHaveCount(0);
    expect(answers).toHaveLength(3);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a permalink restores source, dates, timeline and view; bad parameters fall back with a notice', async ({
    page,
  }) => {
    await openCompared(page, '?source=archive&a=2025-09-30&b=2025-10-31&t=2025-10-01&view=7/48.3/37.5');
    await expect(page.getByLabel('A (before)')).toHaveValue('2025-09-30');
    await expect(page.getByLabel('B (after)')).toHaveValue('2025-10-31');
    await expect(page.getByRole('radio', { name: 'DeepState daily archive' })).toBeChecked();
    await expect(page.getByTestId('timeline-date')).toHaveText('2025-10-01');
    expect(await page.evaluate(() => Math.round(window.__frontline!.map.getZoom()))).toBe(7);
    // The URL keeps up with the view.
    expect(new URL(page.url()).searchParams.get('a')).toBe('2025-09-30');

    await page.goto('/?source=https%3A%2F%2Fevil.example&a=2025-02-30&view=99/0/0');
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: 'not one of this app’s sources' })
        .or(page.getByText('is not one of this app'))
        .first(),
    ).toBeVisible();
    await expect(page.getByText('is not a calendar date')).toBeVisible();
    await expect(page.getByRole('radio', { name: 'DeepStateMap versions' })).toBeChecked();
    await expect(page.getByLabel('A (before)')).toHaveValue('2025-08-15');
  });
});
