/**
 * `npm run bench`: how fast the full change report is on real data (issue #4), against a plain baseline.
 *
 * The report for one pair of dates is what `frontline change` computes: gained, lost and net, and gained/lost in
 * each of the 27 oblasts and 10 focus areas. Three engines compute it from the same parsed geometries:
 *   (a) plain Turf: `difference` both ways, then `intersect` of the gained and the lost with every region, on whole
 *       geometries (the baseline);
 *   (b) GEOS 3.13 compiled to WebAssembly (`geos-wasm`): difference both ways, intersection per region; our areaKm2
 *       on its output. Converting the two snapshots into GEOS is timed; the regions are converted once, untimed;
 *   (c) the edge engine: `changeBetween` (from boundary edges, src/core/geometry/edgeChange.ts) + `changeByRegion`. The regions'
 *       indexes are built once, in the warm-up run, as GEOS's region geometries are; the snapshots are fresh copies
 *       for every run of every engine, so nothing prepared for one run's geometries helps the next. The edge engine builds
 *       the gained/lost GeoJSON polygons only when they are read; "(c) + polygons" reads them as well.
 * Turf is run once to warm up, then RUNS times; (b) and (c), cheap enough, WARM times to warm up, then FAST_RUNS times
 * (one warm-up left (c)'s first row slower than its second, which does more work: the JIT, not the engine). The
 * median is printed with its ratio to (a). (c) and (b) are checked
 * against (a): equal within 0.05% or 0.05 km², whichever is larger.
 * Then (d): the whole archive's consecutive-day history with the per-oblast split (the edge engine only), with peak RSS.
 * Then (e), memory ceilings (issue #6), each command in its own Node process so its peak RSS is its own: a `frontline
 * sync` of the whole archive from a local HTTP server over the reference folder into a temporary folder, and the
 * CLI's whole-archive `frontline history --step day`. maxRSS is read in the child (`process.resourceUsage()` at
 * exit, loaded with `node --import`), so no `/usr/bin/time` is needed.
 *
 * Real data only: it reads FRONTLINE_REFERENCE_DATA (e.g. ../shared/geodata) and skips, saying why, without it.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { difference, featureCollection, intersect } from '@turf/turf';
import type { Feature } from 'geojson';
import {
  areaKm2,
  changeBetween,
  changeByRegion,
  classGeometry,
  frontContext,
  frontLine,
  edgeChange,
  type AreaGeometry,
  type Region,
} from '../src/core/index.ts';
import { loadFocusAreas, loadFrontOutline, loadOblasts } from '../src/cli/geodata.ts';
import { createArchiveSource } from '../src/sources/archive.ts';
import { fileFetch } from '../src/sources/node/fileFetch.ts';
import { loadGeos, type Geos, type GeosGeom } from '../tests/support/geos.ts';
import { serveStaticFolder } from '../tests/support/staticServer.ts';
import { WINDOWED_VS_OVERLAY_ABS_KM2, WINDOWED_VS_OVERLAY_REL } from '../tests/unit/tolerances.ts';
import { benchAssessments } from './assessments.ts';

const RUNS = 5;
const WARM = 5;
const FAST_RUNS = 21;
const PAIRS: [string, string][] = [
  ['2025-08-15', '2025-11-20'],
  ['2025-08-15', '2025-08-16'],
];

interface Report {
  gainedKm2: number;
  lostKm2: number;
  netKm2: number;
  regions: { iso: string; gainedKm2: number; lostKm2: number }[];
  /** How many gained and lost polygons were built as GeoJSON, when they were. */
  polygons?: number;
}

const asFeature = (g: AreaGeometry): Feature<AreaGeometry> => ({
  type: 'Feature',
  geometry: g,
  properties: {},
});

function turfOverlay(
  op: typeof difference,
  p: AreaGeometry | null,
  q: AreaGeometry | null,
): AreaGeometry | null {
  if (!p) return null;
  if (!q) return op === difference ? p : null;
  return (op(featureCollection([asFeature(p), asFeature(q)]))?.geometry as AreaGeometry | undefined) ?? null;
}

