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
import type { FeatureCollection, LineString } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  archiveDateFromName,
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
