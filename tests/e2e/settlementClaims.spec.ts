/**
 * Issue #12: the claims panel lists the published settlement counts (Russia's MoD 205 and 275, its General Staff's
 * 334 for 2025, Ukraine's 388 in the Kharkiv counteroffensive) with the gazetteer's 500+ caveat; "Check" compares
 * the claim's period and the comparison shows claimed against computed, the count being the CLI's.
 */
import { cliChange, expect, hasReference, NO_REFERENCE_REASON, openCompared, test } from './fixtures.ts';

interface Report {
  settlements: { from: string; to: string }[];
}

test.describe('settlement counts among the reported figures (reference archive)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  test('listed with their caveat; Check shows claimed against the CLI’s computed count', async ({
    page,
    pageErrors,
  }) => {
    await openCompared(page);
    const claims = page.getByTestId('settlement-claim');
    await expect(claims).toHaveCount(4);
    await expect(claims.locator('.value')).toHaveText([
      '205 settlements',
      '≥ 275 settlements',
      '334 settlements',
      '≈ 388 settlements',
    ]);
    await expect(page.getByTestId('settlement-caveat')).toContainText(
      'only places of 500 or more inhabitants',
    );

    // The filter narrows them like the km² claims.
    await page.getByRole('searchbox', { name: 'Filter' }).fill('General Staff');
    await expect(claims).toHaveCount(1);
    await page.getByRole('button', { name: 'Check: 334 settlements taken in 2025' }).click();
    await expect(page.getByLabel('A (before)')).toHaveValue('2024-12-31');
    await expect(page.getByLabel('B (after)')).toHaveValue('2025-12-31');

    const cli = cliChange<Report>('2024-12-31', '2025-12-31');
    const taken = cli.settlements.filter((s) => s.to === 'occupied' && s.from !== 'occupied').length;
    console.log(`334 claimed for 2025; the archive's gazetteer places taken: ${taken}`);
    expect(taken).toBeGreaterThan(0);
    const checks = page.getByTestId('settlement-claim-checks');
    await expect(checks).toBeVisible({ timeout: 60_000 });
    const pct = ((taken - 334) / 334) * 100;
    await expect(checks.locator('li')).toHaveCount(1);
    await expect(checks).toContainText(
      `Reported 334 settlements, computed ${taken} places of the gazetteer (${taken - 334}, ${pct.toFixed(2)}%):`,
    );
    await expect(checks).toContainText('off by more than 10%');
    await expect(checks).toContainText('only places of 500 or more inhabitants');

    // In Ukrainian too.
    await page.getByRole('button', { name: 'Українська' }).click();
    await expect(checks).toContainText(`Заявлено населених пунктів: 334, обчислено ${taken} місць довідника`);
    await expect(checks).toContainText('лише населені пункти з 500 і більше мешканцями');
    expect(pageErrors).toEqual([]);
  });
});
