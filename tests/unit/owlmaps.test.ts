/**
 * UA Control Map (issue #16): parsing ([lat, lon] swapped, empty days = no data, areas_ua kept out of the totals),
 * the clip to the land outline against GEOS, and the source adapter served from 127.0.0.1 — on synthetic fixtures
 * and on the reference copy (FRONTLINE_REFERENCE_DATA, skipped with the reason printed when absent).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  areaKm2,
  clipToLand,
  landOutline,
  OWLMAPS_NO_DATA,
  owlmapsVersion,
  parseOwlmapsBase,
  parseOwlmapsDay,
  snapshotAreas,
  type AreaGeometry,
  type LandOutline,
} from '../../src/core/index.ts';
import { loadOblasts } from '../../src/cli/geodata.ts';
import { createOwlmapsSource } from '../../src/sources/owlmaps.ts';
import { snapshotAt } from '../../src/sources/snapshotAt.ts';
import { loadGeos, type Geos } from '../support/geos.ts';
import { referenceDir } from '../support/referenceData.ts';
import { boxPolygon } from '../support/shapes.ts';
import { serveStaticFolder } from '../support/staticServer.ts';
import { runCli } from '../support/runCli.ts';
import { INDEPENDENT_CHANGE_ABS_KM2, INDEPENDENT_CHANGE_REL } from './tolerances.ts';

/** A box ring written the owlmaps way: [lat, lon] points. */
const latLonBox = (w: number, s: number, e: number, n: number): number[][] =>
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ].map(([x, y]) => [y!, x!]);

/** Land: two boxes touching along x = 31 (like two oblasts), a coast at y = 46. */
const synthLand = (): LandOutline =>
  landOutline([boxPolygon(30, 46, 31, 47) as AreaGeometry, boxPolygon(31, 46, 32, 47) as AreaGeometry]);

let geos: Geos;
const geosIntersectionKm2 = (a: AreaGeometry, b: AreaGeometry): number => {
  const ga = geos.fromGeoJson(a);
  const gb = geos.fromGeoJson(b);
  const gi = geos.intersection(ga, gb);
  const out = areaKm2(geos.toGeoJson(gi));
  [ga, gb, gi].forEach((g) => geos.free(g));
  return out;
};
const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    Math.max(INDEPENDENT_CHANGE_ABS_KM2, INDEPENDENT_CHANGE_REL * expected),
  );

beforeAll(async () => {
  geos = await loadGeos();
});

