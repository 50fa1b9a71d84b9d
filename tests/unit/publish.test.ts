/**
 * `frontline publish` (issue #17) on small authored sources in a temporary folder: the app copied, the data at the
 * paths the app reads (the version list holding only the versions published), the content-hashed history, an index
 * whose hashes match the files, the cache rules; a folder that is not empty and not an earlier publication refused
 * (nothing in it touched); and a failing source publishes nothing. The browser side is tests/e2e/publish.spec.ts.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PublishIndex } from '../../src/cli/commands/publish.ts';
import { cliArgs, type CliOptions } from '../support/cliArgs.ts';
import { runCli } from '../support/runCli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'frontline-publish-unit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const square = (x: number): number[][] => [
  [x, 48],
  [x + 0.1, 48],
  [x + 0.1, 48.1],
  [x, 48],
];
const polygonFile = (x: number, props: Record<string, string> = {}) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [square(x)] } },
    ],
  });

const app = join(tmp, 'app');
mkdirSync(join(app, 'assets'), { recursive: true });
writeFileSync(join(app, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(join(app, 'assets', 'index-abc.js'), 'export {};');

const archive = join(tmp, 'archive');
mkdirSync(archive);
for (const d of ['01', '02', '03', '05'])
  writeFileSync(join(archive, `deepstatemap_data_202508${d}.geojson`), polygonFile(37 + Number(d) / 100));

const api = join(tmp, 'api');
const versions = [
  { id: 1753900000, createdAt: '2025-07-30T18:26:40.000Z' },
  { id: 1754077960, createdAt: '2025-08-01T19:52:40.000Z' },
  { id: 1754150000, createdAt: '2025-08-02T15:53:20.000Z' },
];
mkdirSync(join(api, 'history'), { recursive: true });
writeFileSync(join(api, 'history', 'public'), JSON.stringify(versions));
for (const { id } of versions) {
  mkdirSync(join(api, 'history', String(id)));
  const props = { name: 'Окуповано /// Occupied /// geoJSON.status.occupied', fill: '#a52714' };
  writeFileSync(join(api, 'history', String(id), 'geojson'), polygonFile(37, props));
}

const noNet = (u: string) => Promise.reject(new Error(`no network in tests (${u})`));
const publish = (options: CliOptions) =>
  runCli(noNet, ...cliArgs('publish', { app, 'no-cache': true, ...options }));
/** Two days of the authored archive, as most cases publish them. */
const twoDays = { source: 'archive', data: archive, from: '2025-08-01', to: '2025-08-02' };
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('frontline publish', () => {
  it('writes the app and an archive range at the paths the app reads, with a hashed history and an index', async () => {
    const out = join(tmp, 'site-archive');
    const r = await publish({ source: 'archive', data: archive, from: '2025-08-01', to: '2025-08-05', out });
    expect(r.stderr).toContain('published 2025-08-01 → 2025-08-05 of archive');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<title>app</title>');
    expect(existsSync(join(out, 'assets', 'index-abc.js'))).toBe(true);
    const days = JSON.parse(readFileSync(join(out, 'api/archive/_index.json'), 'utf8')) as string[];
    expect(days).toEqual([
      'deepstatemap_data_20250801.geojson',
      'deepstatemap_data_20250802.geojson',
      'deepstatemap_data_20250803.geojson',
      'deepstatemap_data_20250805.geojson',
    ]);
    const index = JSON.parse(readFileSync(join(out, 'data/index.json'), 'utf8')) as PublishIndex;
    expect(index).toMatchObject({
      tool: 'frontline',
      source: 'archive',
      from: '2025-08-01',
      to: '2025-08-05',
    });
    expect(index.files.map((f) => f.path)).toContain('api/archive/deepstatemap_data_20250805.geojson');
    for (const f of index.files) expect(sha256(join(out, f.path)), f.path).toBe(f.sha256);
    // The history file is named by its content.
    const name = /^data\/history-day\.([0-9a-f]{12})\.json$/u.exec(index.history)!;
    expect(sha256(join(out, index.history)).slice(0, 12)).toBe(name[1]);
    const history = JSON.parse(readFileSync(join(out, index.history), 'utf8')) as {
      rows: { date: string }[];
    };
    expect(history.rows.map((r) => r.date)).toEqual([
      '2025-08-01',
      '2025-08-02',
      '2025-08-03',
      '2025-08-04',
      '2025-08-05',
    ]);
    expect(readFileSync(join(out, '_headers'), 'utf8')).toMatch(
      /\/assets\/\*\n {2}Cache-Control: public, max-age=31536000, immutable/u,
    );
  });

  it('lists only the DeepStateMap versions it publishes, so none answers 404', async () => {
    const out = join(tmp, 'site-api');
    const r = await publish({
      source: 'deepstate-api',
      data: api,
      from: '2025-08-01',
      to: '2025-08-31',
      out,
    });
    expect(r.code).toBe(0);
    const listed = JSON.parse(readFileSync(join(out, 'api/deepstate/history/public'), 'utf8')) as {
      id: number;
    }[];
    expect(listed.map((v) => v.id)).toEqual([1754077960, 1754150000]);
    for (const { id } of listed)
      expect(existsSync(join(out, 'api/deepstate/history', String(id), 'geojson'))).toBe(true);
  });

  it('publishes again into an earlier publication, and refuses any other folder that is not empty', async () => {
    const again = await publish({
      ...twoDays,
      out: join(tmp, 'site-archive'),
    });
    expect(again.code).toBe(0);
    const mine = join(tmp, 'my-folder');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'mine');
    const r = await publish({
      ...twoDays,
      out: mine,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not empty and not an earlier publication');
    expect(readdirSync(mine)).toEqual(['notes.txt']);
  });

  it('publishes nothing when the source fails, and says why', async () => {
    const out = join(tmp, 'site-failed');
    const r = await publish({ ...twoDays, data: join(tmp, 'no-such-folder'), out });
    expect(r.code).not.toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(false);
    expect(existsSync(join(out, 'data/index.json'))).toBe(false);
    // Run again once the source is back: the folder is its own earlier attempt, not someone else's.
    const retry = await publish({
      ...twoDays,
      out,
    });
    expect(retry.code).toBe(0);
    expect(existsSync(join(out, 'data/index.json'))).toBe(true);
  });

  it('exits 2 without a built app', async () => {
    const r = await publish({
      app: join(tmp, 'none'),
      ...twoDays,
      out: join(tmp, 'x'),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no built app in');
  });
});
