/**
 * (f) Issue #16: the full comparison of two assessments on one date — the DeepState archive against UA Control Map
 * on 2025-09-01 — as `frontline compare` computes it: both sides clipped to the land outline, both / only-A / only-B,
 * IoU, and the per-oblast split (27 oblasts). Goal: under 20 ms (the edge engine's).
 *
 * Same-run baselines, from the same parsed geometries:
 *   (a) plain Turf: `intersect` of each side with the land, `difference` both ways, `intersect` per oblast;
 *   (b) GEOS (geos-wasm): the same operations; the land and the oblasts are converted once, untimed;
 *   (c) the edge engine: `compareAssessments` (src/core/report/compareAssessments.ts), each run on fresh copies of the two snapshots so
 *       nothing prepared for one run's geometries helps the next; the land's complement is made once (warm-up), as
 *       GEOS's land is converted once.
 * Parsing one UA Control Map day (swap, validate, join the rings, clip) is timed apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { difference, featureCollection, intersect } from '@turf/turf';
import type { Feature } from 'geojson';
import {
  archiveFileName,
  archiveVersion,
  areaKm2,
  landOutline,
  owlmapsFileName,
  owlmapsVersion,
  parseArchiveDay,
  parseOwlmapsDay,
  type AreaGeometry,
  type Region,
  type Snapshot,
} from '../src/core/index.ts';
import { classGeometry } from '../src/core/index.ts';
import type { Geos, GeosGeom } from '../tests/support/geos.ts';
import * as core from '../src/core/index.ts';
import { COMPARE_DATE, compareOnce } from './compareInputs.ts';

interface Figures {
  aKm2: number;
  bKm2: number;
  bothKm2: number;
  onlyAKm2: number;
  onlyBKm2: number;
  onlyByOblast: number[];
}

const feature = (g: AreaGeometry): Feature<AreaGeometry> => ({
  type: 'Feature',
  geometry: g,
  properties: {},
});

function turfFigures(
  a: AreaGeometry,
  b: AreaGeometry,
  land: AreaGeometry,
  oblasts: readonly Region[],
): Figures {
  const clip = (g: AreaGeometry) =>
    intersect(featureCollection([feature(g), feature(land)]))?.geometry ?? null;
  const ca = clip(a)!;
  const cb = clip(b)!;
  const onlyA = difference(featureCollection([feature(ca), feature(cb)]))?.geometry ?? null;
  const onlyB = difference(featureCollection([feature(cb), feature(ca)]))?.geometry ?? null;
  const inside = (g: AreaGeometry | null, r: Region) =>
    g ? areaKm2(intersect(featureCollection([feature(g), r]))?.geometry ?? null) : 0;
  const aKm2 = areaKm2(ca);
  const onlyAKm2 = areaKm2(onlyA);
  return {
    aKm2,
    bKm2: areaKm2(cb),
    bothKm2: aKm2 - onlyAKm2,
    onlyAKm2,
    onlyBKm2: areaKm2(onlyB),
    onlyByOblast: oblasts.map((r) => inside(onlyA, r) + inside(onlyB, r)),
  };
}

function geosFigures(
  geos: Geos,
  a: AreaGeometry,
  b: AreaGeometry,
  land: GeosGeom,
  oblasts: readonly GeosGeom[],
): Figures {
  const ga = geos.fromGeoJson(a);
  const gb = geos.fromGeoJson(b);
  const ca = geos.intersection(ga, land);
  const cb = geos.intersection(gb, land);
  const onlyA = geos.difference(ca, cb);
  const onlyB = geos.difference(cb, ca);
  const km2 = (g: GeosGeom) => areaKm2(geos.toGeoJson(g));
  const inside = (g: GeosGeom, r: GeosGeom) => {
    const i = geos.intersection(g, r);
    const v = km2(i);
    geos.free(i);
    return v;
  };
  const aKm2 = km2(ca);
  const onlyAKm2 = km2(onlyA);
  const out: Figures = {
    aKm2,
    bKm2: km2(cb),
    bothKm2: aKm2 - onlyAKm2,
    onlyAKm2,
    onlyBKm2: km2(onlyB),
    onlyByOblast: oblasts.map((r) => inside(onlyA, r) + inside(onlyB, r)),
  };
  [ga, gb, ca, cb, onlyA, onlyB].forEach((g) => geos.free(g));
  return out;
}

/**
 * @example await benchAssessments(refDir, oblasts, geos, measure)
 */
