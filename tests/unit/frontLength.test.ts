/**
 * The front line and its length (issue #15) on synthetic shapes with known answers: a square against a straight
 * border and a coast, a pocket and a seam, a stretch along the Dnipro's water and the river between two occupied banks; GeographicLib (independent of the piece
 * bookkeeping) for the expected lengths; metamorphic checks on the tolerance and the generalisation.
 */
import { readFileSync } from 'node:fs';
import geodesic from 'geographiclib-geodesic';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  frontContext,
  frontLengthReport,
  frontLine,
  frontLineGeoJson,
  generaliseLine,
  geodesicLineKm,
  judgeLength,
  parseLengthClaims,
  reportMeta,
  stretchSummary,
  type FrontOutlineCollection,
} from '../../src/core/index.ts';
import { runCli } from '../support/runCli.ts';
import { FRONT_LENGTH_REL } from './tolerances.ts';

const g = geodesic.Geodesic.WGS84;
/** GeographicLib's geodesic distance, km. */
const km = (a: Position, b: Position): number => g.Inverse(a[1]!, a[0]!, b[1]!, b[0]!).s12! / 1000;

const outline = (border: Position[], coast: Position[]): FrontOutlineCollection => ({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { kind: 'border', neighbour: 'RUS' },
      geometry: { type: 'MultiLineString', coordinates: [border] },
    },
    {
      type: 'Feature',
      properties: { kind: 'coast', neighbour: null },
      geometry: { type: 'MultiLineString', coordinates: [coast] },
    },
  ],
});

// A square 37.0–37.1° E × 48.0–48.1° N: its south side on a straight border, its east side on a straight coast.
const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [37, 48],
      [37.1, 48],
      [37.1, 48.1],
      [37, 48.1],
      [37, 48],
    ],
  ],
};
const lines = outline(
  [
    [36.9, 48],
    [37.2, 48],
  ],
  [
    [37.1, 47.9],
    [37.1, 48.2],
  ],
);
// The front: the west and north sides.
const known = km([37, 48], [37, 48.1]) + km([37, 48.1], [37.1, 48.1]);