describe('parseOwlmapsDay (synthetic)', () => {
  it('swaps [lat, lon] to [lon, lat] and clips to the land: a box over the coast keeps its land part only', () => {
    const land = synthLand();
    // 30.5–31.5 E, 45.5–46.5 N: half of it lies south of the coast at 46 N.
    const json = { areas: [latLonBox(30.5, 45.5, 31.5, 46.5)], areas_ua: [] };
    const parsed = parseOwlmapsDay(json, owlmapsVersion('2025-08-15'), land);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const occupied = parsed.value.territories.filter((t) => t.properties.cls === 'occupied');
    expect(occupied).toHaveLength(1);
    const g = occupied[0]!.geometry;
    // Every vertex is a [lon, lat] inside the land box: lon 30–32, lat 46–47.
    const flat = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);
    for (const [x, y] of flat) {
      expect(x).toBeGreaterThanOrEqual(30.5 - 1e-9);
      expect(x).toBeLessThanOrEqual(31.5 + 1e-9);
      expect(y).toBeGreaterThanOrEqual(46 - 1e-9);
    }
    close(areaKm2(g), geosIntersectionKm2(boxPolygon(30.5, 45.5, 31.5, 46.5), synthLand().land));
    expect(parsed.value.occupiedIncludesPre2022).toBe(true);
  });

  it('joins overlapping rings before measuring (two overlapping boxes count their union once)', () => {
    const json = { areas: [latLonBox(30.2, 46.2, 30.6, 46.6), latLonBox(30.4, 46.4, 30.8, 46.8)] };
    const parsed = parseOwlmapsDay(json, owlmapsVersion('2025-08-15'), synthLand());
    if (!parsed.ok) throw new Error(parsed.issues.join('; '));
    const a = boxPolygon(30.2, 46.2, 30.6, 46.6) as AreaGeometry;
    const b = boxPolygon(30.4, 46.4, 30.8, 46.8) as AreaGeometry;
    const expected = areaKm2(a) + areaKm2(b) - geosIntersectionKm2(a, b);
    close(snapshotAreas(parsed.value).total.occupied, expected);
  });

  it('treats an empty day as no data, never as "nothing occupied"', () => {
    for (const json of [{ areas: [], areas_ua: [] }, { areas_ua: [] }]) {
      const parsed = parseOwlmapsDay(json, owlmapsVersion('2023-05-24'), synthLand());
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.issues[0]).toMatch(new RegExp(`^${OWLMAPS_NO_DATA}: 2023-05-24 owlmaps`));
    }
  });

  it('keeps areas_ua as drawn Ukrainian-held areas that no class total counts', () => {
    const json = {
      areas: [latLonBox(30.2, 46.2, 30.4, 46.4)],
      areas_ua: [latLonBox(31.2, 46.2, 31.4, 46.4)],
    };
    const parsed = parseOwlmapsDay(json, owlmapsVersion('2024-10-01'), synthLand());
    if (!parsed.ok) throw new Error(parsed.issues.join('; '));
    const ua = parsed.value.territories.find((t) => t.properties.name.includes('areas_ua'))!;
    expect(ua.properties.inRussia).toBe(true);
    const totals = snapshotAreas(parsed.value).total;
    close(totals.occupied, areaKm2(boxPolygon(30.2, 46.2, 30.4, 46.4) as AreaGeometry));
    expect(totals.liberated).toBe(0);
  });

  it('reports malformed points with where they are', () => {
    const parsed = parseOwlmapsDay({ areas: [[[46, 30], 'x']] }, owlmapsVersion('2025-01-01'), synthLand());
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.issues[0]).toBe('2025-01-01 owlmaps: areas[0][1] is not a [lat, lon] point');
  });

  it('does not mutate its input', () => {
    const json = { areas: [latLonBox(30.5, 45.5, 31.5, 46.5)], areas_ua: [] };
    const before = structuredClone(json);
    parseOwlmapsDay(Object.freeze(json), owlmapsVersion('2025-08-15'), synthLand());
    expect(json).toEqual(before);
  });

  it('reads base.json dates, skipping what is not a date', () => {
    const parsed = parseOwlmapsBase({ date: '20260801', dates: ['20230201', '20230101', '20230230', 7] });
    if (!parsed.ok) throw new Error('not ok');
    expect(parsed.value.map((v) => v.date)).toEqual(['2023-01-01', '2023-02-01']);
    expect(parsed.warnings).toHaveLength(2);
    expect(parseOwlmapsBase([]).ok).toBe(false);
  });
});

describe('clipToLand against GEOS', () => {
  it('equals GEOS intersection on random boxes around a two-part land (metamorphic: clip twice = clip once)', () => {
    const land = synthLand();
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let k = 0; k < 25; k++) {
      const w = 29.5 + rnd() * 2.5;
      const s = 45.5 + rnd() * 1.5;
      const g = boxPolygon(w, s, w + 0.1 + rnd(), s + 0.1 + rnd()) as AreaGeometry;
      const clipped = clipToLand(g, land);
      close(areaKm2(clipped), geosIntersectionKm2(g, land.land));
      close(areaKm2(clipToLand(clipped, land)), areaKm2(clipped));
    }
  });

  it('keeps nothing of an area wholly at sea, and all of one wholly on land', () => {
    const land = synthLand();
    expect(clipToLand(boxPolygon(30, 44, 31, 45) as AreaGeometry, land)).toBeNull();
    const inland = boxPolygon(30.2, 46.2, 30.4, 46.4) as AreaGeometry;
    close(areaKm2(clipToLand(inland, land)), areaKm2(inland));
  });
});

