/**
 * The package as a user installs it (issue #17): `npm pack` makes a tarball (building the app and the CLI first,
 * via prepack/prepare), `npm install -g --prefix TMP` of that tarball installs a `frontline` command, offline (the
 * package has no runtime dependencies: the CLI is one bundle, the app is built), and that command works from any
 * folder: `--help`, and a `change` on a folder of GeoJSON files copied elsewhere.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'frontline-install-'));
const prefix = join(tmp, 'prefix');
const elsewhere = join(tmp, 'somewhere', 'else');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let frontline = '';
let files: string[] = [];

beforeAll(() => {
  mkdirSync(elsewhere, { recursive: true });
  const packed = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--pack-destination', tmp], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as { filename: string; files: { path: string }[] }[];
  files = packed[0]!.files.map((f) => f.path);
  const tarball = join(tmp, packed[0]!.filename);
  execFileSync(
    npm,
    [
      'install',
      '-g',
      '--prefix',
      prefix,
      tarball,
      '--offline',
      '--no-audit',
      '--no-fund',
      '--loglevel',
      'error',
    ],
    { cwd: elsewhere, stdio: 'ignore', env: { ...process.env, npm_config_cache: join(tmp, 'npm-cache') } },
  );
  frontline = join(prefix, 'bin', 'frontline');
}, 240_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = (...argv: string[]) => {
  const r = spawnSync(frontline, argv, {
    cwd: elsewhere,
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: join(tmp, 'cache') },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

describe('npm pack, then npm install -g of the tarball', () => {
  it('packs the CLI bundle and the built app, and no sources, tests or caches', () => {
    expect(files).toContain('dist-cli/frontline.js');
    expect(files).toContain('dist/index.html');
    expect(files).toContain('package.json');
    expect(files.filter((f) => /^(src|tests|bench|node_modules|geodata)\//u.test(f))).toEqual([]);
  });

  it('installs a frontline command, and nothing else (no dependencies to fetch)', () => {
    expect(existsSync(frontline)).toBe(true);
    const installed = join(prefix, 'lib', 'node_modules', 'frontline');
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);
    expect(readdirSync(join(prefix, 'lib', 'node_modules'))).toEqual(['frontline']);
  });

  it('answers --help from any folder', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npx frontline <command>');
    expect(r.stdout).toContain('  publish ');
  });

  it('computes a change on a folder of files from any folder', () => {
    const data = join(elsewhere, 'my-lines');
    cpSync(join(root, 'tests/fixtures/in/folder'), data, { recursive: true });
    const r = run(
      'change',
      '--source',
      'folder',
      '--data',
      'my-lines',
      '--from',
      '2025-08-15',
      '--to',
      '2025-08-16',
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      meta: { tool: string; toolVersion: string; location: string };
      byOblast: { iso: string }[];
    };
    expect(report.meta.tool).toBe('frontline');
    expect(report.meta.location).toBe(data);
    expect(report.byOblast.some((o) => /^UA-\d\d$/u.test(o.iso))).toBe(true);
  });

  it('exits 2 on wrong usage', () => {
    expect(run('change', '--source', 'nowhere').code).toBe(2);
  });
});
