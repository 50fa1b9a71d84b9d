/**
 * The front line in the browser (issue #15): the layer draws on the timeline's date, its length shows in the
 * timeline and in the Front line panel (the same figure as `frontline length` for the same source and date), and
 * the toggles show and hide the line and the excluded border and coast.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  CLI,
  expect,
  hasReference,
  NO_REFERENCE_REASON,
  openCompared,
  pngShares,
  test,
  waitForMapIdle,
} from './fixtures.ts';

/** `frontline length` as JSON, for a source and date of the reference mirror. */
function cliLength(source: string, folder: string, date: string) {
  const ref = process.env['FRONTLINE_REFERENCE_DATA'] ?? '';
  return JSON.parse(
    execFileSync(
      'node',
      [CLI, 'length', '--source', source, '--data', resolve(ref, folder), '--date', date],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    ),
  ) as {
    lengthKm: number;
    withoutDniproKm: number;
    greyOuter: { lengthKm: number } | null;
    byStretch: { kind: string; km: number }[];
  };
}
const km = (n: number) => n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const visibility = (id: string) =>
  `window.__frontline.map.getLayer(${JSON.stringify(id)}) ? (window.__frontline.map.getLayoutProperty(${JSON.stringify(id)}, 'visibility') ?? 'visible') : 'absent'`;

test.describe('front line layer and length (reference mirror)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  test('draws on the timeline date, shows the CLI’s length, and the toggles work', async ({
    page,
    pageErrors,
  }) => {
    const ref = process.env['FRONTLINE_REFERENCE_DATA'] ?? '';
    const cli = JSON.parse(
      execFileSync(
        'node',
        [
          CLI,
          'length',
          '--source',
          'deepstate-api',
          '--data',
          resolve(ref, 'deepstate-api'),
          '--date',
          '2025-08-01',
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      ),
    ) as { lengthKm: number; withoutDniproKm: number };
    await page.goto('/?t=2025-08-01');
    await waitForMapIdle(page);
    const shown = cli.lengthKm.toLocaleString('en-GB', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    await expect(page.getByTestId('front-length')).toHaveText(shown);
    await expect(page.getByTestId('timeline-front-length')).toHaveText(shown);

    // The layer holds the line's stretches and draws them.
    await expect.poll(() => page.evaluate(visibility('front-line-front'))).toBe('visible');
    await expect
      .poll(() =>
        page.evaluate(() => {
          const map = window.__frontline!.map;
          return map.queryRenderedFeatures({ layers: ['front-line-front'] }).length;
        }),
      )
      .toBeGreaterThan(0);
    expect(await page.evaluate(visibility('front-line-excluded'))).toBe('none');

    // Toggles: hide the line, show the excluded border and coast.
    await page.getByTestId('front-toggle').uncheck();
    await expect.poll(() => page.evaluate(visibility('front-line-front'))).toBe('none');
    await page.getByTestId('front-excluded-toggle').check();
    await expect.poll(() => page.evaluate(visibility('front-line-excluded'))).toBe('visible');
    await waitForMapIdle(page);
    await expect
      .poll(() =>
        page.evaluate(
          () => window.__frontline!.map.queryRenderedFeatures({ layers: ['front-line-excluded'] }).length,
        ),
      )
      .toBeGreaterThan(0);
    await page.getByTestId('front-toggle').check();
    await expect.poll(() => page.evaluate(visibility('front-line-front'))).toBe('visible');

    // DeepStateMap's versions have a grey zone: its outer edge is drawn, in its own style, and in the legend.
    await expect(page.getByTestId('front-legend-grey')).toHaveText('Outer edge of the grey zone');
    await expect
      .poll(() =>
        page.evaluate(
          () => window.__frontline!.map.queryRenderedFeatures({ layers: ['front-line-grey'] }).length,
        ),
      )
      .toBeGreaterThan(0);

    // The panel's CSV export is the CLI's CSV for the same date.
    const download = page.waitForEvent('download');
    await page
      .locator('section[aria-labelledby="front-heading"]')
      .getByRole('button', { name: 'Front line CSV' })
      .click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('frontline_deepstate-api_2025-08-01_front-line.csv');
    await page.screenshot({ path: 'test-results/front-line.png' });
    expect(pageErrors).toEqual([]);
  });
});

