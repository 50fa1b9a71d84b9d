/**
 * Comparing two assessments (issue #16): on synthetic shapes against GEOS, metamorphic properties (swap, self), per
 * oblast parts adding up, the exports; and on real data: the DeepState archive against UA Control Map on the dates the
 * reference copy shares (FRONTLINE_REFERENCE_DATA; skipped with the reason printed when absent).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  areaKm2,
  compareAssessments,
  comparisonCsv,
  comparisonGeoJson,
  landOutline,
  parseArchiveDay,
  archiveVersion,
  archiveFileName,
  parseOwlmapsDay,
  owlmapsVersion,
  owlmapsFileName,
  comparedGeometry,
  type AreaGeometry,
  type LandOutline,
  type Region,
  type Snapshot,
} from '../../src/core/index.ts';
import { loadOblasts } from '../../src/cli/geodata.ts';
import { loadGeos, type Geos } from '../support/geos.ts';
import { referenceDir } from '../support/referenceData.ts';
import { boxPolygon } from '../support/shapes.ts';
import { cliArgs, type CliOptions } from '../support/cliArgs.ts';
import { runCli } from '../support/runCli.ts';
import { CLI_SUM_ABS_KM2, INDEPENDENT_CHANGE_ABS_KM2, INDEPENDENT_CHANGE_REL } from './tolerances.ts';

let geos: Geos;
beforeAll(async () => {
  geos = await loadGeos();
});

const box = (w: number, s: number, e: number, n: number) => boxPolygon(w, s, e, n) as AreaGeometry;
const snapshotOf = (source: string, date: string, g: AreaGeometry): Snapshot => ({
  source,
  version: { id: date, date, createdAt: `${date}T00:00:00.000Z` },
  territories: [{ type: 'Feature', geometry: g, properties: { cls: 'occupied', name: 'x', sourceIndex: 0 } }],
  markers: [],
  warnings: [],
  occupiedIncludesPre2022: true,
});
const region = (iso: string, g: AreaGeometry): Region => ({
  type: 'Feature',
  geometry: g,
  properties: { id: iso, name_en: iso },
});
/** Two "oblasts" side by side; their union is the land (coast at y = 46). */
const oblasts = [region('W', box(30, 46, 31, 47)), region('E', box(31, 46, 32, 47))];
const land = (): LandOutline => landOutline(oblasts.map((o) => o.geometry));

const compare = (a: AreaGeometry, b: AreaGeometry, l = land()) =>
  compareAssessments({
    date: '2026-08-13',
    a: { requested: '2026-08-13', snapshot: snapshotOf('one', '2026-08-13', a) },
    b: { requested: '2026-08-13', snapshot: snapshotOf('two', '2026-08-12', b), note: 'used 2026-08-12' },
    sources: { a: { id: 'one', location: 'here' }, b: { id: 'two', location: 'there' } },
    land: l,
    oblasts,
    toolVersion: 'test',
    generatedAt: '2026-08-13T00:00:00.000Z',
  });

const geosKm2 = (op: 'intersection' | 'difference', a: AreaGeometry, b: AreaGeometry): number => {
  const ga = geos.fromGeoJson(a);
  const gb = geos.fromGeoJson(b);
  const r = geos[op](ga, gb);
  const km2 = areaKm2(geos.toGeoJson(r));
  [ga, gb, r].forEach((g) => geos.free(g));
  return km2;
};
const near = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    Math.max(INDEPENDENT_CHANGE_ABS_KM2 + 0.01, INDEPENDENT_CHANGE_REL * expected),
  );

