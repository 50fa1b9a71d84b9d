#!/usr/bin/env node
/**
 * Builds what is out of date before `npm start` (and `npm pack`): the app (`vite build` into dist/) when a file it is
 * built from is newer than dist/index.html, and the compiled CLI (scripts/build-cli.mjs --if-stale). A fresh clone
 * builds both once; later starts skip straight to serving.
 *
 * Usage: node scripts/ensure-built.mjs [--app] [--cli]   (both when neither is given)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const all = !args.includes('--app') && !args.includes('--cli');

/** What the app is built from: newer than dist/index.html means rebuild. */
const APP_INPUTS = [
  'src',
  'index.html',
  'vite.config.ts',
  'svelte.config.js',
  'geodata',
  'package.json',
  // npm keeps the packages' own file dates, so an upgraded dependency looks old: the lock file's date tells.
  'package-lock.json',
  'public',
];
const SKIP = new Set(['cache', 'node_modules']);

/** The newest modification time under a file or folder (0 when absent). */
function newest(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) if (!SKIP.has(name)) max = Math.max(max, newest(join(path, name)));
  return max;
}

function run(command, commandArgs) {
  // Build logs go to stderr: stdout stays clean for whoever runs this (`npm pack --json`).
  const r = spawnSync(command, commandArgs, { cwd: root, stdio: [0, 2, 2] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (all || args.includes('--app')) {
  const built = join(root, 'dist', 'index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const sourcesAt = Math.max(...APP_INPUTS.map((p) => newest(join(root, p))));
  if (sourcesAt > builtAt) {
    const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    if (!existsSync(vite)) {
      process.stderr.write('The app needs building, but Vite is not installed here: run `npm ci` first.\n');
      process.exit(1);
    }
    process.stderr.write(
      builtAt ? 'Sources changed since the last build: building the app…\n' : 'Building the app…\n',
    );
    run(process.execPath, [vite, 'build', '--logLevel', 'warn']);
  }
}
if (all || args.includes('--cli'))
  run(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--if-stale']);