test.describe('front-line length chart (reference mirror, daily archive)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  test('Charts → Draw adds the length over time with the commanders’ figures', async ({
    page,
    pageErrors,
  }) => {
    const cli = cliLength('archive', 'deepstate-archive', '2025-09-26');
    await page.goto('/?source=archive&t=2025-09-26&pin=2025-09-26');
    await waitForMapIdle(page);
    await expect(page.getByTestId('front-length')).toHaveText(km(cli.lengthKm));
    // The Dnipro stretch (along the river's water, issue #15) as the CLI measures it; no grey zone in the archive.
    const dnipro = cli.byStretch.find((s) => s.kind === 'dnipro')!;
    expect(dnipro.km).toBeGreaterThan(250);
    await expect(
      page
        .locator('section[aria-labelledby="front-heading"]')
        .getByRole('row', { name: /^Dnipro [\d,.]+$/u }),
    ).toContainText(km(dnipro.km));
    await expect(page.getByTestId('front-legend')).toBeVisible();
    await expect(page.getByTestId('front-legend-grey')).toHaveCount(0);
    await page.getByRole('button', { name: 'Draw occupied area and monthly change' }).click();
    const chart = page.getByTestId('length-chart');
    await expect(chart.locator('svg').first()).toBeVisible({ timeout: 120_000 });
    // A line per series (whole contact line, without the Dnipro) and the commanders' figures as marks.
    await expect(chart.getByText('whole contact line')).toBeVisible();
    await expect(chart.getByText('commanders (reported)')).toBeVisible();
    await expect.poll(() => chart.locator('svg path[d]').count()).toBeGreaterThan(2);
    // Beside the area charts, which still draw.
    await expect(
      page.getByRole('img', { name: 'Occupied area over time' }).locator('svg').first(),
    ).toBeVisible();
    expect(pageErrors).toEqual([]);
  });
});

test.describe('front line in the compare views and the PNG export (reference mirror, daily archive)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  const rendered = (layer: string) =>
    `window.__frontline.map.getLayer(${JSON.stringify(layer)}) ? window.__frontline.map.queryRenderedFeatures({ layers: [${JSON.stringify(layer)}] }).length : -1`;

  test('A’s and B’s lines are drawn, and the PNG carries them with their lengths', async ({
    page,
    pageErrors,
  }) => {
    await openCompared(page);
    await waitForMapIdle(page);
    // Change view: both dates' lines; A only: A's; the toggle hides them.
    await expect.poll(() => page.evaluate(rendered('front-compare-a'))).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate(rendered('front-compare-b'))).toBeGreaterThan(0);
    await page.getByRole('radio', { name: 'A only' }).check();
    await expect.poll(() => page.evaluate(rendered('front-compare-b'))).toBe(-1);
    await expect.poll(() => page.evaluate(rendered('front-compare-a'))).toBeGreaterThan(0);
    await page.getByRole('radio', { name: 'Change' }).check();
    await expect.poll(() => page.evaluate(rendered('front-compare-b'))).toBeGreaterThan(0);
    await waitForMapIdle(page);

    const png = async () => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'PNG', exact: true }).click(),
      ]);
      return readFileSync((await file.path())!);
    };
    // B's colour (DATE_COLOURS[2], #009e73) on the map: the line is in the picture.
    const green = [0x00, 0x9e, 0x73] as const;
    const withLines = await png();
    const shareWith = (await pngShares(page, withLines, green, 24)).share;
    await page.getByTestId('front-toggle').uncheck();
    await expect.poll(() => page.evaluate(visibility('front-compare-b'))).toBe('none');
    await waitForMapIdle(page);
    const without = await png();
    const shareWithout = (await pngShares(page, without, green, 24)).share;
    expect(shareWith, 'share of B-coloured pixels with the lines').toBeGreaterThan(shareWithout + 0.0005);
    // Two caption lines (A's and B's length) and two legend rows more: a taller header.
    expect(withLines.readUInt32BE(20)).toBeGreaterThan(without.readUInt32BE(20));
    expect(pageErrors).toEqual([]);
  });
});