describe('compareAssessments (synthetic, GEOS as oracle)', () => {
  it('gives both, only A, only B and IoU as GEOS does on the land-clipped shapes', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let k = 0; k < 15; k++) {
      const w = 30 + rnd() * 1.2;
      const s = 45.6 + rnd() * 0.8;
      const a = box(w, s, w + 0.2 + rnd() * 0.6, s + 0.2 + rnd() * 0.6);
      const b = box(
        w + rnd() * 0.3 - 0.15,
        s + rnd() * 0.3 - 0.15,
        w + 0.3 + rnd() * 0.6,
        s + 0.3 + rnd() * 0.6,
      );
      const L = land();
      const { report } = compare(a, b, L);
      const ca = geosKm2('intersection', a, L.land);
      const cb = geosKm2('intersection', b, L.land);
      const bothOnLand = (() => {
        const ga = geos.fromGeoJson(a);
        const gb = geos.fromGeoJson(b);
        const gi = geos.intersection(ga, gb);
        const i = geos.toGeoJson(gi);
        [ga, gb, gi].forEach((g) => geos.free(g));
        return i ? geosKm2('intersection', i, L.land) : 0;
      })();
      near(report.a.areaKm2, ca);
      near(report.b.areaKm2, cb);
      near(report.bothKm2, bothOnLand);
      near(report.onlyAKm2, ca - bothOnLand);
      near(report.onlyBKm2, cb - bothOnLand);
      const iou = ca + cb - bothOnLand > 0 ? bothOnLand / (ca + cb - bothOnLand) : null;
      if (iou === null) expect(report.iou).toBeNull();
      else expect(Math.abs(report.iou! - iou)).toBeLessThan(2e-4);
      // Parts of the whole add up: the oblasts cover the land exactly.
      const sum = (f: (r: (typeof report.byOblast)[number]) => number) =>
        report.byOblast.reduce((t, r) => t + f(r), 0);
      expect(Math.abs(sum((r) => r.aKm2) - report.a.areaKm2)).toBeLessThanOrEqual(CLI_SUM_ABS_KM2);
      expect(Math.abs(sum((r) => r.onlyAKm2) - report.onlyAKm2)).toBeLessThanOrEqual(CLI_SUM_ABS_KM2);
      expect(Math.abs(sum((r) => r.onlyBKm2) - report.onlyBKm2)).toBeLessThanOrEqual(CLI_SUM_ABS_KM2);
    }
  });

  it('is symmetric: swapping A and B swaps only-A and only-B and keeps both and IoU', () => {
    const a = box(30.2, 45.8, 31.3, 46.6);
    const b = box(30.5, 46.1, 31.6, 46.9);
    const ab = compare(a, b).report;
    const ba = compare(b, a).report;
    expect(ba.onlyAKm2).toBe(ab.onlyBKm2);
    expect(ba.onlyBKm2).toBe(ab.onlyAKm2);
    expect(Math.abs(ba.bothKm2 - ab.bothKm2)).toBeLessThanOrEqual(0.01);
    expect(ba.iou).toBe(ab.iou);
  });

  it('finds full agreement of a source with itself, and none between disjoint areas', () => {
    const a = box(30.2, 45.8, 31.3, 46.6);
    const self = compare(a, a).report;
    expect(self.iou).toBe(1);
    expect(self.onlyAKm2 + self.onlyBKm2).toBe(0);
    const apart = compare(box(30.1, 46.1, 30.4, 46.4), box(31.5, 46.5, 31.8, 46.8)).report;
    expect(apart.iou).toBe(0);
    expect(apart.bothKm2).toBe(0);
  });

  it('exports CSV rows and GeoJSON polygons of only A / only B that add up to the figures', () => {
    const { report, disagreement } = compare(box(30.2, 45.8, 31.3, 46.6), box(30.5, 46.1, 31.6, 46.9));
    const csv = comparisonCsv(report);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^# frontline test; one vs two/u);
    expect(lines[1]).toBe(
      'date,source_a,snapshot_a,source_b,snapshot_b,scope,id,name,a_km2,b_km2,both_km2,only_a_km2,only_b_km2,iou',
    );
    expect(lines[2]).toMatch(/^2026-08-13,one,2026-08-13,two,2026-08-12,total,UA,All,/u);
    expect(lines).toHaveLength(3 + report.byOblast.length);
    const gj = comparisonGeoJson(report, disagreement, oblasts);
    const sum = (kind: string) =>
      gj.features
        .filter((f) => f.properties!['disagreement'] === kind)
        .reduce((s, f) => s + areaKm2(f.geometry as AreaGeometry), 0);
    expect(Math.abs(sum('only_a') - report.onlyAKm2)).toBeLessThanOrEqual(CLI_SUM_ABS_KM2);
    expect(Math.abs(sum('only_b') - report.onlyBKm2)).toBeLessThanOrEqual(CLI_SUM_ABS_KM2);
    expect(gj.features.every((f) => ['W', 'E', ''].includes(f.properties!['oblast'] as string))).toBe(true);
    expect(report.b.note).toBe('used 2026-08-12');
  });
});

const ref = referenceDir();
const owlDir = ref ? join(ref, 'owlmaps-map-data', 'data') : '';
const archiveDir = ref ? join(ref, 'deepstate-archive') : '';
/** The CLI in-process on the reference folders (both local: nothing is fetched). */
const cli = (command: string, options: CliOptions) =>
  runCli((u, i) => fetch(u, i), ...cliArgs(command, options));