const ref = referenceDir();
describe.skipIf(!ref)('UA Control Map reference copy (served from 127.0.0.1)', () => {
  const dataDir = ref ? join(ref, 'owlmaps-map-data', 'data') : '';
  let server: Awaited<ReturnType<typeof serveStaticFolder>>;
  let land: LandOutline;
  beforeAll(async () => {
    server = await serveStaticFolder(dataDir);
    land = landOutline(loadOblasts().map((o) => o.geometry));
  });
  afterAll(() => server.close());

  it('lists base.json dates and loads a day clipped to the land, matching GEOS on the raw rings', async () => {
    const source = createOwlmapsSource({
      baseUrl: server.baseUrl,
      fetch: (u, i) => fetch(u, i),
      land: () => land,
    });
    const { versions } = await source.listVersions();
    expect(versions.length).toBeGreaterThanOrEqual(70);
    for (const date of ['2025-06-01', '2026-08-01']) {
      const at = await snapshotAt(source, versions, date);
      expect(at.note).toBeUndefined();
      const ours = snapshotAreas(at.snapshot).total.occupied;
      // Independent: the raw rings swapped by hand, unioned and intersected with the land by GEOS.
      const raw = JSON.parse(readFileSync(join(dataDir, `${date.replaceAll('-', '')}.json`), 'utf8')) as {
        areas: number[][][];
      };
      let union = geos.fromGeoJson({
        type: 'Polygon',
        coordinates: [raw.areas[0]!.map(([la, lo]) => [lo!, la!])],
      });
      for (const ring of raw.areas.slice(1)) {
        const next = geos.fromGeoJson({ type: 'Polygon', coordinates: [ring.map(([la, lo]) => [lo!, la!])] });
        const u = geos.fromGeoJson(geos.toGeoJson(union)!);
        geos.free(union);
        const g1 = geos.difference(u, next);
        union = geos.fromGeoJson({
          type: 'MultiPolygon',
          coordinates: [
            ...((geos.toGeoJson(g1) as AreaGeometry | null)?.type === 'Polygon'
              ? [(geos.toGeoJson(g1) as { coordinates: number[][][] }).coordinates]
              : ((geos.toGeoJson(g1) as { coordinates: number[][][][] } | null)?.coordinates ?? [])),
            [ring.map(([la, lo]) => [lo!, la!])],
          ],
        });
        [u, g1, next].forEach((g) => geos.free(g));
      }
      const expected = geosIntersectionKm2(geos.toGeoJson(union)!, land.land);
      geos.free(union);
      close(ours, expected);
      // Plausible: 105,000–120,000 km² occupied in 2025–2026 (DeepState's archive: ~113,000–116,000).
      expect(ours).toBeGreaterThan(105_000);
      expect(ours).toBeLessThan(120_000);
    }
  });

  it('skips an empty upstream day with a note and uses the day before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'owl-'));
    writeFileSync(join(dir, 'base.json'), JSON.stringify({ dates: ['20250801', '20250802'] }));
    writeFileSync(join(dir, '20250801.json'), readFileSync(join(dataDir, '20250801.json')));
    writeFileSync(join(dir, '20250802.json'), JSON.stringify({ areas: [], areas_ua: [] }));
    const local = await serveStaticFolder(dir);
    try {
      const source = createOwlmapsSource({
        baseUrl: local.baseUrl,
        fetch: (u, i) => fetch(u, i),
        land: () => land,
      });
      const { versions } = await source.listVersions();
      const at = await snapshotAt(source, versions, '2025-08-02');
      expect(at.snapshot.version.date).toBe('2025-08-01');
      expect(at.note).toMatch(/2025-08-02: no snapshot for that date in owlmaps; used 2025-08-01/u);
    } finally {
      await local.close();
    }
  });

  it('sync mirrors days with a base.json of the days held, and does not write an empty day', async () => {
    const src = mkdtempSync(join(tmpdir(), 'owl-src-'));
    const out = mkdtempSync(join(tmpdir(), 'owl-out-'));
    writeFileSync(join(src, 'base.json'), JSON.stringify({ dates: ['20250831', '20250901', '20250902'] }));
    writeFileSync(join(src, '20250831.json'), readFileSync(join(dataDir, '20250831.json')));
    writeFileSync(join(src, '20250901.json'), readFileSync(join(dataDir, '20250901.json')));
    writeFileSync(join(src, '20250902.json'), JSON.stringify({ areas: [], areas_ua: [] }));
    const local = await serveStaticFolder(src);
    try {
      const r = await runCli(
        (u, i) => fetch(u, i),
        'sync',
        '--source',
        'owlmaps',
        '--data',
        local.baseUrl,
        '--from',
        '2025-08-31',
        '--to',
        '2025-09-02',
        '--out',
        out,
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/fetched 2, cached 0, missing 1, invalid 0, failed 0/u);
      expect(r.stdout).toMatch(/not published: 2025-09-02 \(empty: no data\)/u);
      expect(JSON.parse(readFileSync(join(out, 'base.json'), 'utf8'))).toEqual({
        date: '20250901',
        dates: ['20250831', '20250901'],
      });
      // The mirror answers the CLI offline; the empty day falls back to the day before.
      const area = await runCli(
        (u, i) => fetch(u, i),
        'area',
        '--source',
        'owlmaps',
        '--data',
        out,
        '--date',
        '2025-09-02',
      );
      expect(area.code).toBe(0);
      expect(area.stderr).toMatch(/used 2025-09-01/u);
    } finally {
      await local.close();
    }
  });

  it('answers `area --source owlmaps --data DIR` from the repository layout (data/ inside)', async () => {
    const r = await runCli(
      (u, i) => fetch(u, i),
      'area',
      '--source',
      'owlmaps',
      '--data',
      join(ref!, 'owlmaps-map-data'),
      '--date',
      '2025-08-15',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { areasKm2: { occupied: number } };
    expect(out.areasKm2.occupied).toBeGreaterThan(105_000);
  });
});
