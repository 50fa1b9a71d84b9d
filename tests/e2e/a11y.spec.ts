/**
 * Issue #18: axe-core (the engine of Lighthouse's and most browsers' accessibility audits) on every view of the app.
 * A serious or critical violation fails the test; moderate and minor ones are printed and may only go down against
 * tests/e2e/a11y-baseline.json (view → rule → elements). After fixing some, lower the baseline with
 * `FRONTLINE_A11Y_BASELINE=update npx playwright test tests/e2e/a11y.spec.ts` and commit the file.
 * All axe rules run (WCAG 2.0–2.2 A/AA and best practices), over the whole page, maps included.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { againstBaseline, parseBaseline, type RuleCounts } from '../support/a11yBaseline.ts';
import {
  expect,
  hasReference,
  NO_REFERENCE_REASON,
  openCompared,
  test,
  UNREACHABLE_URL,
  waitForMapIdle,
} from './fixtures.ts';

const BASELINE_FILE = 'tests/e2e/a11y-baseline.json';
const baseline = parseBaseline(readFileSync(BASELINE_FILE, 'utf8'));
const seen: Record<string, RuleCounts> = {};

/** Runs axe on the page as it is now, as view `view`; fails softly, so every view of a test is still checked. */
async function audit(page: Page, view: string): Promise<void> {
  const started = Date.now();
  // resultTypes: only violations carry their elements back; passes and the rest come as counts (faster).
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  const counts: Record<string, number> = {};
  for (const v of violations)
    if (v.impact !== 'serious' && v.impact !== 'critical') counts[v.id] = v.nodes.length;
  seen[view] = counts;
  const { rises, falls } = againstBaseline(counts, baseline[view]);
  const listed = Object.entries(counts).map(([rule, n]) => `${rule} ×${n}`);
  console.log(
    `axe ${view} (${Date.now() - started} ms): ${blocking.length} serious/critical; moderate/minor: ${listed.join(', ') || 'none'}` +
      (falls.length ? `; below the baseline, lower it: ${falls.join(', ')}` : ''),
  );
  expect.soft(blocking, `serious or critical axe violations in view "${view}"`).toEqual([]);
  expect.soft(rises, `moderate/minor axe violations above ${BASELINE_FILE} in view "${view}"`).toEqual([]);
}

test.afterAll(() => {
  if (process.env['FRONTLINE_A11Y_BASELINE'] !== 'update') return;
  const merged = { ...baseline, ...seen };
  const sorted = Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map((v) => [v, merged[v]]),
  );
  writeFileSync(BASELINE_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
});

test('the gate sees a planted violation: a button whose name does not contain its visible text', async ({
  page,
}) => {
  await page.setContent('<main><button id="planted" aria-label="Back">−1m</button></main>');
  const { violations } = await new AxeBuilder({ page }).include('#planted').analyze();
  expect(violations.map((v) => [v.id, v.impact])).toContainEqual(['label-content-name-mismatch', 'serious']);
});

test('import with errors: the problems listed, no serious violation', async ({ page, pageErrors }) => {
  await page.goto(UNREACHABLE_URL);
  await waitForMapIdle(page);
  await page.getByLabel('Add a GeoJSON file (or drop it here)').setInputFiles({
    name: 'broken-2025-09-01.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from('{"type": "FeatureCollection", "features": [ {"ty'),
  });
  await expect(
    page.getByRole('alert').filter({ hasText: 'Nothing was loaded from that file' }),
  ).toContainText('not valid JSON');
  await audit(page, 'import-errors');
  expect(pageErrors).toEqual([]);
});

test.describe('views with data (reference mirror, daily archive)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);
  // One page load for several views; an axe run takes 2–6 s on an idle two-core machine, 12–18 s on a busy one.
  test.setTimeout(300_000);

  test('default (the change comparison), charts, A and B, swipe, side by side, a focus area, drawing', async ({
    page,
    pageErrors,
  }) => {
    await openCompared(page);
    await audit(page, 'default');

    await page.getByRole('button', { name: 'Draw occupied area and monthly change' }).click();
    const net = page.getByRole('img', { name: 'Net change per month, with reported figures' });
    await expect(net.locator('svg rect').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/Loading month/u)).toBeHidden({ timeout: 60_000 });
    await audit(page, 'charts');

    await page.getByRole('radio', { name: 'A and B' }).check();
    await expect.poll(() => new URL(page.url()).searchParams.get('cmp')).toBe('ab');
    await waitForMapIdle(page);
    await audit(page, 'compare-ab');

    await page.getByRole('radio', { name: 'Swipe' }).check();
    await expect(page.getByRole('slider', { name: /Swipe divider/u })).toBeVisible();
    await waitForMapIdle(page);
    await audit(page, 'compare-swipe');

    await page.getByRole('radio', { name: 'Side by side' }).check();
    await expect(page.getByRole('region', { name: /^Map B \(after\)/u })).toBeVisible();
    await expect(page.getByRole('slider', { name: /Swipe divider/u })).toHaveCount(0);
    await audit(page, 'compare-side');

    await page.getByRole('radio', { name: 'Change' }).check();
    await page.getByLabel('Focus area', { exact: true }).selectOption({ label: 'Kupiansk' });
    await expect.poll(() => new URL(page.url()).searchParams.get('focus')).toBe('kupiansk');
    await waitForMapIdle(page);
    await audit(page, 'focus-area');

    const panel = page.getByRole('region', { name: 'Your areas' });
    await panel.getByRole('button', { name: 'Draw polygon' }).click();
    await expect(panel.getByRole('button', { name: 'Draw polygon' })).toHaveAttribute('aria-pressed', 'true');
    await audit(page, 'drawing');
    expect(pageErrors).toEqual([]);
  });

  test('the dark theme, the Ukrainian interface, a 390 px phone', async ({ page, pageErrors }) => {
    // The theme follows the system's (prefers-color-scheme in app.css): emulated here.
    await page.emulateMedia({ colorScheme: 'dark' });
    await openCompared(page);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
      'rgb(21, 23, 26)',
    );
    await audit(page, 'dark');

    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Українська' }).click();
    await expect(page.getByRole('group', { name: /^Зміни з/u })).toBeVisible();
    await audit(page, 'ukrainian');

    await page.getByRole('button', { name: 'English' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole('group', { name: /^Change from/u })).toBeVisible();
    await waitForMapIdle(page);
    await audit(page, 'phone');
    expect(pageErrors).toEqual([]);
  });
});