export function benchAssessments(
  ref: string,
  oblasts: readonly Region[],
  geos: Geos | null,
  measure: <I, T>(
    fresh: () => I,
    fn: (input: I) => T,
    runs?: number,
    warm?: number,
  ) => { medianMs: number; result: T },
  runs: { slow: number; fast: number; warm: number },
): void {
  const date = COMPARE_DATE;
  let archiveJson: unknown;
  let owlJson: unknown;
  try {
    archiveJson = JSON.parse(readFileSync(join(ref, 'deepstate-archive', archiveFileName(date)), 'utf8'));
    owlJson = JSON.parse(readFileSync(join(ref, 'owlmaps-map-data', 'data', owlmapsFileName(date)), 'utf8'));
  } catch (err) {
    console.log(`(f) skipped: ${(err as Error).message}`);
    return;
  }
  const land = landOutline(oblasts.map((o) => o.geometry));
  const archive = parseArchiveDay(archiveJson, archiveVersion(date));
  const parse = measure(
    () => structuredClone(owlJson),
    (json) => parseOwlmapsDay(json, owlmapsVersion(date), land),
    runs.fast,
    runs.warm,
  );
  if (!archive.ok || !parse.result.ok) throw new Error('(f): the reference days do not parse');
  const owl: Snapshot = parse.result.value;
  const a = classGeometry(archive.value, 'occupied_all')!;
  const b = classGeometry(owl, 'occupied_all')!;
  const fresh = () => structuredClone({ a: archive.value, b: owl });
  const edgeEngine = measure(fresh, (s) => compareOnce(core, s, land, oblasts).report, runs.fast, runs.warm);
  const r = edgeEngine.result;
  const rows: { engine: string; ms: number; f: Figures }[] = [];
  const turf = measure(
    () => structuredClone({ a, b }),
    (g) => turfFigures(g.a, g.b, land.land, oblasts),
    runs.slow,
    1,
  );
  rows.push({ engine: '(a) turf', ms: turf.medianMs, f: turf.result });
  if (geos) {
    const gl = geos.fromGeoJson(land.land);
    const go = oblasts.map((o) => geos.fromGeoJson(o.geometry));
    const g = measure(
      () => structuredClone({ a, b }),
      (x) => geosFigures(geos, x.a, x.b, gl, go),
      runs.fast,
      runs.warm,
    );
    rows.push({ engine: '(b) geos-wasm', ms: g.medianMs, f: g.result });
    [gl, ...go].forEach((x) => geos.free(x));
  }
  rows.push({
    engine: '(c) edge engine',
    ms: edgeEngine.medianMs,
    f: {
      aKm2: r.a.areaKm2,
      bKm2: r.b.areaKm2,
      bothKm2: r.bothKm2,
      onlyAKm2: r.onlyAKm2,
      onlyBKm2: r.onlyBKm2,
      onlyByOblast: oblasts.map((o) => {
        const row = r.byOblast.find((x) => x.iso === o.properties.id);
        return row ? row.onlyAKm2 + row.onlyBKm2 : 0;
      }),
    },
  });
  const base = rows[0]!;
  console.log(
    `(f) compare ${date}: DeepState archive vs UA Control Map, clipped to the land, with the ${oblasts.length}-oblast split; ` +
      `parsing the UA Control Map day (swap, validate, join, clip): ${parse.medianMs.toFixed(1)} ms median`,
  );
  console.log(
    `${'engine'.padEnd(16)} ${'median ms'.padStart(9)} ${'vs (a)'.padStart(8)} ${'A'.padStart(10)} ${'B'.padStart(10)} ${'both'.padStart(10)} ${'only A'.padStart(8)} ${'only B'.padStart(8)}  worst oblast vs (a)`,
  );
  for (const row of rows) {
    const worst = Math.max(...row.f.onlyByOblast.map((v, i) => Math.abs(v - base.f.onlyByOblast[i]!)));
    console.log(
      `${row.engine.padEnd(16)} ${row.ms.toFixed(1).padStart(9)} ${`${(base.ms / row.ms).toFixed(row === base ? 0 : 1)}×`.padStart(8)} ` +
        `${row.f.aKm2.toFixed(2).padStart(10)} ${row.f.bKm2.toFixed(2).padStart(10)} ${row.f.bothKm2.toFixed(2).padStart(10)} ` +
        `${row.f.onlyAKm2.toFixed(2).padStart(8)} ${row.f.onlyBKm2.toFixed(2).padStart(8)}  ${worst.toFixed(2)} km²`,
    );
  }
  console.log(`(c) IoU ${r.iou}; goal under 20 ms: ${edgeEngine.medianMs < 20 ? 'met' : 'NOT met'}`);
}
