/**
 * The compiled CLI (issue #17): scripts/build-cli.mjs bundles src/cli into dist-cli/frontline.js, the package's
 * `bin`.
 * Copied alone into an empty temporary folder (no node_modules, no geodata/, no package.json beside it) and run from
 * there in its own Node process, it must answer as the sources do: same help, same report (bar the time it was made),
 * same exit codes.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'tests/fixtures/in/folder');
let dir = '';
let bundle = '';
const savedXdg = process.env['XDG_CACHE_HOME'];

/** Runs the copied bundle with cwd in the temporary folder. */
function runBundle(...argv: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bundle, ...argv], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const noNetwork = (url: string): Promise<Response> =>
  Promise.reject(new Error(`tests make no network request (${url})`));

/** A JSON report without the time it was generated, which differs from run to run. */
const withoutTime = (json: string): unknown => {
  const r = JSON.parse(json) as { meta: { generatedAt?: string } };
  delete r.meta.generatedAt;
  return r;
};

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--if-stale'], { cwd: root });
  dir = mkdtempSync(join(tmpdir(), 'frontline-bundle-'));
  bundle = join(dir, 'frontline.js');
  copyFileSync(join(root, 'dist-cli/frontline.js'), bundle);
  // The help names the cache folder: the same one for the bundle and the sources.
  process.env['XDG_CACHE_HOME'] = join(dir, 'cache');
}, 60_000);

afterAll(() => {
  if (savedXdg === undefined) delete process.env['XDG_CACHE_HOME'];
  else process.env['XDG_CACHE_HOME'] = savedXdg;
  rmSync(dir, { recursive: true, force: true });
});

describe('dist-cli/frontline.js, alone in an empty folder', () => {
  it('prints the same help as the sources and exits 0', async () => {
    const r = runBundle('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await runCli(noNetwork, '--help')).stdout);
  });

  it('computes the same change report as the sources on a folder of files (inlined boundaries)', async () => {
    const args = [
      'change',
      '--source',
      'folder',
      '--data',
      fixtures,
      '--from',
      '2025-08-15',
      '--to',
      '2025-08-16',
    ];
    const r = runBundle(...args, '--format', 'json');
    expect(r.stderr).not.toContain('failed');
    expect(r.code).toBe(0);
    const fromSources = await runCli(noNetwork, ...args, '--format', 'json');
    expect(withoutTime(r.stdout)).toEqual(withoutTime(fromSources.stdout));
    // Split by the inlined boundaries: the fixture's change lies in some oblasts.
    const report = JSON.parse(r.stdout) as { byOblast: { iso: string }[] };
    expect(report.byOblast.filter((o) => /^UA-\d\d$/u.test(o.iso)).length).toBeGreaterThan(0);
  });

  it('carries the package version and the reported-figures registry', async () => {
    const r = runBundle('check', '--format', 'json', '--source', 'folder', '--data', fixtures);
    const fromSources = await runCli(
      noNetwork,
      'check',
      '--format',
      'json',
      '--source',
      'folder',
      '--data',
      fixtures,
    );
    expect(r.code).toBe(fromSources.code);
    const out = JSON.parse(r.stdout) as { meta: { toolVersion: string }; checks: unknown[] };
    expect(out.meta.toolVersion).toMatch(/^\d+\.\d+\.\d+/u);
    expect(out.checks.length).toBeGreaterThan(5);
    expect(withoutTime(r.stdout)).toEqual(withoutTime(fromSources.stdout));
  });

  it('exits 2 on wrong usage, with the same message', async () => {
    const r = runBundle('area', '--source', 'wikipedia');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe((await runCli(noNetwork, 'area', '--source', 'wikipedia')).stderr);
  });
});

describe('frontline serve (what npm start runs)', () => {
  it('serves a built app, says where, and stops at once on SIGTERM though a browser keeps a connection open', async () => {
    const app = join(dir, 'app');
    mkdirSync(app, { recursive: true });
    writeFileSync(join(app, 'index.html'), '<!doctype html><title>built</title>');
    const child = spawn(process.execPath, [bundle, 'serve', '--port', '0', '--app', app], { cwd: dir });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((ok, fail) => {
      child.on('exit', (code) => fail(new Error(`exited ${code}`)));
      child.stdout.on('data', () => {
        const m = /Frontline: (http:\/\/127\.0\.0\.1:\d+\/)/u.exec(out);
        if (m) ok(m[1]!);
      });
    });
    const agent = new Agent({ keepAlive: true });
    const body = await new Promise<string>((ok, fail) =>
      get(url, { agent }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => ok(text));
      }).on('error', fail),
    );
    expect(body).toContain('<title>built</title>');
    const exited = new Promise<number | null>((ok) => child.on('exit', ok));
    child.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise<string>((ok) => setTimeout(() => ok('still running'), 5000)),
    ]);
    agent.destroy();
    if (code === 'still running') child.kill('SIGKILL');
    expect(code).toBe(0);
  });

  it('exits 2 when there is no built app', () => {
    const r = runBundle('serve', '--port', '0', '--app', join(dir, 'nothing-built'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no built app in');
  });
});