/** The archive with UA Control Map as the second source. */
const both = { source: 'archive', data: archiveDir, with: 'owlmaps', 'with-data': owlDir };
describe.skipIf(!ref)('DeepState archive vs UA Control Map (reference copy)', () => {
  const all = loadOblasts();
  const L = landOutline(all.map((o) => o.geometry));
  const load = (date: string) => {
    const o = parseOwlmapsDay(
      JSON.parse(readFileSync(join(owlDir, owlmapsFileName(date)), 'utf8')),
      owlmapsVersion(date),
      L,
    );
    const a = parseArchiveDay(
      JSON.parse(readFileSync(join(archiveDir, archiveFileName(date)), 'utf8')),
      archiveVersion(date),
    );
    if (!o.ok || !a.ok) throw new Error(`${date}: not loadable`);
    return { a: a.value, o: o.value };
  };
  const shared = ['2024-08-01', '2025-01-01', '2025-06-01', '2025-09-01', '2026-01-01', '2026-08-01'].filter(
    (d) => existsSync(join(owlDir, owlmapsFileName(d))) && existsSync(join(archiveDir, archiveFileName(d))),
  );

  it('agrees at IoU 0.95–0.995 on shared dates, per-oblast parts adding up to the totals', () => {
    expect(shared.length).toBeGreaterThanOrEqual(4);
    for (const date of shared) {
      const { a, o } = load(date);
      const { report } = compareAssessments({
        date,
        a: { requested: date, snapshot: a },
        b: { requested: date, snapshot: o },
        sources: { a: { id: 'archive', location: archiveDir }, b: { id: 'owlmaps', location: owlDir } },
        land: L,
        oblasts: all,
        toolVersion: 'test',
        generatedAt: '',
      });
      expect(report.iou!).toBeGreaterThan(0.95);
      expect(report.iou!).toBeLessThan(0.995);
      const sum = (f: (r: (typeof report.byOblast)[number]) => number) =>
        report.byOblast.reduce((t, r) => t + f(r), 0);
      // The land is the oblasts' union: no "outside" remainder, up to rounding of each row.
      const rows = report.byOblast.length;
      expect(Math.abs(sum((r) => r.aKm2) - report.a.areaKm2)).toBeLessThanOrEqual(0.01 * rows + 1);
      expect(Math.abs(sum((r) => r.onlyAKm2) - report.onlyAKm2)).toBeLessThanOrEqual(0.01 * rows + 1);
      expect(Math.abs(sum((r) => r.onlyBKm2) - report.onlyBKm2)).toBeLessThanOrEqual(0.01 * rows + 1);
      for (const r of report.byOblast) expect(r.bothKm2).toBeLessThanOrEqual(Math.min(r.aKm2, r.bKm2) + 0.02);
    }
  });

  it('matches GEOS on 2025-09-01: the overlap of both land-clipped areas', () => {
    const date = '2025-09-01';
    const { a, o } = load(date);
    const { report } = compareAssessments({
      date,
      a: { requested: date, snapshot: a },
      b: { requested: date, snapshot: o },
      sources: { a: { id: 'archive', location: '' }, b: { id: 'owlmaps', location: '' } },
      land: L,
      oblasts: all,
      toolVersion: 'test',
      generatedAt: '',
    });
    const ga = comparedGeometry({ requested: date, snapshot: a }, L)!;
    const gb = comparedGeometry({ requested: date, snapshot: o }, L)!;
    const both = geosKm2('intersection', ga, gb);
    near(report.bothKm2, both);
    near(report.onlyAKm2, geosKm2('difference', ga, gb));
    near(report.onlyBKm2, geosKm2('difference', gb, ga));
  });

  it('answers `frontline compare` in CSV and GeoJSON from the reference folders', async () => {
    const day = { date: '2025-09-01', ...both };
    const csv = await cli('compare', { ...day, format: 'csv' });
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[2]).toMatch(
      /^2025-09-01,archive,2025-09-01,owlmaps,2025-09-01,total,UA,All,/u,
    );
    const gj = await cli('compare', { ...day, format: 'geojson' });
    const fc = JSON.parse(gj.stdout) as {
      features: { properties: { disagreement: string; source: string } }[];
    };
    expect(new Set(fc.features.map((f) => f.properties.disagreement))).toEqual(new Set(['only_a', 'only_b']));
    const missing = await cli('compare', { date: '2025-09-01', source: 'archive' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--with S2 is required/u);
  });

  it('history --with gives both land-clipped areas and the IoU per step; check --with shows both figures', async () => {
    const h = await cli('history', {
      ...both,
      from: '2025-08-31',
      to: '2025-09-02',
      step: 'day',
      format: 'json',
    });
    expect(h.code).toBe(0);
    const hist = JSON.parse(h.stdout) as {
      with: string;
      rows: {
        date: string;
        with: { snapshot: string; aKm2: number; bKm2: number; bothKm2: number; iou: number };
      }[];
    };
    expect(hist.with).toBe('owlmaps');
    expect(hist.rows.map((r) => r.date)).toEqual(['2025-08-31', '2025-09-01', '2025-09-02']);
    const sep1 = hist.rows[1]!.with;
    const compared = JSON.parse((await cli('compare', { date: '2025-09-01', ...both })).stdout) as {
      a: { areaKm2: number };
      b: { areaKm2: number };
      bothKm2: number;
      iou: number;
    };
    expect(sep1).toEqual({
      snapshot: '2025-09-01',
      aKm2: compared.a.areaKm2,
      bKm2: compared.b.areaKm2,
      bothKm2: compared.bothKm2,
      iou: compared.iou,
    });

    const c = await cli('check', { ...both, format: 'json' });
    expect(c.code).toBe(0);
    const checks = (
      JSON.parse(c.stdout) as {
        checks: {
          id: string;
          computedKm2: number | null;
          withSource: string;
          withComputedKm2: number | null;
        }[];
      }
    ).checks;
    const total = checks.find((x) => x.id === 'deepstate-2026-01-01-total')!;
    expect(total.withSource).toBe('owlmaps');
    // Both sources' total occupied area on 2026-01-01, each as its source draws it: within 2% of each other.
    expect(Math.abs(total.withComputedKm2! - total.computedKm2!) / total.computedKm2!).toBeLessThan(0.02);
  });
});
