/**
 * `node bin/run-ts.js bench/settlements.ts`: how fast the places that changed hands are found (issue #12), on real
 * data, against a plain baseline.
 *
 * For one archive snapshot, the class of every gazetteer place (2,843 points):
 *   (a) plain: Turf's `booleanPointInPolygon` of every point against every polygon of the snapshot (the baseline);
 *   (b) `placeClasses` (src/core/report/settlementsChanged.ts): the project's pointInPolygon
 *       (src/core/geometry/pointInPolygon.ts) behind each polygon's bounding box.
 * Then (c): `frontline history --settlements` over the whole archive, a day at a time (placeClasses only, one class per place
 * per snapshot, each snapshot classified once). Medians of RUNS runs after one warm-up; (a) and (b) must agree.
 *
 * Real data only: it reads FRONTLINE_REFERENCE_DATA (e.g. ../shared/geodata) and skips, saying why, without it.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import {
  changedPlaces,
  placeClasses,
  polygonsOf,
  type PlaceClass,
  type Snapshot,
} from '../src/core/index.ts';
import { loadSettlements } from '../src/cli/geodata.ts';
import { createArchiveSource } from '../src/sources/archive.ts';
import { fileFetch } from '../src/sources/node/fileFetch.ts';

const RUNS = 7;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

/** The baseline: every point against every polygon, no prefilter. */
function plainClasses(snapshot: Snapshot, points: readonly { lon: number; lat: number }[]): PlaceClass[] {
  const of = (classes: string[]) =>
    snapshot.territories
      .filter((t) => classes.includes(t.properties.cls) && !t.properties.inRussia)
      .flatMap((t) => polygonsOf(t.geometry));
  const occupied = of(['occupied', 'occupied_pre2022']);
  const grey = of(['grey']);
  const inside = (rings: typeof occupied, p: { lon: number; lat: number }) =>
    rings.some((coordinates) => booleanPointInPolygon([p.lon, p.lat], { type: 'Polygon', coordinates }));
  return points.map((p) => (inside(occupied, p) ? 'occupied' : inside(grey, p) ? 'grey' : 'ukraine'));
}

async function main(): Promise<void> {
  const refEnv = process.env['FRONTLINE_REFERENCE_DATA'];
  if (!refEnv) {
    console.log('SKIP bench: FRONTLINE_REFERENCE_DATA is not set; it runs on real data only');
    return;
  }
  const dir = resolve(refEnv, 'deepstate-archive');
  const names = readdirSync(dir);
  const source = createArchiveSource({ baseUrl: dir, fetch: fileFetch(dir), listNames: async () => names });
  const { versions } = await source.listVersions();
  const places = loadSettlements();
  const last = versions.at(-1)!;
  const snapshot = await source.loadVersion(last);

  const plain: number[] = [];
  const ours: number[] = [];
  plainClasses(snapshot, places);
  placeClasses(snapshot, places);
  let a: PlaceClass[] = [];
  let b: PlaceClass[] = [];
  for (let i = 0; i < RUNS; i++) {
    const p = time(() => plainClasses(snapshot, places));
    const o = time(() => placeClasses(snapshot, places));
    plain.push(p.ms);
    ours.push(o.ms);
    [a, b] = [p.value, o.value];
  }
  if (a.some((c, i) => c !== b[i])) throw new Error('placeClasses disagrees with the plain baseline');
  const occupied = b.filter((c) => c === 'occupied').length;
  console.log(
    `classes of ${places.length} places on ${last.date} (${occupied} in occupied territory), median of ${RUNS}:`,
  );
  console.log(`  (a) plain point-in-polygon   ${median(plain).toFixed(1)} ms`);
  console.log(
    `  (b) placeClasses, bbox first  ${median(ours).toFixed(1)} ms  (${(median(plain) / median(ours)).toFixed(1)}× faster)`,
  );

  // (c) The whole archive, a day at a time: load (untimed) and classify each snapshot, compare with the day before.
  let classifyMs = 0;
  let prev: PlaceClass[] | null = null;
  let taken = 0;
  let retaken = 0;
  for (const version of versions) {
    const s = await source.loadVersion(version);
    const t0 = performance.now();
    const classes = placeClasses(s, places);
    if (prev) {
      for (const c of changedPlaces(places, prev, classes)) {
        if (c.to === 'occupied') taken++;
        else if (c.from === 'occupied') retaken++;
      }
    }
    classifyMs += performance.now() - t0;
    prev = classes;
  }
  console.log(
    `(c) whole archive, ${versions.length} days (${versions[0]!.date} → ${last.date}): ` +
      `${(classifyMs / 1000).toFixed(2)} s classifying (${(classifyMs / versions.length).toFixed(1)} ms a day); ` +
      `${taken} day-steps into occupied territory, ${retaken} out of it`,
  );
}

await main();
