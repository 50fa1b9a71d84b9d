/**
 * Issue #5, "English and Ukrainian interface": the EN / УКР switch translates the page in place (headings, buttons,
 * number formats, place names on the map and in the tables, `<html lang>`), without a reload and without losing
 * state; the choice survives a reload (URL `lang=` and localStorage); `?lang=xx` falls back with a notice; a browser
 * set to Ukrainian starts in Ukrainian; exports stay byte-for-byte the same in either language.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  expect,
  hasReference,
  NO_REFERENCE_REASON,
  openCompared,
  renderedLabels,
  test,
  UNREACHABLE_URL,
} from './fixtures.ts';

/** The oblasts' names on the map (MapLibre symbols since issue #12). */
const oblastLabels = (page: Page) => renderedLabels(page, ['oblast-labels']);

/** The comparison's figures, named in either language (the page may start in Ukrainian). */
const EITHER_FIGURES = /^(Change from|Зміни з)/u;
const EN = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const UK = new Intl.NumberFormat('uk-UA', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** A km² figure as uk-UA writes it: groups of three split by a (no-break) space, a comma before two decimals. */
const UK_NUMBER = /^[+−-]?\d{1,3}(?:[\s\u00a0\u202f]\d{3})*,\d{2}$/u;

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
const urlLang = (page: Page) => new URL(page.url()).searchParams.get('lang');
const storedLang = (page: Page) => page.evaluate(() => localStorage.getItem('frontline.lang'));

/** Downloads an export by its button and returns its text. */
async function download(page: Page, name: string): Promise<string> {
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  return readFileSync((await d.path())!, 'utf8');
}

test.describe('English and Ukrainian interface (reference mirror, daily archive)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  test('switching to Ukrainian translates in place and keeps state; reload keeps it; back to English', async ({
    page,
    pageErrors,
  }) => {
    await openCompared(page, '?source=archive', EITHER_FIGURES);
    expect(await htmlLang(page)).toBe('en');
    const gainedEn = (await page.getByTestId('gained').textContent())!;
    const gained = Number(gainedEn.replace(/,/gu, ''));
    expect(gainedEn).toBe(EN.format(gained));
    // Some state the switch must not lose: a comparison view, and a page that is never reloaded.
    await page.getByRole('radio', { name: 'A and B' }).check();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // The switch is keyboard operable: focus it and press Enter.
    const ukButton = page.getByRole('button', { name: 'Українська' });
    await ukButton.focus();
    await page.keyboard.press('Enter');
    await expect(ukButton).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => htmlLang(page)).toBe('uk');
    await expect(page).toHaveTitle(/карта лінії фронту/u);

    // Headings, buttons, labels.
    for (const name of [
      'Шкала часу',
      'Порівняння двох дат',
      'Оприлюднені цифри',
      'Датовані шари',
      'Площі, км²',
    ])
      await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Порівняти', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Відтворити', exact: true })).toBeVisible();
    await expect(page.getByRole('slider', { name: 'Дата на шкалі часу' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Compare two dates' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Compare', exact: true })).toHaveCount(0);

    // Figures in the Ukrainian number format, the same values.
    const figures = page.getByRole('group', { name: /^Зміни з 2025-08-15 по 2025-11-20/u });
    await expect(page.getByTestId('gained')).toHaveText(UK.format(gained));
    await expect(page.getByTestId('gained')).toHaveText(UK_NUMBER);
    await expect(page.getByTestId('net')).toHaveText(UK_NUMBER);
    await expect(figures).toContainText('Приріст');
    await expect(figures).toContainText('км²');
    // Place names in the tables and on the map.
    await expect(figures.getByRole('row', { name: /^Донецька область/u })).toBeVisible();
    await expect(figures.getByRole('row', { name: /^Покровськ і околиці/u })).toBeVisible();
    // (At this scale the Donetsk oblast's longer Ukrainian name gives way to its cities' names, issue #12.)
    await expect.poll(() => oblastLabels(page)).toContain('Харківська область');
    expect(await oblastLabels(page)).not.toContain('Kharkiv');
    await page.evaluate(() => window.__frontline!.map.jumpTo({ center: [37.4, 48.4], zoom: 7 }));
    await expect(page.locator('.focus-label', { hasText: 'Покровськ і околиці' })).toBeVisible();
    // The map's own controls too.
    await expect(page.getByRole('button', { name: 'Збільшити' })).toBeVisible();

    // No reload, no lost state; the choice is in the URL and remembered.
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    await expect(page.getByRole('radio', { name: 'A і B' })).toBeChecked();
    await expect.poll(() => urlLang(page)).toBe('uk');
    expect(await storedLang(page)).toBe('uk');

    // A reload keeps Ukrainian (from the URL), and so does a link without lang= (from localStorage).
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Порівняння двох дат' })).toBeVisible();
    expect(await htmlLang(page)).toBe('uk');
    await openCompared(page, '?source=archive', EITHER_FIGURES);
    expect(await htmlLang(page)).toBe('uk');
    await expect(page.getByTestId('gained')).toHaveText(UK.format(gained));

    // Back to English.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => htmlLang(page)).toBe('en');
    await expect(page.getByRole('heading', { name: 'Compare two dates' })).toBeVisible();
    await expect(page.getByTestId('gained')).toHaveText(gainedEn);
    await expect.poll(() => oblastLabels(page)).toContain('Donetsk');
    await expect(
      page.getByRole('group', { name: /^Change from/u }).getByRole('row', { name: /^Donetsk/u }),
    ).toBeVisible();
    await expect.poll(() => urlLang(page)).toBe('en');
    expect(await storedLang(page)).toBe('en');
    expect(pageErrors).toEqual([]);
  });

  test('exports are the same in either language (only the display changes)', async ({ page }) => {
    await openCompared(page, '?source=archive&lang=en', EITHER_FIGURES);
    const csvEn = await download(page, 'CSV');
    const jsonEn = JSON.parse(await download(page, 'JSON')) as { meta: unknown };
    await page.getByRole('button', { name: 'Українська' }).click();
    await expect.poll(() => htmlLang(page)).toBe('uk');
    const csvUk = await download(page, 'CSV');
    const jsonUk = JSON.parse(await download(page, 'JSON')) as { meta: unknown };
    // The first CSV line is the metadata comment with its generation time; everything after it is identical.
    expect(csvUk.split('\n').slice(1)).toEqual(csvEn.split('\n').slice(1));
    expect(csvUk).toMatch(/,Donetsk,/u);
    expect({ ...jsonUk, meta: undefined }).toEqual({ ...jsonEn, meta: undefined });
  });
});