/** (a) The plain-Turf baseline. */
function turfReport(a: AreaGeometry | null, b: AreaGeometry | null, regions: readonly Region[]): Report {
  const gained = turfOverlay(difference, b, a);
  const lost = turfOverlay(difference, a, b);
  return {
    gainedKm2: areaKm2(gained),
    lostKm2: areaKm2(lost),
    netKm2: areaKm2(b) - areaKm2(a),
    regions: regions.map((r) => ({
      iso: r.properties.id,
      gainedKm2: areaKm2(turfOverlay(intersect, gained, r.geometry)),
      lostKm2: areaKm2(turfOverlay(intersect, lost, r.geometry)),
    })),
  };
}

/** (b) GEOS: the snapshots are converted on every run, the regions once (`regionGeoms`). */
function geosReport(
  geos: Geos,
  a: AreaGeometry | null,
  b: AreaGeometry | null,
  regions: readonly Region[],
  regionGeoms: readonly GeosGeom[],
): Report {
  if (!a || !b) throw new Error('the benchmark pairs have territory on both dates');
  const ga = geos.fromGeoJson(a);
  const gb = geos.fromGeoJson(b);
  const gained = geos.difference(gb, ga);
  const lost = geos.difference(ga, gb);
  const areaOf = (g: GeosGeom) => areaKm2(geos.toGeoJson(g));
  const inside = (g: GeosGeom, r: GeosGeom) => {
    const i = geos.intersection(g, r);
    const km2 = areaOf(i);
    geos.free(i);
    return km2;
  };
  const report: Report = {
    gainedKm2: areaOf(gained),
    lostKm2: areaOf(lost),
    netKm2: areaKm2(b) - areaKm2(a),
    regions: regions.map((r, i) => ({
      iso: r.properties.id,
      gainedKm2: inside(gained, regionGeoms[i]!),
      lostKm2: inside(lost, regionGeoms[i]!),
    })),
  };
  [ga, gb, gained, lost].forEach(geos.free);
  return report;
}

/**
 * (c) The edge engine. Its gained/lost polygons become GeoJSON only when read (the figures don't need them): `withPolygons`
 * reads them too, which is what the GeoJSON export and the map do.
 */
function edgeEngineReport(
  a: AreaGeometry | null,
  b: AreaGeometry | null,
  regions: readonly Region[],
  withPolygons = false,
): Report {
  const change = changeBetween(a, b);
  const polygons = withPolygons
    ? (change.gained?.coordinates.length ?? 0) + (change.lost?.coordinates.length ?? 0)
    : undefined;
  return {
    polygons,
    gainedKm2: change.gainedKm2,
    lostKm2: change.lostKm2,
    netKm2: change.netKm2,
    regions: changeByRegion(change, regions).map((r) => ({
      iso: r.iso,
      gainedKm2: r.gainedKm2,
      lostKm2: r.lostKm2,
    })),
  };
}

/** The largest deviation of `x` from the baseline `base`, and whether all are within 0.05% or 0.05 km². */
function compare(x: Report, base: Report): { ok: boolean; worstKm2: number } {
  const pairs: [number, number][] = [
    [x.gainedKm2, base.gainedKm2],
    [x.lostKm2, base.lostKm2],
    [x.netKm2, base.netKm2],
    ...x.regions.flatMap((r, i): [number, number][] => [
      [r.gainedKm2, base.regions[i]!.gainedKm2],
      [r.lostKm2, base.regions[i]!.lostKm2],
    ]),
  ];
  let ok = true;
  let worstKm2 = 0;
  for (const [v, w] of pairs) {
    const d = Math.abs(v - w);
    worstKm2 = Math.max(worstKm2, d);
    if (d > Math.max(WINDOWED_VS_OVERLAY_REL * Math.abs(w), WINDOWED_VS_OVERLAY_ABS_KM2)) ok = false;
  }
  return { ok, worstKm2 };
}

/**
 * Runs `fn` `warm` times to warm up, then `runs` times; the median and the last result. `fresh` (untimed) makes new inputs
 * for every run, so that nothing an engine caches per geometry object carries over from one run to the next.
 */
function measure<I, T>(
  fresh: () => I,
  fn: (input: I) => T,
  runs = RUNS,
  warm = 1,
): { medianMs: number; result: T } {
  let result = fn(fresh());
  for (let i = 1; i < warm; i++) result = fn(fresh());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = fresh();
    const t0 = performance.now();
    result = fn(input);
    times.push(performance.now() - t0);
  }
  times.sort((p, q) => p - q);
  const mid = times.length >> 1;
  const medianMs = times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  return { medianMs, result };
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1)).padStart(8);
const km2 = (x: number): string => x.toFixed(2).padStart(9);