describe('frontLine on synthetic shapes', () => {
  it('a square against a straight border and a coast: the two other sides, to 1e-6', () => {
    const ctx = frontContext(lines, [], { toleranceM: 10 });
    const frozen = structuredClone(square);
    Object.freeze(frozen.coordinates[0]);
    const fl = frontLine(frozen, ctx);
    expect(fl.rawKm / known - 1).toBeLessThan(FRONT_LENGTH_REL);
    expect(known / fl.rawKm - 1).toBeLessThan(FRONT_LENGTH_REL);
    // Two straight sides meeting at a corner far more than 1 km off their chord: generalisation keeps them.
    expect(Math.abs(fl.lengthKm / known - 1)).toBeLessThan(FRONT_LENGTH_REL);
    expect(Math.abs(fl.excludedKm.border / km([37, 48], [37.1, 48]) - 1)).toBeLessThan(FRONT_LENGTH_REL);
    expect(Math.abs(fl.excludedKm.coast / km([37.1, 48], [37.1, 48.1]) - 1)).toBeLessThan(FRONT_LENGTH_REL);
    expect(fl.stretches).toHaveLength(1);
    expect(fl.stretches[0]!.kind).toBe('land');
    expect(frozen).toEqual(square);
  });

  it('the tolerance takes about its own width off each end of the front (metamorphic)', () => {
    const fl = frontLine(square, frontContext(lines, [], { toleranceM: 1000 }));
    // The west side loses its southern km (near the border), the north side its eastern km (near the coast);
    // pieces are 100 m long, classified by their midpoints.
    expect(known - fl.rawKm).toBeGreaterThan(1.9);
    expect(known - fl.rawKm).toBeLessThan(2.1);
    expect(fl.rawKm + fl.excludedKm.border + fl.excludedKm.coast).toBeCloseTo(
      known + km([37, 48], [37.1, 48]) + km([37.1, 48], [37.1, 48.1]),
      6,
    );
  });

  it('a hole 3 km wide is a pocket; one 50 m wide is a seam between polygons', () => {
    const hole = (w: number): Position[] => [
      [37.05 - w, 48.05 - w],
      [37.05 - w, 48.05 + w],
      [37.05 + w, 48.05 + w],
      [37.05 + w, 48.05 - w],
      [37.05 - w, 48.05 - w],
    ];
    const ctx = frontContext(lines, [], { toleranceM: 10 });
    const wide = hole(0.0135);
    const fl = frontLine({ type: 'Polygon', coordinates: [square.coordinates[0]!, wide] }, ctx);
    const pockets = fl.stretches.filter((s) => s.kind === 'pocket');
    expect(pockets).toHaveLength(1);
    let perimeter = 0;
    for (let i = 1; i < wide.length; i++) perimeter += km(wide[i - 1]!, wide[i]!);
    expect(Math.abs(pockets[0]!.rawKm / perimeter - 1)).toBeLessThan(FRONT_LENGTH_REL);
    expect(pockets[0]!.line[0]).toEqual(pockets[0]!.line[pockets[0]!.line.length - 1]);
    expect(Math.abs(fl.rawKm / (known + perimeter) - 1)).toBeLessThan(FRONT_LENGTH_REL);

    const thin: Position[] = [
      [37.02, 48.05],
      [37.08, 48.05],
      [37.08, 48.0505],
      [37.02, 48.0505],
      [37.02, 48.05],
    ];
    const seam = frontLine({ type: 'Polygon', coordinates: [square.coordinates[0]!, thin] }, ctx);
    expect(seam.stretches.filter((s) => s.kind === 'pocket')).toHaveLength(0);
    expect(seam.seamKm).toBeGreaterThan(8);
    expect(Math.abs(seam.rawKm / known - 1)).toBeLessThan(FRONT_LENGTH_REL);
  });

  // A river 35.085–35.095° E (≈ 0.75 km wide) as the outline's Dnipro water; the occupied square east of it, its
  // west side 0.4 km from the shore (within DNIPRO_TOLERANCE_M), its north side's midpoint 4 km off and more.
  const riverOutline = (): FrontOutlineCollection => {
    const base = outline(
      [
        [30, 52],
        [30.1, 52],
      ],
      [
        [34.8, 47.4],
        [35.4, 47.4],
      ],
    );
    const water: Position[] = [
      [35.085, 47.3],
      [35.095, 47.3],
      [35.095, 47.6],
      [35.085, 47.6],
      [35.085, 47.3],
    ];
    base.features.push({
      type: 'Feature',
      properties: { kind: 'dnipro', neighbour: null },
      geometry: { type: 'MultiPolygon', coordinates: [[water]] },
    });
    return base;
  };
  const east: Position[] = [
    [35.1, 47.4],
    [35.3, 47.4],
    [35.3, 47.5],
    [35.2, 47.5],
    [35.1, 47.5],
    [35.1, 47.4],
  ];
  const westBank: Position[] = [
    [34.9, 47.4],
    [35.08, 47.4],
    [35.08, 47.5],
    [34.9, 47.5],
    [34.9, 47.4],
  ];

  it('front along the Dnipro’s water is the Dnipro stretch, left out of withoutDniproKm', () => {
    const ctx = frontContext(riverOutline(), [], { toleranceM: 10 });
    const fl = frontLine({ type: 'Polygon', coordinates: [east] }, ctx);
    const dnipro = km([35.1, 47.5], [35.1, 47.4]);
    const land =
      km([35.3, 47.4], [35.3, 47.5]) + km([35.3, 47.5], [35.2, 47.5]) + km([35.2, 47.5], [35.1, 47.5]);
    const rows = stretchSummary(fl.stretches);
    expect(rows.map((r) => r.kind)).toEqual(['dnipro', 'land']);
    expect(Math.abs(rows[0]!.rawKm / dnipro - 1)).toBeLessThan(FRONT_LENGTH_REL);
    expect(Math.abs(rows[1]!.rawKm / land - 1)).toBeLessThan(FRONT_LENGTH_REL);
    expect(fl.withoutDniproKm).toBeCloseTo(fl.lengthKm - rows[0]!.km, 9);
  });

  it('the Dnipro between two occupied banks is no front (a seam), and without the outline’s water no Dnipro', () => {
    const ctx = frontContext(riverOutline(), [], { toleranceM: 10 });
    const both = frontLine({ type: 'MultiPolygon', coordinates: [[east], [westBank]] }, ctx);
    expect(both.stretches.filter((s) => s.kind === 'dnipro')).toEqual([]);
    // The two banks facing each other across the river.
    const banks = km([35.1, 47.5], [35.1, 47.4]) + km([35.08, 47.4], [35.08, 47.5]);
    expect(Math.abs(both.seamKm / banks - 1)).toBeLessThan(FRONT_LENGTH_REL);
    const alone = frontLine({ type: 'Polygon', coordinates: [east] }, ctx);
    expect(
      Math.abs(
        both.rawKm + banks - alone.rawKm - frontLine({ type: 'Polygon', coordinates: [westBank] }, ctx).rawKm,
      ),
    ).toBeLessThan(1e-9);
    const noWater = frontContext(riverOutline(), [], { toleranceM: 10 });
    noWater.dnipro = null;
    expect(frontLine({ type: 'Polygon', coordinates: [east] }, noWater).stretches.map((s) => s.kind)).toEqual(
      ['land'],
    );
  });

  it('a reservoir too wide for the probes is crossed: occupied beyond its far shore makes its shore a seam', () => {
    // Water 35.0–35.15° E (≈ 11 km); the occupied east bank from 35.155, the west bank up to 34.99 (and, apart, a
    // west bank that stops 20 km short of the water: then the east bank's shore is the Dnipro front).
    const wide = riverOutline();
    const water: Position[] = [
      [35, 47.3],
      [35.15, 47.3],
      [35.15, 47.6],
      [35, 47.6],
      [35, 47.3],
    ];
    wide.features[2] = {
      type: 'Feature',
      properties: { kind: 'dnipro', neighbour: null },
      geometry: { type: 'MultiPolygon', coordinates: [[water]] },
    };
    const ctx = frontContext(wide, [], { toleranceM: 10 });
    const box = (w: number, e: number): Position[] => [
      [w, 47.4],
      [e, 47.4],
      [e, 47.5],
      [w, 47.5],
      [w, 47.4],
    ];
    const both = frontLine(
      { type: 'MultiPolygon', coordinates: [[box(35.155, 35.35)], [box(34.8, 34.99)]] },
      ctx,
    );
    expect(both.stretches.filter((s) => s.kind === 'dnipro')).toEqual([]);
    expect(both.seamKm).toBeGreaterThan(2 * km([35.155, 47.4], [35.155, 47.5]) * (1 - FRONT_LENGTH_REL));
    const farApart = frontLine(
      { type: 'MultiPolygon', coordinates: [[box(35.155, 35.35)], [box(34.5, 34.72)]] },
      ctx,
    );
    expect(farApart.seamKm).toBe(0);
    expect(farApart.stretches.filter((s) => s.kind === 'dnipro').length).toBeGreaterThan(0);
  });

  it('the GeoJSON carries the grey zone’s outer edge as part "grey", its lines measuring the grey edge as drawn', () => {
    const ctx = frontContext(riverOutline(), [], { toleranceM: 10 });
    const fl = frontLine({ type: 'Polygon', coordinates: [east] }, ctx);
    const grey = frontLine({ type: 'MultiPolygon', coordinates: [[east], [westBank]] }, ctx);
    const meta = reportMeta({ id: 'test', location: 'test' }, '0.0.0', '2026-01-01T00:00:00Z', []);
    const snap = { date: '2026-01-01', versionId: 'v' };
    const gj = frontLineGeoJson(frontLengthReport(meta, '2026-01-01', snap, fl, grey), fl, grey);
    const greyLines = gj.features.filter((f) => f.properties.part === 'grey');
    expect(greyLines.length).toBe(grey.stretches.length);
    const drawn = greyLines.reduce(
      (sum, f) =>
        sum + f.geometry.coordinates.slice(1).reduce((s, p, i) => s + km(f.geometry.coordinates[i]!, p), 0),
      0,
    );
    expect(Math.abs(drawn / grey.rawKm - 1)).toBeLessThan(FRONT_LENGTH_REL);
    // Without a grey zone, no grey part.
    const plain = frontLineGeoJson(frontLengthReport(meta, '2026-01-01', snap, fl, null), fl);
    expect(plain.features.filter((f) => f.properties.part === 'grey')).toEqual([]);
  });

  it('nothing occupied: zero length, no stretches', () => {
    const fl = frontLine(null, frontContext(lines, []));
    expect(fl).toMatchObject({ lengthKm: 0, rawKm: 0, stretches: [] });
  });
});

