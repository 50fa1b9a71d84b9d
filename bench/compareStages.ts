/**
 * Where the time of bench (f) goes (issue #16): the full compare report on one date (DeepState archive vs UA Control
 * Map, 2025-09-01), on the bench's inputs (fresh copies of both snapshots every run), cut into the stages
 * `compareAssessments` (src/core/report/compareAssessments.ts) runs, each timed on its own. The stages run in the
 * same order as there, so every cache (edges prepared per geometry object, the land's complement, the oblasts' grid)
 * is as warm or as cold as in the real call; the sum is a little over (f)'s median (timer calls, no inlining across).
 *
 * `node bin/run-ts.js bench/compareStages.ts` with FRONTLINE_REFERENCE_DATA set; prints medians (and minima) of 21
 * runs after 5 warm-ups, and the whole call's in the same loop.
 */
import {
  areaByRegion,
  changeBetween,
  classGeometry,
  clipToLand,
  landOutline,
  makeValid,
  type Snapshot,
} from '../src/core/index.ts';
import { loadOblasts } from '../src/cli/geodata.ts';
import * as core from '../src/core/index.ts';
import { COMPARE_DATE, compareInputs, compareOnce } from './compareInputs.ts';

const ref = process.env['FRONTLINE_REFERENCE_DATA'];
if (!ref) {
  console.log('SKIP compareStages: FRONTLINE_REFERENCE_DATA is not set; it runs on real data only');
  process.exit(0);
}
const date = COMPARE_DATE;
const oblasts = loadOblasts();
const regions = oblasts.map((o) => o.geometry);
const land = landOutline(regions);
const { archive, owl } = compareInputs(core, ref, land, date);
const fresh = (): { a: Snapshot; b: Snapshot } => structuredClone({ a: archive, b: owl });

const stages = [
  'classGeometry A',
  'classGeometry B',
  'clip A',
  'clip B',
  'makeValid clip A',
  'makeValid clip B',
  'changeBetween',
  'classGeometry A again',
  'A per oblast',
  'lost per oblast',
  'gained per oblast',
] as const;
const times = new Map<string, number[]>(
  [...stages, 'sum of stages', 'compareAssessments'].map((s) => [s, []]),
);

function staged(s: { a: Snapshot; b: Snapshot }): void {
  const t: number[] = [performance.now()];
  const mark = (): number => t.push(performance.now());
  const ca = classGeometry(s.a, 'occupied_all');
  mark();
  const cb = classGeometry(s.b, 'occupied_all');
  mark();
  const ga = clipToLand(ca, land);
  mark();
  const gb = clipToLand(cb, land);
  mark();
  makeValid(ga);
  mark();
  makeValid(gb);
  mark();
  const change = changeBetween(ga, gb);
  mark();
  const again = classGeometry(s.a, 'occupied_all');
  mark();
  areaByRegion(again, regions);
  mark();
  areaByRegion(change.lost, regions);
  mark();
  areaByRegion(change.gained, regions);
  mark();
  stages.forEach((name, i) => times.get(name)!.push(t[i + 1]! - t[i]!));
  times.get('sum of stages')!.push(t[t.length - 1]! - t[0]!);
}

function whole(s: { a: Snapshot; b: Snapshot }): void {
  const t0 = performance.now();
  compareOnce(core, s, land, oblasts, date);
  times.get('compareAssessments')!.push(performance.now() - t0);
}

// The oblasts' own grid, the regions' strips and the land's complement belong to the warm-up, as in bench (f).
const WARM = 5;
const RUNS = 21;
for (let i = 0; i < WARM + RUNS; i++) {
  const [x, y] = [fresh(), fresh()];
  if (i % 2) {
    staged(x);
    whole(y);
  } else {
    whole(y);
    staged(x);
  }
  if (i === WARM - 1) for (const v of times.values()) v.length = 0;
}
const median = (v: number[]): number => [...v].sort((p, q) => p - q)[v.length >> 1]!;
// The minimum too: on a shared machine it is the figure least disturbed by other processes.
console.log(`compare ${date}, archive vs owlmaps, ${RUNS} runs (ms): median, min`);
for (const [name, v] of times)
  console.log(
    `${name.padEnd(22)} ${median(v).toFixed(2).padStart(7)} ${Math.min(...v)
      .toFixed(2)
      .padStart(7)}`,
  );
