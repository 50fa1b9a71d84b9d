/**
 * The front-line length (issue #15) on the real reference data, read through FRONTLINE_REFERENCE_DATA; skipped with
 * the reason printed when it is absent.
 *
 * - Every day of the daily archive: a positive length that changes by less than 5% from one day to the next, except
 *   on the dates docs/front-length.md lists with a reason; the border and the coast taken out each within the range
 *   the outline allows.
 * - Every DeepStateMap version present: a positive length, the grey zone's outer edge measured too.
 * - The line's GeoJSON export (the CLI's `length --format geojson`), re-read and measured with GeographicLib, gives
 *   the same length as drawn.
 */
import { readdirSync, readFileSync } from 'node:fs';
import geodesic from 'geographiclib-geodesic';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, point } from '@turf/turf';
import {
  archiveDateFromName,
  DNIPRO_TOLERANCE_M,
  archiveVersion,
  classGeometry,
  frontContext,
  frontLine,
  greyOuterGeometry,
  parseArchiveDay,
  parseDeepStateVersion,
  type FrontLineProperties,
  type Parsed,
  type Snapshot,
  type Version,
} from '../../src/core/index.ts';
import { loadFrontOutline, loadOblasts } from '../../src/cli/geodata.ts';
import { loadGeos } from '../support/geos.ts';
import { referenceDir } from '../support/referenceData.ts';
import { runCli } from '../support/runCli.ts';
import { FRONT_DAILY_CHANGE_MAX, FRONT_LENGTH_REL, FRONT_MEMO_KM } from './tolerances.ts';

const ref = referenceDir();
const valueOf = (p: Parsed<Snapshot>): Snapshot => {
  if (!p.ok) throw new Error(p.issues.join('; '));
  return p.value;
};
/** Dates whose length may change by more than 5% from the day before, with the reason (docs/front-length.md). */
const JUMPS: Record<string, string> = {};