describe('generaliseLine', () => {
  const wiggle: Position[] = Array.from({ length: 200 }, (_, i) => [37 + i * 0.001, 48 + (i % 2) * 0.002]);

  it('keeps the ends, drops wiggles under the tolerance, and never lengthens the line', () => {
    const frozen = Object.freeze(wiggle.map((p) => Object.freeze(p.slice()) as Position));
    const out = generaliseLine(frozen, 1000);
    expect(out[0]).toEqual(wiggle[0]);
    expect(out[out.length - 1]).toEqual(wiggle[wiggle.length - 1]);
    expect(out.length).toBeLessThan(5);
    expect(geodesicLineKm(out)).toBeLessThan(geodesicLineKm(wiggle));
    // 0.002° of latitude is 222 m: a tolerance under that keeps every vertex.
    expect(generaliseLine(wiggle, 100)).toHaveLength(wiggle.length);
  });

  it('a closed line stays closed', () => {
    const ring: Position[] = [
      [37, 48],
      [37.2, 48],
      [37.2, 48.2],
      [37, 48.2],
      [37, 48],
    ];
    const out = generaliseLine(ring, 1000);
    expect(out).toHaveLength(5);
  });
});

describe('frontline length: usage errors', () => {
  const noFetch = () => Promise.reject(new Error('no network in this test'));
  it('exits 2 with a clear message on a bad date or format', async () => {
    const bad = await runCli(noFetch, 'length', '--source', 'archive', '--date', '2025-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--date "2025-02-30" is not a calendar date');
    const fmt = await runCli(
      noFetch,
      'length',
      '--source',
      'archive',
      '--date',
      '2025-02-03',
      '--format',
      'kml',
    );
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain('use one of json, csv, geojson');
    const help = await runCli(noFetch, 'length', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('within 1 km');
  });
});

describe('length claims in the registry', () => {
  const good = {
    id: 'x',
    quote: 'q',
    words: 'active front',
    publisher: 'p',
    publishedOn: '2025-09-26',
    date: '2025-09-26',
    metric: 'front_line_km',
    valueKm: 1250,
    approximate: true,
    compareWith: 'lengthKm',
    basis: 'Not published',
    note: '',
  };

  it('reads the shipped registry: six claims, no issues', () => {
    const registry = JSON.parse(
      readFileSync(new URL('../../geodata/reported-figures.json', import.meta.url), 'utf8'),
    ) as unknown;
    const { claims, issues } = parseLengthClaims(registry);
    expect(issues).toEqual([]);
    expect(claims.map((c) => c.valueKm)).toEqual([1500, 1040, 1250, 1253, 1218, 1200]);
    expect(new Set(claims.map((c) => c.words))).toEqual(new Set(['active front', 'contact line']));
  });

  it('leaves out malformed entries with a readable issue each; none is no error', () => {
    expect(parseLengthClaims({ claims: [] })).toEqual({ claims: [], issues: [] });
    const { claims, issues } = parseLengthClaims({
      lengthClaims: [
        good,
        { ...good, id: 'bad-date', date: '2025-02-30' },
        { ...good, id: 'bad-value', valueKm: -3 },
        { ...good, id: 'bad-metric', metric: 'net_gain' },
        { ...good, id: 'bad-compare', compareWith: 'areaKm2' },
      ],
    });
    expect(claims.map((c) => c.id)).toEqual(['x']);
    expect(issues).toEqual([
      'reported figures: length claim 1 ("bad-date"): date needs an ISO date',
      'reported figures: length claim 2 ("bad-value"): valueKm is not a positive number',
      'reported figures: length claim 3 ("bad-metric"): metric must be front_line_km',
      'reported figures: length claim 4 ("bad-compare"): compareWith must be lengthKm, withoutDniproKm or rawKm',
    ]);
    expect(parseLengthClaims({ lengthClaims: {} }).issues).toEqual([
      'reported figures: "lengthClaims" is not an array',
    ]);
  });

  it('judges a length like an area: within 2%, 2–10% apart, off by more', () => {
    const [claim] = parseLengthClaims({ lengthClaims: [good] }).claims;
    expect(judgeLength(claim!, 1227.16)).toMatchObject({ verdict: 'within 2%', deviationKm: 1227.16 - 1250 });
    expect(judgeLength(claim!, 1150).verdict).toBe('2–10% apart');
    expect(judgeLength(claim!, 840).verdict).toBe('off by more than 10%');
  });
});
