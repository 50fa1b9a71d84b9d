/**
 * Where the CLI's caches go (issue #17): the user's cache folder ($XDG_CACHE_HOME/frontline, or the platform's),
 * never the package's own folder; `--cache-dir` still wins. The end-to-end case fetches a day over HTTP from a local
 * server with XDG_CACHE_HOME pointed at a temporary folder, and finds it there.
 */
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCacheDir } from '../../src/sources/node/cache.ts';
import { runCli } from '../support/runCli.ts';
import { serveStaticFolder } from '../support/staticServer.ts';

describe('defaultCacheDir', () => {
  it.each([
    [{ XDG_CACHE_HOME: '/var/cache/me' }, 'linux', '/home/me', '/var/cache/me/frontline'],
    [{}, 'linux', '/home/me', '/home/me/.cache/frontline'],
    // A relative XDG_CACHE_HOME is invalid (XDG Base Directory spec) and ignored.
    [{ XDG_CACHE_HOME: 'relative/cache' }, 'linux', '/home/me', '/home/me/.cache/frontline'],
    [{ XDG_CACHE_HOME: '' }, 'freebsd', '/home/me', '/home/me/.cache/frontline'],
    [{}, 'darwin', '/Users/me', '/Users/me/Library/Caches/frontline'],
    [{ XDG_CACHE_HOME: '/Users/me/.xdg' }, 'darwin', '/Users/me', '/Users/me/.xdg/frontline'],
  ] as const)('%j on %s (home %s) → %s', (env, platform, home, expected) => {
    expect(defaultCacheDir(env, platform, home)).toBe(expected);
  });

  it('is under LOCALAPPDATA on Windows', () => {
    const dir = defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }, 'win32', 'C:\\Users\\me');
    expect(dir).toContain('frontline');
    expect(dir.startsWith('C:\\Users\\me\\AppData\\Local')).toBe(true);
  });

  it('is never inside the package', () => {
    const pkg = new URL('../../', import.meta.url).pathname;
    expect(defaultCacheDir().startsWith(pkg)).toBe(false);
  });
});

describe('the CLI caches a snapshot fetched over HTTP in $XDG_CACHE_HOME/frontline', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'frontline-cachedir-'));
  const site = join(tmp, 'site');
  const xdg = join(tmp, 'xdg');
  const saved = process.env['XDG_CACHE_HOME'];
  let server: Awaited<ReturnType<typeof serveStaticFolder>>;
  const day = JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [37, 48],
              [37.1, 48],
              [37.1, 48.1],
              [37, 48.1],
              [37, 48],
            ],
          ],
        },
      },
    ],
  });

  beforeAll(async () => {
    mkdirSync(site);
    writeFileSync(join(site, 'deepstatemap_data_20250815.geojson'), day);
    server = await serveStaticFolder(site);
    process.env['XDG_CACHE_HOME'] = xdg;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env['XDG_CACHE_HOME'];
    else process.env['XDG_CACHE_HOME'] = saved;
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const area = (...extra: string[]) =>
    runCli(
      (u, i) => fetch(u, i),
      'area',
      '--source',
      'archive',
      '--data',
      server.baseUrl,
      '--date',
      '2025-08-15',
      ...extra,
    );

  it('stores it there, and the second run reads it from there', async () => {
    const first = await area();
    expect(first.stderr).not.toContain('failed');
    expect(first.code).toBe(0);
    const stored = join(xdg, 'frontline', 'archive', 'deepstatemap_data_20250815.geojson');
    expect(existsSync(stored)).toBe(true);
    expect(existsSync(`${stored}.meta.json`)).toBe(true);
    const fetches = server.requests.filter((r) => r.endsWith('20250815.geojson')).length;
    const second = await area();
    expect(second.code).toBe(0);
    const timeless = (out: string) => out.replace(/"generatedAt": "[^"]+"/u, '');
    expect(timeless(second.stdout)).toBe(timeless(first.stdout));
    expect(server.requests.filter((r) => r.endsWith('20250815.geojson')).length).toBe(fetches);
  });

  it('--cache-dir still puts it elsewhere', async () => {
    const other = join(tmp, 'other');
    expect((await area('--cache-dir', other)).code).toBe(0);
    expect(readdirSync(join(other, 'archive'))).toContain('deepstatemap_data_20250815.geojson');
  });
});