describe.skipIf(!ref)('front-line length on the reference data', () => {
  const ctx = frontContext(loadFrontOutline(), loadOblasts());

  it('every archive day: positive, < 5% a day, border and coast each in range; the caches change nothing', () => {
    const dir = `${ref}/deepstate-archive`;
    const files = readdirSync(dir)
      .filter((f) => archiveDateFromName(f))
      .sort();
    expect(files.length).toBeGreaterThan(700);
    let prev: { date: string; km: number } | null = null;
    const jumps: string[] = [];
    let fresh = 0;
    for (const [i, f] of files.entries()) {
      const date = archiveDateFromName(f)!;
      const parsed = parseArchiveDay(JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')), archiveVersion(date));
      const geometry = classGeometry(valueOf(parsed), 'occupied_all');
      const fl = frontLine(geometry, ctx);
      // The context carried across the days (as `history --length` does) against a fresh one, every 25th day.
      if (i % 25 === 24) {
        const alone = frontLine(geometry, frontContext(loadFrontOutline(), loadOblasts()));
        for (const k of ['lengthKm', 'withoutDniproKm', 'rawKm', 'seamKm'] as const)
          expect(Math.abs(fl[k] - alone[k]), `${date} ${k}`).toBeLessThanOrEqual(FRONT_MEMO_KM);
        for (const k of ['border', 'coast'] as const)
          expect(Math.abs(fl.excludedKm[k] - alone.excludedKm[k]), `${date} ${k}`).toBeLessThanOrEqual(
            FRONT_MEMO_KM,
          );
        expect(fl.stretches.map((s) => s.name)).toEqual(alone.stretches.map((s) => s.name));
        fresh++;
      }
      expect(fl.lengthKm, date).toBeGreaterThan(800);
      expect(fl.lengthKm, date).toBeLessThan(fl.rawKm);
      // The Russian border is 1,988 km long in the outline: part of it is occupied-side boundary, never all.
      expect(fl.excludedKm.border, date).toBeGreaterThan(850);
      expect(fl.excludedKm.border, date).toBeLessThan(1400);
      // The occupied coast: Azov, the Crimean shore, the Kherson shore and the Kinburn spit.
      expect(fl.excludedKm.coast, date).toBeGreaterThan(2000);
      expect(fl.excludedKm.coast, date).toBeLessThan(2300);
      if (prev) {
        const change = Math.abs(fl.lengthKm / prev.km - 1);
        if (change >= FRONT_DAILY_CHANGE_MAX && !JUMPS[date])
          jumps.push(`${prev.date} → ${date}: ${(change * 100).toFixed(1)}%`);
      }
      prev = { date, km: fl.lengthKm };
    }
    expect(jumps).toEqual([]);
    expect(fresh).toBeGreaterThan(25);
  }, 180_000);

  it('the Dnipro is where the line follows the river: not at Kherson in Sep 2022, Kherson to the reservoir in 2024', async () => {
    const outline = loadFrontOutline();
    const water = outline.features.find((f) => f.properties.kind === 'dnipro')!;
    expect(water.geometry.type).toBe('MultiPolygon');
    const apiVersion = (id: number): Snapshot => {
      const createdAt = new Date(id * 1000).toISOString();
      const raw = readFileSync(`${ref}/deepstate-api/history/${id}/geojson`, 'utf8');
      return valueOf(
        parseDeepStateVersion(JSON.parse(raw), { id: String(id), createdAt, date: createdAt.slice(0, 10) }),
      );
    };
    const day = (date: string): Snapshot => {
      const f = `${ref}/deepstate-archive/deepstatemap_data_${date.replaceAll('-', '')}.geojson`;
      return valueOf(parseArchiveDay(JSON.parse(readFileSync(f, 'utf8')), archiveVersion(date)));
    };
    const KHERSON: Position = [32.617, 46.636];
    const gd = geodesic.Geodesic.WGS84;
    const nearKherson = (fl: ReturnType<typeof frontLine>): number => {
      let km = 0;
      for (const s of fl.stretches.filter((x) => x.kind === 'dnipro'))
        for (let i = 1; i < s.line.length; i++) {
          const [a, b] = [s.line[i - 1]!, s.line[i]!];
          const mid = [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2];
          if (gd.Inverse(mid[1]!, mid[0]!, KHERSON[1]!, KHERSON[0]!).s12! <= 12_000)
            km += gd.Inverse(a[1]!, a[0]!, b[1]!, b[0]!).s12! / 1000;
        }
      return km;
    };
    // 1 September 2022: Russia held Kherson and the right bank; the river there ran between two occupied banks.
    const sep2022 = frontLine(classGeometry(apiVersion(1662064277), 'occupied_all'), ctx);
    expect(nearKherson(sep2022)).toBeLessThan(4);
    // 8 July 2024: the front follows the river from the estuary past Kherson up the former reservoir.
    const jul2024 = frontLine(classGeometry(day('2024-07-08'), 'occupied_all'), ctx);
    expect(nearKherson(jul2024)).toBeGreaterThan(8);
    const dnipro = jul2024.stretches.filter((s) => s.kind === 'dnipro');
    const rawKm = dnipro.reduce((sum, s) => sum + s.rawKm, 0);
    expect(rawKm).toBeGreaterThan(250);
    expect(rawKm).toBeLessThan(330);
    const lons = dnipro.flatMap((s) => s.line.map((p) => p[0]!));
    expect(Math.min(...lons)).toBeLessThan(32.7); // Kherson
    expect(Math.max(...lons)).toBeGreaterThan(35.1); // the reservoir's end by Vasylivka
    // Oracle: GEOS's distance to the water's rings and Turf's point-in-polygon, in each point's local frame (as the
    // classification measures): every Dnipro edge within the tolerance, every other front edge beyond it.
    const geos = await loadGeos();
    const rings = water.geometry.coordinates.flat() as Position[][];
    const M = 111_320;
    const distanceM = (p: Position): number => {
      if (booleanPointInPolygon(point(p), water as Feature<MultiPolygon>)) return 0;
      const k = Math.cos((p[1]! * Math.PI) / 180);
      const local = rings.map((r) => r.map((q) => [q[0]! * k * M, q[1]! * M]));
      return geos.distanceToLines([p[0]! * k * M, p[1]! * M], local);
    };
    let checked = 0;
    for (const s of jul2024.stretches)
      for (let i = 1; i < s.line.length; i++) {
        const [a, b] = [s.line[i - 1]!, s.line[i]!];
        const mid: Position = [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2];
        if (mid[0]! < 32 || mid[0]! > 35.6 || mid[1]! < 46.3 || mid[1]! > 48.2) continue;
        const d = distanceM(mid);
        if (s.kind === 'dnipro') expect(d, `${mid}`).toBeLessThanOrEqual(DNIPRO_TOLERANCE_M + 1);
        // Pieces of a cut edge have their own midpoints; the label is the whole edge's: only uncut edges here.
        else if (s.line.length > 2) expect(d, `${mid}`).toBeGreaterThan(DNIPRO_TOLERANCE_M - 1);
        checked++;
      }
    expect(checked).toBeGreaterThan(150);
  }, 60_000);

  it('every DeepStateMap version present: positive, and the grey zone’s outer edge', () => {
    const api = `${ref}/deepstate-api`;
    const list = JSON.parse(readFileSync(`${api}/history/public`, 'utf8')) as {
      id: number;
      createdAt: string;
    }[];
    let measured = 0;
    for (const v of list) {
      let raw: string;
      try {
        raw = readFileSync(`${api}/history/${v.id}/geojson`, 'utf8');
      } catch {
        continue; // not mirrored (the folder holds the first version of each month)
      }
      const createdAt = new Date(v.id * 1000).toISOString();
      const version: Version = { id: String(v.id), createdAt, date: createdAt.slice(0, 10) };
      const snap = valueOf(parseDeepStateVersion(JSON.parse(raw), version));
      const fl = frontLine(classGeometry(snap, 'occupied_all'), ctx);
      expect(fl.lengthKm, version.date).toBeGreaterThan(700);
      expect(fl.excludedKm.border + fl.excludedKm.coast, version.date).toBeGreaterThan(2500);
      const grey = greyOuterGeometry(snap);
      if (grey) expect(frontLine(grey, ctx).lengthKm, version.date).toBeGreaterThan(700);
      measured++;
    }
    expect(measured).toBeGreaterThan(30);
  }, 120_000);

  it('the GeoJSON export re-read gives the same length as drawn', async () => {
    const localFetch = () => Promise.reject(new Error('no network in this test'));
    const args = [
      'length',
      '--source',
      'archive',
      '--data',
      `${ref}/deepstate-archive`,
      '--date',
      '2025-09-26',
    ];
    const json = await runCli(localFetch, ...args);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as {
      rawKm: number;
      lengthKm: number;
      excludedKm: { border: number };
    };
    const gj = await runCli(localFetch, ...args, '--format', 'geojson');
    expect(gj.code).toBe(0);
    const fc = JSON.parse(gj.stdout) as FeatureCollection<LineString, FrontLineProperties>;
    const g = geodesic.Geodesic.WGS84;
    let rawKm = 0;
    let km = 0;
    let borderKm = 0;
    for (const f of fc.features) {
      const c = f.geometry.coordinates;
      let len = 0;
      for (let i = 1; i < c.length; i++)
        len += g.Inverse(c[i - 1]![1]!, c[i - 1]![0]!, c[i]![1]!, c[i]![0]!).s12!;
      if (f.properties.part === 'front') {
        rawKm += len / 1000;
        km += f.properties.km!;
      } else if (f.properties.kind === 'border') borderKm += len / 1000;
    }
    // The report rounds to 0.01 km.
    expect(Math.abs(rawKm - report.rawKm)).toBeLessThan(0.006 + report.rawKm * FRONT_LENGTH_REL);
    expect(Math.abs(borderKm - report.excludedKm.border)).toBeLessThan(0.006 + borderKm * FRONT_LENGTH_REL);
    // Per-stretch generalised lengths are rounded each: they add up to the headline within that rounding.
    expect(Math.abs(km - report.lengthKm)).toBeLessThan(0.005 * fc.features.length);
  });

  it('check judges the commanders’ lengths against our lengthKm, apart from the area claims', async () => {
    const noFetch = () => Promise.reject(new Error('no network in this test'));
    const r = await runCli(
      noFetch,
      'check',
      '--source',
      'archive',
      '--data',
      `${ref}/deepstate-archive`,
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      checks: { metric: string }[];
      lengthChecks: {
        id: string;
        date: string;
        reportedKm: number;
        computedKm: number | null;
        verdict: string;
      }[];
    };
    expect(out.checks.every((c) => c.metric !== 'front_line_km')).toBe(true);
    const byId = new Map(out.lengthChecks.map((c) => [c.id, c]));
    // The archive starts on 2024-07-08: Zaluzhnyi's January 2023 figure cannot be checked against it.
    expect(byId.get('zaluzhnyi-2023-01-02-active-1500')?.verdict).toMatch(/^not computable: /u);
    const syrskyi = out.lengthChecks.filter((c) => c.id.startsWith('syrskyi-'));
    expect(syrskyi).toHaveLength(5);
    for (const c of syrskyi) {
      // Ours is the whole contact line generalised at 1 km: within 10% of each of his figures.
      expect(Math.abs(c.computedKm! / c.reportedKm - 1), c.id).toBeLessThan(0.1);
      expect(c.verdict, c.id).toMatch(/vs our lengthKm\)$/u);
    }
  });
});
