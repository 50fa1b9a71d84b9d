/**
 * `frontline publish` (issue #17): a month of the reference archive published into a temporary folder, served by a
 * plain static file server written here (node:http and a few content types — no project code, no proxy, no Vite),
 * and the app's main flow against it: map, timeline, compare (figures equal to the CLI's), exports.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import {
  cliChange,
  expect,
  hasReference,
  layerIds,
  NO_REFERENCE_REASON,
  test,
  waitForMapIdle,
} from './fixtures.ts';
import { cliArgs } from '../support/cliArgs.ts';

const PORT = Number(process.env['FRONTLINE_E2E_PORT'] ?? 4311) + 2;
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.geojson': 'application/json',
};

let dir = '';
let server: Server;
const served: { path: string; status: number }[] = [];

test.describe('a published folder on a plain static server', () => {
  test.skip(!hasReference, NO_REFERENCE_REASON);

  test.beforeAll(async () => {
    // The compiled CLI as `npm ci` built it, rebuilt if src/cli changed since.
    execFileSync('node', ['scripts/build-cli.mjs', '--if-stale'], { stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'frontline-publish-'));
    const archive = resolve(process.env['FRONTLINE_REFERENCE_DATA']!, 'deepstate-archive');
    // From mid-July: two month ends (07-31, 08-31), so the area chart has a line to draw from the history.
    execFileSync(
      'node',
      [
        'dist-cli/frontline.js',
        ...cliArgs('publish', {
          source: 'archive',
          data: archive,
          from: '2025-07-15',
          to: '2025-08-31',
          out: dir,
          app: process.env['FRONTLINE_E2E_DIST'] ?? 'dist',
        }),
      ],
      { stdio: 'ignore' },
    );
    // The whole server: files under dir, by path; index.html for a folder; 404 otherwise.
    server = createServer((req, res) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
      let file = resolve(dir, `.${path}`);
      if (!file.startsWith(dir + sep) && file !== dir) file = '';
      else if (file === dir || path.endsWith('/')) file = join(file, 'index.html');
      const ok = !!file && (statSync(file, { throwIfNoEntry: false })?.isFile() ?? false);
      served.push({ path, status: ok ? 200 : 404 });
      if (!ok) return void res.writeHead(404).end('not found');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    await new Promise<void>((ok) => server.listen(PORT, '127.0.0.1', ok));
  });

  test.afterAll(async () => {
    await new Promise((ok) => server?.close(ok));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('map, timeline, compare and exports work from the published files alone', async ({
    page,
    pageErrors,
  }) => {
    const base = `http://127.0.0.1:${PORT}`;
    const cli = cliChange<{ gainedKm2: number; lostKm2: number; netKm2: number }>('2025-08-05', '2025-08-25');
    await page.goto(`${base}/?source=archive&a=2025-08-05&b=2025-08-25&t=2025-08-10`);
    await waitForMapIdle(page);
    // The map: boundaries and the timeline's layers.
    expect(await layerIds(page, 'oblasts-')).toHaveLength(3);
    await expect(page.getByTestId('timeline-date')).toHaveText('2025-08-10');
    await expect(page.getByTestId('timeline-area')).toBeVisible();
    await expect.poll(() => layerIds(page, 'timeline-')).toHaveLength(2);

    // The timeline steps through the published days.
    await page.getByRole('slider', { name: 'Timeline date' }).press('ArrowRight');
    await expect(page.getByTestId('timeline-date')).toHaveText('2025-08-11');

    // Compare: the same figures as the CLI for the same days.
    const fmt = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    await expect(page.getByRole('group', { name: /^Change from/u })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('gained')).toHaveText(fmt.format(cli.gainedKm2));
    await expect(page.getByTestId('lost')).toHaveText(fmt.format(cli.lostKm2));
    expect(await layerIds(page, 'change-')).toEqual(['change-fill', 'change-line']);

    // Export: the CSV carries the same net figure.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('frontline_archive_2025-08-05_2025-08-25.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(`,${cli.netKm2.toFixed(2)}`);

    // Everything came from the folder: the app, the day list and the days, with nothing missing.
    expect(served.some((r) => r.path === '/api/archive/_index.json' && r.status === 200)).toBe(true);
    expect(
      served.filter((r) => r.path.startsWith('/api/archive/deepstatemap_data_202508')).length,
    ).toBeGreaterThanOrEqual(3);
    // (The browser's own favicon request is the only miss: the app has no icon.)
    expect(served.filter((r) => r.status !== 200 && r.path !== '/favicon.ico')).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('the index lists every data file with its hash, and the history is content-addressed', () => {
    const index = JSON.parse(readFileSync(join(dir, 'data/index.json'), 'utf8')) as {
      source: string;
      history: string;
      files: { path: string; sha256: string; bytes: number }[];
    };
    expect(index.source).toBe('archive');
    const days = index.files.filter((f) => /deepstatemap_data_202508\d\d\.geojson$/u.test(f.path));
    expect(days).toHaveLength(31);
    for (const f of days) expect(statSync(join(dir, f.path)).size).toBe(f.bytes);
    expect(index.history).toMatch(/^data\/history-day\.[0-9a-f]{12}\.json$/u);
    const history = JSON.parse(readFileSync(join(dir, index.history), 'utf8')) as { rows: unknown[] };
    expect(history.rows).toHaveLength(48);
  });

  test('the area chart comes from the precomputed history: no snapshot is fetched for its months', async ({
    page,
    pageErrors,
  }) => {
    await page.goto(`http://127.0.0.1:${PORT}/?source=archive&t=2025-08-10`);
    await waitForMapIdle(page);
    const before = served.length;
    await page.getByRole('button', { name: 'Draw occupied area and monthly change' }).click();
    const area = page.getByRole('img', { name: 'Occupied area over time' });
    // Both month ends of the range (07-31, 08-31) drawn as points, each at the area the history holds.
    await expect(area.locator('svg circle')).toHaveCount(2, { timeout: 60_000 });
    await expect(page.getByText(/Loading month/u)).toBeHidden();
    // The length chart from the same history (publish runs it with --length): its two lines, no worker measure.
    await expect(page.getByTestId('length-chart').locator('svg [aria-label="line"] path')).toHaveCount(2, {
      timeout: 60_000,
    });
    const asked = served.slice(before).map((r) => r.path);
    expect(asked).toContain('/data/index.json');
    expect(asked.some((p) => /^\/data\/history-day\.[0-9a-f]{12}\.json$/u.test(p))).toBe(true);
    // Computing would have fetched the month ends' days (the timeline only read around 08-10).
    expect(asked.filter((p) => /deepstatemap_data_2025(0731|0831)/u.test(p))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