async function main(): Promise<void> {
  const refEnv = process.env['FRONTLINE_REFERENCE_DATA'];
  if (!refEnv) {
    console.log(
      'SKIP bench: FRONTLINE_REFERENCE_DATA is not set; it runs on real data only ' +
        '(e.g. FRONTLINE_REFERENCE_DATA=../shared/geodata npm run bench)',
    );
    return;
  }
  const dir = resolve(refEnv, 'deepstate-archive');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    console.log(`SKIP bench: ${dir} is not readable`);
    return;
  }
  const source = createArchiveSource({ baseUrl: dir, fetch: fileFetch(dir), listNames: async () => names });
  const { versions } = await source.listVersions();
  // FRONTLINE_BENCH_ONLY=f: only the whole-process times of the compiled CLI (f), without (a)–(e).
  if (process.env['FRONTLINE_BENCH_ONLY'] === 'f') {
    await processTimes(dir, versions[0]!.date, versions.at(-1)!.date, null);
    return;
  }
  const geometryOn = async (date: string) => {
    const version = versions.find((v) => v.date === date);
    if (!version) throw new Error(`the archive has no ${date}`);
    return classGeometry(await source.loadVersion(version), 'occupied_all');
  };
  const oblasts = loadOblasts();
  const focusAreas = loadFocusAreas();
  const regions = [...oblasts, ...focusAreas];

  const geos: Geos | null = await loadGeos().catch((err: Error) => {
    console.log(`(b) skipped: geos-wasm did not load: ${err.message}`);
    return null;
  });
  const geosNote = geos ? `geos-wasm (GEOS ${geos.version})` : 'no geos-wasm';
  const regionGeoms = geos ? regions.map((r) => geos.fromGeoJson(r.geometry)) : [];

  console.log(
    `Change report = gained, lost, net + gained/lost in ${oblasts.length} oblasts and ${focusAreas.length} focus areas; ` +
      `median of ${RUNS} runs after 1 warm-up for (a), of ${FAST_RUNS} after ${WARM} for (b) and (c); node ${process.version}; ${geosNote}`,
  );
  console.log(
    `${'pair'.padEnd(24)} ${'engine'.padEnd(16)} ${'median ms'.padStart(9)} ${'vs (a)'.padStart(8)} ${'gained'.padStart(9)} ${'lost'.padStart(9)} ${'net'.padStart(9)}  equals (a)`,
  );
  for (const [from, to] of PAIRS) {
    const a = await geometryOn(from);
    const b = await geometryOn(to);
    const label = `${from} → ${to}`;
    const rows: { engine: string; medianMs: number; result: Report }[] = [];
    // Every run gets its own copy of the two snapshots' geometries (made untimed): the engines see them cold.
    const fresh = () => structuredClone({ a, b });
    rows.push({ engine: '(a) turf', ...measure(fresh, (g) => turfReport(g.a, g.b, regions)) });
    if (geos)
      rows.push({
        engine: '(b) geos-wasm',
        ...measure(fresh, (g) => geosReport(geos, g.a, g.b, regions, regionGeoms), FAST_RUNS, WARM),
      });
    rows.push({
      engine: '(c) edge engine',
      ...measure(fresh, (g) => edgeEngineReport(g.a, g.b, regions), FAST_RUNS, WARM),
    });
    rows.push({
      engine: '(c) + polygons',
      ...measure(fresh, (g) => edgeEngineReport(g.a, g.b, regions, true), FAST_RUNS, WARM),
    });
    const base = rows[0]!;
    rows.forEach((r, i) => {
      const cmp = compare(r.result, base.result);
      const ratio = base.medianMs / r.medianMs;
      console.log(
        `${(i === 0 ? label : '').padEnd(24)} ${r.engine.padEnd(16)} ${ms(r.medianMs).padStart(9)} ` +
          `${(i === 0 ? '1×' : `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`).padStart(8)} ` +
          `${km2(r.result.gainedKm2)} ${km2(r.result.lostKm2)} ${km2(r.result.netKm2)}  ` +
          (i === 0 ? '—' : `${cmp.ok ? 'yes' : 'NO'} (worst ${cmp.worstKm2.toExponential(1)} km²)`),
      );
    });
    console.log(
      `${''.padEnd(24)} (c) answered from edges: ${edgeChange(a, b) ? 'yes' : 'NO, fell back to the windowed overlay'}`,
    );
  }
  regionGeoms.forEach((g) => geos?.free(g));

  // (f) Issue #16: comparing two assessments on one date (bench/assessments.ts).
  benchAssessments(resolve(refEnv), oblasts, geos, measure, { slow: RUNS, fast: FAST_RUNS, warm: WARM });

  // (d) The whole archive, day after day, with the per-oblast split: what `frontline history --step day --by-oblast`
  // computes. Loading (read + parse + validate) is timed apart from the change computation.
  let loadMs = 0;
  let computeMs = 0;
  let pairs = 0;
  let peakRss = process.memoryUsage().rss;
  let prev: AreaGeometry | null = null;
  let prevForGeos: AreaGeometry | null = null;
  let geosMs = 0;
  let geosNet = 0;
  let netSum = 0;
  // (d') issue #15: the front line's length on every day, with one context for the whole run as `history --length`.
  const tFront = performance.now();
  const cpuContext = process.cpuUsage();
  const front = frontContext(loadFrontOutline(), oblasts);
  // CPU time as well as wall time: on a shared machine the wall time of a second-long loop is noisy.
  let frontCpuUs = process.cpuUsage(cpuContext).user;
  let frontMs = performance.now() - tFront;
  let firstFrontMs = 0;
  let lengthSum = 0;
  for (const version of versions) {
    const t0 = performance.now();
    const geom = classGeometry(await source.loadVersion(version), 'occupied_all');
    const tl = performance.now();
    const cpu = process.cpuUsage();
    lengthSum += frontLine(geom, front).lengthKm;
    frontCpuUs += process.cpuUsage(cpu).user;
    const dt = performance.now() - tl;
    if (!firstFrontMs) firstFrontMs = dt;
    frontMs += dt;
    const t1 = performance.now();
    if (prev) {
      const change = changeBetween(prev, geom);
      const byOblast = changeByRegion(change, oblasts);
      netSum += byOblast.reduce((s, r) => s + r.netKm2, 0);
      pairs++;
    }
    computeMs += performance.now() - t1;
    loadMs += tl - t0;
    if (geos && prevForGeos && geom) {
      // The GEOS baseline of the same history: both snapshots into GEOS, difference both ways, their areas.
      const t2 = performance.now();
      const pa = geos.fromGeoJson(prevForGeos);
      const pb = geos.fromGeoJson(geom);
      const gained = geos.difference(pb, pa);
      const lost = geos.difference(pa, pb);
      geosNet += areaKm2(geos.toGeoJson(gained)) - areaKm2(geos.toGeoJson(lost));
      [pa, pb, gained, lost].forEach((g) => geos.free(g));
      geosMs += performance.now() - t2;
    }
    prevForGeos = geom;
    prev = geom;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `(d) whole archive, ${versions.length} days (${versions[0]!.date} → ${versions.at(-1)!.date}), ` +
      `${pairs} consecutive pairs with the ${oblasts.length}-oblast split: change ${(computeMs / 1000).toFixed(2)} s ` +
      `(${(computeMs / pairs).toFixed(1)} ms/pair); loading and parsing the files ${(loadMs / 1000).toFixed(2)} s; ` +
      `peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB sampled, ${maxRssMb.toFixed(0)} MB maxRSS; ` +
      `net inside the oblasts over the whole period ${netSum.toFixed(1)} km²`,
  );
  console.log(
    `(d') front-line length on the same ${versions.length} days (issue #15, one context as history --length): ` +
      `${(frontMs / 1000).toFixed(2)} s in all (${(frontMs / versions.length).toFixed(2)} ms/day; context + first ` +
      `day ${firstFrontMs.toFixed(0)} ms), against ${(computeMs / 1000).toFixed(2)} s for the change in this run ` +
      `(ratio ${(frontMs / computeMs).toFixed(2)}); CPU ${(frontCpuUs / 1e6).toFixed(2)} s; mean length ${(lengthSum / versions.length).toFixed(1)} km`,
  );

  if (geos)
    console.log(
      `(d) GEOS baseline of the same ${pairs} pairs (no oblast split): into GEOS, difference both ways, areas: ` +
        `${(geosMs / 1000).toFixed(2)} s (${(geosMs / pairs).toFixed(1)} ms/pair); net ${geosNet.toFixed(1)} km²`,
    );

  await memoryCeilings(dir, versions[0]!.date, versions.at(-1)!.date);
  await processTimes(dir, versions[0]!.date, versions.at(-1)!.date, geos ? geosMs : null);
}

