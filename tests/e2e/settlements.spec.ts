/**
 * Issue #12 in a real browser against the reference archive: the comparison lists the places that changed hands,
 * the same list as the CLI's; search filters it, the columns sort, a click or Enter flies the map to the place and
 * rings its point; the change view marks the places; the exports carry them as the CLI writes them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import {
  CLI,
  cliChange,
  expect,
  hasReference,
  layerIds,
  NO_REFERENCE_REASON,
  openCompared,
  test,
  waitForMapIdle,
} from './fixtures.ts';

interface Place {
  id: number;
  name: string;
  nameUk: string | null;
  oblast: string | null;
  lon: number;
  lat: number;
  from: string;
  to: string;
}
interface Report {
  settlements: Place[];
  byOblast: { iso: string; settlementsGained: number; settlementsLost: number }[];
}

const FROM = '2024-08-01';
const TO = '2025-11-20';
const QUERY = `?source=archive&a=${FROM}&b=${TO}`;

const list = (page: Page) => page.getByTestId('settlements');
const placeButtons = (page: Page) => list(page).getByRole('button', { name: /^Show .* on the map$/u });

test.describe('places that changed hands (reference archive)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  test('the list equals the CLI’s, search filters it, sorting reorders it', async ({ page, pageErrors }) => {
    const cli = cliChange<Report>(FROM, TO);
    expect(cli.settlements.length).toBeGreaterThan(5);
    await openCompared(page, QUERY);
    await expect(list(page).getByRole('heading')).toHaveText(
      `${cli.settlements.length} places changed hands`,
    );
    // The default order is the report's (oblast, then name), so the rows read as the CLI's list.
    await expect(placeButtons(page)).toHaveText(cli.settlements.map((s) => s.name));

    await list(page).getByRole('searchbox', { name: 'Search places' }).fill('pokr');
    await expect(placeButtons(page)).toHaveText(['Pokrovsk']);
    await expect(list(page).getByText(`1 of ${cli.settlements.length} shown`)).toBeVisible();
    // By oblast name too.
    await list(page).getByRole('searchbox', { name: 'Search places' }).fill('Kharkiv');
    const kharkiv = cli.settlements.filter((s) => s.oblast === 'UA-63').map((s) => s.name);
    await expect(placeButtons(page)).toHaveText(kharkiv);
    await list(page).getByRole('searchbox', { name: 'Search places' }).fill('');

    // Population, largest first; again: smallest first.
    const population = list(page).getByRole('button', { name: 'Population' });
    await population.click();
    await expect(list(page).getByRole('columnheader', { name: 'Population' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    const bigFirst = await placeButtons(page).allTextContents();
    await population.click();
    await expect(placeButtons(page)).toHaveText([...bigFirst].reverse());
    expect(pageErrors).toEqual([]);
  });

  test('a click flies the map to the place and rings it; Enter does the same from the keyboard', async ({
    page,
    pageErrors,
  }) => {
    const cli = cliChange<Report>(FROM, TO);
    await openCompared(page, QUERY);
    // The change view marks every place.
    await expect
      .poll(() => layerIds(page, 'settlements-changed-'))
      .toEqual(['settlements-changed-dot', 'settlements-changed-selected']);
    const marked = await page.evaluate(
      () => window.__frontline!.map.getSource('settlements-changed') !== undefined,
    );
    expect(marked).toBe(true);

    const pokrovsk = cli.settlements.find((s) => s.name === 'Pokrovsk')!;
    await list(page).getByRole('button', { name: 'Show Pokrovsk on the map' }).click();
    await expect
      .poll(async () => page.evaluate(() => window.__frontline!.map.getCenter().toArray()), {
        timeout: 20_000,
      })
      .toEqual([expect.closeTo(pokrovsk.lon, 3), expect.closeTo(pokrovsk.lat, 3)]);
    await waitForMapIdle(page);
    expect(await page.evaluate(() => window.__frontline!.map.getZoom())).toBeGreaterThanOrEqual(11);
    expect(
      await page.evaluate(() => window.__frontline!.map.getFilter('settlements-changed-selected')),
    ).toEqual(['==', ['get', 'id'], pokrovsk.id]);
    // The ringed point is drawn where Pokrovsk is.
    const ringed = await page.evaluate(() =>
      window
        .__frontline!.map.queryRenderedFeatures({ layers: ['settlements-changed-selected'] })
        .map((f) => f.properties['id'] as number),
    );
    expect(ringed).toContain(pokrovsk.id);
    await expect(list(page).getByRole('row', { name: /Pokrovsk/u })).toHaveClass(/selected/u);

    // Keyboard: focus another place's button and press Enter.
    const other = cli.settlements.find((s) => s.name === 'Vovchansk')!;
    await list(page).getByRole('button', { name: 'Show Vovchansk on the map' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => page.evaluate(() => window.__frontline!.map.getCenter().toArray()), {
        timeout: 20_000,
      })
      .toEqual([expect.closeTo(other.lon, 3), expect.closeTo(other.lat, 3)]);
    await waitForMapIdle(page);
    await page.screenshot({ path: 'test-results/settlements-table.png' });
    expect(pageErrors).toEqual([]);
  });

  test('in Ukrainian the list shows Ukrainian names (the English one where the gazetteer has none)', async ({
    page,
  }) => {
    const cli = cliChange<Report>(FROM, TO);
    await openCompared(page, `${QUERY}&lang=uk`, /^Зміни з/u);
    await expect(list(page).getByRole('button', { name: /^Показати .* на карті$/u })).toHaveText(
      cli.settlements.map((s) => s.nameUk ?? s.name),
    );
    await expect(list(page).getByRole('button', { name: 'Показати Покровськ на карті' })).toBeVisible();
  });

  test('the JSON, CSV and GeoJSON exports hold the same places as the CLI', async ({ page }) => {
    const cli = cliChange<Report>(FROM, TO);
    await openCompared(page, QUERY);
    const download = async (name: string) => {
      const [d] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name, exact: true }).click(),
      ]);
      return readFileSync((await d.path())!, 'utf8');
    };
    const json = JSON.parse(await download('JSON')) as Report;
    expect(json.settlements).toEqual(cli.settlements);
    expect(json.byOblast).toEqual(cli.byOblast);
    const csv = await download('CSV');
    const rows = csv.split('\r\n').filter((l) => l.includes(',settlement,'));
    expect(rows).toHaveLength(cli.settlements.length);
    expect(rows).toEqual(cliCsvRows());
    const geo = JSON.parse(await download('GeoJSON')) as {
      features: { geometry: { type: string; coordinates: number[] }; properties: { id: number } }[];
    };
    const points = geo.features.filter((f) => f.geometry.type === 'Point');
    expect(points.map((f) => f.properties.id)).toEqual(cli.settlements.map((s) => s.id));
  });
});

/** The CLI's CSV rows of places for the same dates, as `frontline change --format csv` writes them. */
function cliCsvRows(): string[] {
  const ref = process.env['FRONTLINE_REFERENCE_DATA'] ?? '';
  const args = ['change', '--source', 'archive', '--data', resolve(ref, 'deepstate-archive')];
  const text = execFileSync('node', [CLI, ...args, '--from', FROM, '--to', TO, '--format', 'csv'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return text.split('\r\n').filter((l) => l.includes(',settlement,'));
}