test('?lang=xx falls back to the browser language with a notice; the URL is corrected', async ({
  page,
  pageErrors,
}) => {
  await page.goto(`${UNREACHABLE_URL}?lang=xx`);
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'The link\'s language "xx" is not one of this app\'s languages' }),
  ).toBeVisible();
  expect(await htmlLang(page)).toBe('en');
  await expect.poll(() => urlLang(page)).toBe('en');
  // The notice follows a switch, like every other text.
  await page.getByRole('button', { name: 'Українська' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Мова з посилання «xx» не підтримується' }),
  ).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'DeepStateMap недоступний' })).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test.describe('a browser set to Ukrainian', () => {
  test.use({ locale: 'uk-UA' });

  test('starts in Ukrainian unless the link or the remembered choice says otherwise', async ({
    page,
    pageErrors,
  }) => {
    await page.goto(UNREACHABLE_URL);
    expect(await htmlLang(page)).toBe('uk');
    await expect(page.getByRole('heading', { name: 'Шкала часу' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'DeepStateMap недоступний' })).toBeVisible();
    await expect.poll(() => oblastLabels(page)).toContain('Харківська область');
    await expect.poll(() => urlLang(page)).toBe('uk');
    // A link's language wins over the browser's, without being remembered.
    await page.goto(`${UNREACHABLE_URL}?lang=en`);
    expect(await htmlLang(page)).toBe('en');
    await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
    expect(await storedLang(page)).toBeNull();
    // A choice made with the switch is remembered over the browser's.
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto(UNREACHABLE_URL);
    expect(await htmlLang(page)).toBe('en');
    expect(pageErrors).toEqual([]);
  });
});