/** Prints the child's peak resident set size on exit, on a line of its own (kB, as getrusage gives it). */
const MAX_RSS_HOOK =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nfrontline-maxrss-kb="+process.resourceUsage().maxRSS+" frontline-cpu-us="+(process.resourceUsage().userCPUTime+process.resourceUsage().systemCPUTime)+"\\n"))';
/** The compiled CLI, as users run it (`npm run bench` builds it first when stale). */
const CLI = fileURLToPath(new URL('../dist-cli/frontline.js', import.meta.url));
/** The CLI's caches during the bench: a temporary folder, never the user's. */
const BENCH_CACHE = mkdtempSync(join(tmpdir(), 'frontline-bench-cache-'));
process.on('exit', () => rmSync(BENCH_CACHE, { recursive: true, force: true }));

/**
 * Runs `frontline ARGS` in a child Node process (the bundle `cli`, this tree's by default): exit code, wall time,
 * its own maxRSS, the last line of stderr, and the SHA-256 of its stdout.
 */
function runCli(
  args: string[],
  cli = CLI,
): Promise<{
  code: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  last: string;
  stdoutSha256: string;
}> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', MAX_RSS_HOOK, cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CACHE_HOME: BENCH_CACHE },
  });
  const stdout = createHash('sha256');
  child.stdout.on('data', (d: Buffer) => stdout.update(d));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  return new Promise((ok, fail) => {
    child.on('error', fail);
    child.on('close', (code) => {
      const kb = Number(/frontline-maxrss-kb=(\d+)/u.exec(stderr)?.[1] ?? NaN);
      const cpuUs = Number(/frontline-cpu-us=(\d+)/u.exec(stderr)?.[1] ?? NaN);
      const lines = stderr
        .replace(/frontline-maxrss-kb=\d+ frontline-cpu-us=\d+/u, '')
        .trim()
        .split('\n');
      ok({
        code: code ?? -1,
        seconds: (performance.now() - t0) / 1000,
        cpuSeconds: cpuUs / 1e6,
        maxRssMb: kb / 1024,
        last: lines.at(-1) ?? '',
        stdoutSha256: stdout.digest('hex'),
      });
    });
  });
}

