/**
 * Bench (f) — the full compare report on one date (DeepState archive vs UA Control Map, 2025-09-01) — for this tree
 * and an older checkout of the project, in one process and in turns, so both see the same machine (issue #16: the
 * machine is shared and wall times drift by 2× within minutes). Each run gets fresh copies of both snapshots, as in
 * `npm run bench`; both trees must produce the same report (compared as JSON, `generatedAt` aside).
 *
 *   git worktree add /tmp/before <commit> && ln -s "$PWD/node_modules" /tmp/before/node_modules
 *   FRONTLINE_REFERENCE_DATA=… node bin/run-ts.js bench/compareBefore.ts /tmp/before
 *
 * Prints, per tree, the median and minimum wall time and the median CPU time (process.cpuUsage: time the process
 * ran, not time it waited for a core) of 41 runs after 5 warm-ups.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { COMPARE_DATE, compareInputs, compareOnce } from './compareInputs.ts';

const ref = process.env['FRONTLINE_REFERENCE_DATA'];
const before = process.argv[2];
if (!ref || !before) {
  console.log(
    'SKIP compareBefore: needs FRONTLINE_REFERENCE_DATA and the path of an older checkout as argument',
  );
  process.exit(0);
}
const date = COMPARE_DATE;
const WARM = 5;
const RUNS = 41;

type Core = typeof import('../src/core/index.ts');
interface Tree {
  name: string;
  run: () => string;
  wall: number[];
  cpu: number[];
}

async function tree(name: string, root: string): Promise<Tree> {
  const core = (await import(pathToFileURL(join(root, 'src/core/index.ts')).href)) as Core;
  const { loadOblasts } = (await import(pathToFileURL(join(root, 'src/cli/geodata.ts')).href)) as {
    loadOblasts: () => ReturnType<typeof import('../src/cli/geodata.ts').loadOblasts>;
  };
  const oblasts = loadOblasts();
  const land = core.landOutline(oblasts.map((o) => o.geometry));
  const { archive, owl } = compareInputs(core, ref!, land, date);
  const out: Tree = { name, wall: [], cpu: [], run: () => '' };
  out.run = () => {
    const s = structuredClone({ a: archive, b: owl });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { report } = compareOnce(core, s, land, oblasts, date);
    out.wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    out.cpu.push((c.user + c.system) / 1000);
    return JSON.stringify(report);
  };
  return out;
}

const trees = [await tree('before', resolve(before)), await tree('this tree', resolve('.'))];
const reports = new Set<string>();
for (let i = 0; i < WARM + RUNS; i++) {
  for (const t of i % 2 ? trees : [...trees].reverse()) reports.add(t.run());
  if (i === WARM - 1) for (const t of trees) [t.wall.length, t.cpu.length] = [0, 0];
}
const median = (v: number[]): number => [...v].sort((p, q) => p - q)[v.length >> 1]!;
console.log(`bench (f), compare ${date}, ${RUNS} runs each, in turns (ms): median, min; CPU median`);
for (const t of trees)
  console.log(
    `${t.name.padEnd(10)} ${median(t.wall).toFixed(2).padStart(7)} ${Math.min(...t.wall)
      .toFixed(2)
      .padStart(7)}; ${median(t.cpu).toFixed(2).padStart(7)}`,
  );
console.log(`reports identical: ${reports.size === 1 ? 'yes' : 'NO'}`);
if (reports.size !== 1) process.exitCode = 1;
