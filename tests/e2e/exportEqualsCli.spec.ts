/**
 * Issue #14: one `snapshotAt` for the CLI and the browser. The browser's JSON export of a comparison and
 * `frontline change --format json` on the same source and dates are identical apart from `generatedAt` — metadata,
 * the snapshots used and their notes included. The dates fall between the mirror's monthly DeepState versions, so
 * both sides must pick the nearest earlier version and say so in the same words.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CLI, expect, hasReference, NO_REFERENCE_REASON, openCompared, test } from './fixtures.ts';

interface Report {
  meta: { generatedAt: string; location: string; snapshots: { note?: string }[] };
}

test.describe('one snapshotAt (reference mirror, DeepState versions)', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  test('the JSON export of a comparison equals `frontline change --format json` but for generatedAt', async ({
    page,
    pageErrors,
  }) => {
    test.setTimeout(180_000);
    const [from, to] = ['2025-07-15', '2025-08-20'];
    await openCompared(page, `?source=deepstate-api&a=${from}&b=${to}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'JSON', exact: true }).click(),
    ]);
    const browser = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Report;
    // The CLI reads the same server the page does (no cache: every file comes from it).
    const api = new URL('/api/deepstate', page.url()).href;
    const out = execFileSync(
      'node',
      [CLI, 'change', '--source', 'deepstate-api', '--data', api, '--no-cache'].concat([
        '--from',
        from,
        '--to',
        to,
        '--format',
        'json',
      ]),
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const cli = JSON.parse(out) as Report;
    // Both used an earlier version for each date, and said so.
    expect(cli.meta.snapshots.map((s) => !!s.note)).toEqual([true, true]);
    expect(browser.meta.location).toBe(api);
    const withoutTime = (r: Report) => ({ ...r, meta: { ...r.meta, generatedAt: undefined } });
    expect(withoutTime(browser)).toEqual(withoutTime(cli));
    expect(browser.meta.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/u);
    expect(pageErrors).toEqual([]);
  });
});