/** (e) Memory ceilings of the whole-archive commands, each in its own process. */
async function memoryCeilings(dir: string, first: string, last: string): Promise<void> {
  // What a CLI process takes before doing anything (node, the tsx loader, the core's modules): the floor.
  const floor = await runCli(['--help']);
  console.log(`(e) floor: frontline --help, peak RSS ${floor.maxRssMb.toFixed(0)} MB (maxRSS)`);
  const server = await serveStaticFolder(dir);
  const out = mkdtempSync(join(tmpdir(), 'frontline-bench-sync-'));
  try {
    const sync = await runCli([
      'sync',
      '--source',
      'archive',
      '--data',
      server.baseUrl,
      '--from',
      first,
      '--to',
      last,
      '--out',
      out,
    ]);
    const files = readdirSync(out).filter((n) => n.endsWith('.geojson')).length;
    console.log(
      `(e) sync of the whole archive (${first} → ${last}) from a local HTTP server into a temporary folder: ` +
        `exit ${sync.code}, ${files} files in ${sync.seconds.toFixed(1)} s; peak RSS ${sync.maxRssMb.toFixed(0)} MB (maxRSS)`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
    await server.close();
  }
  const history = await runCli([
    'history',
    '--source',
    'archive',
    '--data',
    dir,
    '--from',
    first,
    '--to',
    last,
    '--step',
    'day',
  ]);
  console.log(
    `(e) frontline history --source archive --step day over the whole archive (${first} → ${last}), from the folder: ` +
      `exit ${history.code} in ${history.seconds.toFixed(1)} s (CPU ${history.cpuSeconds.toFixed(1)} s); ` +
      `peak RSS ${history.maxRssMb.toFixed(0)} MB (maxRSS)`,
  );
  // The same with the front line's length per day (issue #15): the cost of --length, against the run above.
  const withLength = await runCli([
    'history',
    '--source',
    'archive',
    '--data',
    dir,
    '--from',
    first,
    '--to',
    last,
    '--step',
    'day',
    '--length',
  ]);
  console.log(
    `(e) the same with --length: exit ${withLength.code} in ${withLength.seconds.toFixed(1)} s ` +
      `(+${(withLength.seconds - history.seconds).toFixed(1)} s), CPU ${withLength.cpuSeconds.toFixed(1)} s ` +
      `(+${(withLength.cpuSeconds - history.cpuSeconds).toFixed(1)} s); peak RSS ${withLength.maxRssMb.toFixed(0)} MB (maxRSS)`,
  );
}

/** Median of some numbers. */
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * (f) Whole-process times of the compiled CLI (issue #17), each in its own Node process, against `node -e 0` run in
 * the same loop: `--help`; `area` on a snapshot already in the cache (fetched once from a local HTTP server);
 * the whole-archive `history --step day` from the folder with the memo of validated snapshots empty (it validates
 * and stores every file) and then filled, beside the GEOS baseline of (d).
 */
async function processTimes(dir: string, first: string, last: string, geosMs: number | null): Promise<void> {
  const time = async (args: string[]): Promise<number> => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, {
      stdio: 'ignore',
      env: { ...process.env, XDG_CACHE_HOME: BENCH_CACHE },
    });
    const code = await new Promise<number>((ok) => child.on('close', (c) => ok(c ?? -1)));
    if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}`);
    return (performance.now() - t0) / 1000;
  };
  const N = 9;
  const bare: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < N; i++) {
    bare.push(await time(['-e', '0']));
    help.push(await time([CLI, '--help']));
  }
  console.log(
    `(f) whole process, median of ${N}: node -e 0 ${median(bare).toFixed(3)} s; frontline --help ` +
      `${median(help).toFixed(3)} s = ${(median(help) / median(bare)).toFixed(2)}× (goal ≤ 2×)`,
  );
  const server = await serveStaticFolder(dir);
  try {
    const area = [CLI, 'area', '--source', 'archive', '--data', server.baseUrl, '--date', '2025-08-15'];
    await time(area); // fetched into the cache
    const cached: number[] = [];
    for (let i = 0; i < 5; i++) cached.push(await time(area));
    console.log(
      `(f) frontline area --date 2025-08-15 from the cache (archive over HTTP, fetched once before), median of 5: ` +
        `${median(cached).toFixed(3)} s (goal ≤ 0.5 s)`,
    );
  } finally {
    await server.close();
  }
  const history = [
    CLI,
    'history',
    '--source',
    'archive',
    '--data',
    dir,
    '--from',
    first,
    '--to',
    last,
    '--step',
    'day',
  ];
  rmSync(join(BENCH_CACHE, 'validated'), { recursive: true, force: true });
  const cold = await runCli(history.slice(1));
  if (cold.code !== 0) throw new Error(`history exited ${cold.code}: ${cold.last}`);
  // FRONTLINE_BENCH_BEFORE: an older build of the CLI (its dist-cli/frontline.js), run in turn with this one in
  // the same loop, both with their memo filled, so both figures share the machine's load; outputs compared.
  const before = process.env['FRONTLINE_BENCH_BEFORE'];
  if (before) await runCli(history.slice(1), before);
  const warm: { seconds: number; cpuSeconds: number }[] = [];
  const old: { seconds: number; cpuSeconds: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const now = await runCli(history.slice(1));
    if (now.stdoutSha256 !== cold.stdoutSha256)
      throw new Error('history printed other bytes with the memo filled');
    warm.push(now);
    if (before) {
      const then = await runCli(history.slice(1), before);
      if (then.stdoutSha256 !== cold.stdoutSha256)
        throw new Error(`history of ${before} printed other bytes than this tree's`);
      old.push(then);
    }
  }
  const med = (xs: { seconds: number; cpuSeconds: number }[]) =>
    `${median(xs.map((x) => x.seconds)).toFixed(2)} s (CPU ${median(xs.map((x) => x.cpuSeconds)).toFixed(2)} s)`;
  console.log(
    `(f) frontline history --step day over the whole archive, whole process: ${cold.seconds.toFixed(2)} s ` +
      `(CPU ${cold.cpuSeconds.toFixed(2)} s) validating every file (and storing it), ${med(warm)} validated once ` +
      `(median of 5; goal ≤ 1.5 s)` +
      (before ? `; before, in turn in the same loop (${before}): ${med(old)}, stdout byte-identical` : '') +
      (geosMs === null
        ? ''
        : `; the GEOS baseline of (d) computes the same pairs' change in ${(geosMs / 1000).toFixed(2)} s`),
  );
}

await main();
