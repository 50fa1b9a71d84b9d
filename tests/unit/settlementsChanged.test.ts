/**
 * The places that changed hands (issue #12): the core on authored shapes, the boundary rule, the report's counts and
 * formats, and on the reference archive the CLI's list against an independent point-in-polygon over the raw files.
 */
import { readFileSync } from 'node:fs';
import { booleanPointInPolygon } from '@turf/turf';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildChangeReport,
  changeGeoJson,
  changeReportCsv,
  placeClasses,
  settlementCounts,
  settlementsChanged,
  settlementsFrom,
  type Region,
  type Settlement,
  type SettlementChange,
  type SettlementProperties,
  type Snapshot,
  type TerritoryClass,
  type UsedSnapshot,
} from '../../src/core/index.ts';
import { loadSettlements } from '../../src/cli/geodata.ts';
import { referenceDir } from '../support/referenceData.ts';
import { runCli } from '../support/runCli.ts';
import { boxPolygon } from '../support/shapes.ts';

function snapshot(
  date: string,
  parts: { cls: TerritoryClass; geometry: Polygon | MultiPolygon; inRussia?: boolean }[],
): Snapshot {
  return {
    source: 'test',
    version: { id: date, createdAt: `${date}T00:00:00Z`, date },
    territories: parts.map((p, i) => ({
      type: 'Feature',
      geometry: p.geometry,
      properties: {
        cls: p.cls,
        name: `part ${i}`,
        sourceIndex: i,
        ...(p.inRussia ? { inRussia: true } : {}),
      },
    })),
    markers: [],
    warnings: [],
  };
}

const place = (
  id: number,
  name: string,
  lon: number,
  lat: number,
  oblast: string | null = 'UA-14',
): Settlement => ({
  id,
  name,
  nameUk: `${name} (uk)`,
  oblast,
  population: 1000 + id,
  lon,
  lat,
});

// A 1°×1° occupied square with a hole; a grey strip east of it.
const occupiedWithHole: Polygon = {
  type: 'Polygon',
  coordinates: [
    boxPolygon(37, 48, 38, 49).coordinates[0]!,
    // hole, clockwise
    [
      [37.4, 48.4],
      [37.4, 48.6],
      [37.6, 48.6],
      [37.6, 48.4],
      [37.4, 48.4],
    ],
  ],
};
const grey = boxPolygon(38, 48, 38.2, 49);

describe('placeClasses', () => {
  const snap = snapshot('2025-01-01', [
    { cls: 'occupied', geometry: occupiedWithHole },
    { cls: 'grey', geometry: grey },
    { cls: 'occupied', geometry: boxPolygon(40, 50, 41, 51), inRussia: true },
  ]);

  it('says occupied inside, ukraine outside and in a hole, grey in the grey zone', () => {
    const places = [
      place(1, 'Inside', 37.2, 48.2),
      place(2, 'In the hole', 37.5, 48.5),
      place(3, 'Grey', 38.1, 48.5),
      place(4, 'Outside', 36.5, 48.5),
      place(5, 'In Russia', 40.5, 50.5),
    ];
    expect(placeClasses(snap, places)).toEqual(['occupied', 'ukraine', 'grey', 'ukraine', 'ukraine']);
  });

  it('counts a point exactly on a boundary as inside: outer edge, vertex, hole edge, shared edge', () => {
    const places = [
      place(1, 'West edge', 37, 48.5),
      place(2, 'Corner', 37, 48),
      place(3, 'Hole edge', 37.4, 48.5),
      place(4, 'Occupied-grey edge', 38, 48.5), // on both: occupied wins
      place(5, 'Grey east edge', 38.2, 48.5),
    ];
    expect(placeClasses(snap, places)).toEqual(['occupied', 'occupied', 'occupied', 'occupied', 'grey']);
  });

  it('lets occupied win where an occupied and a grey polygon overlap', () => {
    const overlap = snapshot('2025-01-01', [
      { cls: 'grey', geometry: boxPolygon(37, 48, 38, 49) },
      { cls: 'occupied_pre2022', geometry: boxPolygon(37.5, 48, 38, 49) },
    ]);
    expect(placeClasses(overlap, [place(1, 'A', 37.7, 48.5), place(2, 'B', 37.2, 48.5)])).toEqual([
      'occupied',
      'grey',
    ]);
  });
});

describe('placeClasses against closed boxes (property)', () => {
  it('says occupied exactly when the point is in a closed occupied box, edges and corners included', () => {
    // Coordinates on a 0.25° grid, so points land exactly on edges and corners often.
    const coord = fc.integer({ min: 0, max: 16 }).map((i) => 36 + i / 4);
    const box = fc
      .tuple(coord, coord, coord, coord)
      .filter(([a, b, c, d]) => a !== c && b !== d)
      .map(([a, b, c, d]) => [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)] as const);
    fc.assert(
      fc.property(
        fc.array(box, { minLength: 1, maxLength: 4 }),
        fc.array(box, { maxLength: 3 }),
        fc.array(fc.tuple(coord, coord), { minLength: 1, maxLength: 30 }),
        (occupied, grey, points) => {
          const snap = snapshot('2025-01-01', [
            ...occupied.map((b) => ({ cls: 'occupied' as const, geometry: boxPolygon(...b) })),
            ...grey.map((b) => ({ cls: 'grey' as const, geometry: boxPolygon(...b) })),
          ]);
          const inClosed = (b: readonly number[], x: number, y: number) =>
            x >= b[0]! && x <= b[2]! && y >= b[1]! && y <= b[3]!;
          const places = points.map(([x, y], i) => place(i, `P${i}`, x, y));
          const expected = points.map(([x, y]) =>
            occupied.some((b) => inClosed(b, x, y))
              ? 'occupied'
              : grey.some((b) => inClosed(b, x, y))
                ? 'grey'
                : 'ukraine',
          );
          expect(placeClasses(snap, places)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('settlementsChanged', () => {
  const a = snapshot('2025-01-01', [{ cls: 'occupied', geometry: boxPolygon(37, 48, 38, 49) }]);
  const b = snapshot('2025-02-01', [
    { cls: 'occupied', geometry: boxPolygon(37, 48, 38.5, 49) },
    { cls: 'grey', geometry: boxPolygon(38.5, 48, 39, 49) },
    { cls: 'grey', geometry: boxPolygon(37, 48, 37.2, 48.2) }, // under occupied: still occupied
  ]);
  const places = Object.freeze([
    place(10, 'Zeta', 38.2, 48.5, 'UA-14'), // taken
    place(11, 'Alpha', 38.3, 48.5, 'UA-14'), // taken
    place(12, 'Grey one', 38.7, 48.5, 'UA-09'), // ukraine → grey
    place(13, 'Stays', 37.5, 48.5, 'UA-14'), // occupied both
    place(14, 'Far', 30, 50, 'UA-30'), // ukraine both
    place(15, 'Nowhere', 38.4, 48.5, null), // taken, no oblast
  ]);

  it('lists only the places whose class differs, sorted by oblast then name (no oblast last)', () => {
    const before = structuredClone(places);
    const got = settlementsChanged(a, b, places);
    expect(got.map((s) => [s.id, s.from, s.to])).toEqual([
      [12, 'ukraine', 'grey'],
      [11, 'ukraine', 'occupied'],
      [10, 'ukraine', 'occupied'],
      [15, 'ukraine', 'occupied'],
    ]);
    expect(got[0]).toEqual({ ...places[2], from: 'ukraine', to: 'grey' });
    expect(places).toEqual(before);
  });

  it('is the same list with the dates swapped, from and to exchanged', () => {
    const forth = settlementsChanged(a, b, places);
    const back = settlementsChanged(b, a, places);
    expect(back).toEqual(forth.map((s) => ({ ...s, from: s.to, to: s.from })));
  });

  it('counts taken and retaken by oblast code or by polygon', () => {
    const changes = settlementsChanged(a, b, places);
    const regions: Region[] = [
      { type: 'Feature', geometry: boxPolygon(38, 48, 38.3, 49), properties: { id: 'box', name_en: 'Box' } },
    ];
    // Alpha sits on the box's east edge: inside, as everywhere else.
    expect(settlementCounts(changes, regions, 'polygon')).toEqual([
      { settlementsGained: 2, settlementsLost: 0 },
    ]);
    const back = settlementsChanged(b, a, places);
    expect(settlementCounts(back, regions, 'polygon')).toEqual([
      { settlementsGained: 0, settlementsLost: 2 },
    ]);
    const oblast: Region[] = [
      { type: 'Feature', geometry: boxPolygon(0, 0, 1, 1), properties: { id: 'UA-14', name_en: 'Donetsk' } },
    ];
    expect(settlementCounts(changes, oblast, 'oblast')).toEqual([
      { settlementsGained: 2, settlementsLost: 0 },
    ]);
  });
});

describe('the change report with the gazetteer', () => {
  const a = snapshot('2025-01-01', [{ cls: 'occupied', geometry: boxPolygon(37, 48, 38, 49) }]);
  const b = snapshot('2025-02-01', [{ cls: 'occupied', geometry: boxPolygon(37, 48, 38.5, 49) }]);
  const used = (s: Snapshot): UsedSnapshot => ({ requested: s.version.date, snapshot: s });
  const oblasts: Region[] = [
    {
      type: 'Feature',
      geometry: boxPolygon(36, 47, 38.3, 50),
      properties: { id: 'UA-14', name_en: 'Donetsk' },
    },
    {
      type: 'Feature',
      geometry: boxPolygon(38.3, 47, 40, 50),
      properties: { id: 'UA-09', name_en: 'Luhansk' },
    },
  ];
  const places = [
    place(1, 'West', 38.2, 48.5, 'UA-14'),
    place(2, 'East', 38.4, 48.5, 'UA-09'),
    place(3, '=Sea', 38.45, 48.6, null),
  ];
  const { report, change } = buildChangeReport({
    source: { id: 'test', location: 'memory' },
    toolVersion: '0.0.0',
    generatedAt: '2025-02-02T00:00:00Z',
    a: used(a),
    b: used(b),
    cls: 'occupied_all',
    oblasts,
    focusAreas: [],
    claims: [],
    settlements: places,
  });

  it('adds settlements[] and counts per oblast that add up, the null oblast in the outside row', () => {
    expect(report.settlements?.map((s) => s.id)).toEqual([2, 1, 3]);
    const rows = Object.fromEntries(
      report.byOblast.map((r) => [r.iso, [r.settlementsGained, r.settlementsLost]]),
    );
    expect(rows).toEqual({ 'UA-14': [1, 0], 'UA-09': [1, 0], '': [1, 0] });
  });

  it('writes them to CSV as settlement rows, formula-like names neutralised', () => {
    const rows = parseCsv(changeReportCsv(report), { comment: '#', columns: true }) as Record<
      string,
      string
    >[];
    const total = rows.find((r) => r['scope'] === 'total')!;
    expect([total['settlements_gained'], total['settlements_lost']]).toEqual(['3', '0']);
    const s = rows.filter((r) => r['scope'] === 'settlement');
    expect(s.map((r) => [r['id'], r['name'], r['oblast'], r['from_class'], r['to_class']])).toEqual([
      ['2', 'East', 'UA-09', 'ukraine', 'occupied'],
      ['1', 'West', 'UA-14', 'ukraine', 'occupied'],
      ['3', "'=Sea", '', 'ukraine', 'occupied'],
    ]);
    expect(Number(s[0]!['lon'])).toBe(38.4);
    expect(s[0]!['gained_km2']).toBe('');
  });

  it('writes them to GeoJSON as Points after the polygons', () => {
    const geo = changeGeoJson(report, change, oblasts);
    const points = geo.features.filter((f) => f.geometry.type === 'Point') as Feature<Point>[];
    expect(points.map((f) => [f.geometry.coordinates, f.properties?.['id'], f.properties?.['to']])).toEqual([
      [[38.4, 48.5], 2, 'occupied'],
      [[38.2, 48.5], 1, 'occupied'],
      [[38.45, 48.6], 3, 'occupied'],
    ]);
    expect(points.every((f) => f.properties?.['change'] === 'settlement')).toBe(true);
  });

  it('leaves the report as it was without a gazetteer', () => {
    const plain = buildChangeReport({
      source: { id: 'test', location: 'memory' },
      toolVersion: '0.0.0',
      generatedAt: '2025-02-02T00:00:00Z',
      a: used(a),
      b: used(b),
      cls: 'occupied_all',
      oblasts,
      focusAreas: [],
      claims: [],
    }).report;
    expect('settlements' in plain).toBe(false);
    expect(Object.keys(plain.byOblast[0]!)).toEqual(['iso', 'name', 'gainedKm2', 'lostKm2', 'netKm2']);
    expect(changeReportCsv(plain)).not.toContain('settlements_gained');
  });
});

describe('the gazetteer as the CLI reads it', () => {
  it('is the file, in the core shape', () => {
    const file = JSON.parse(
      readFileSync(new URL('../../geodata/settlements.geojson', import.meta.url), 'utf8'),
    ) as FeatureCollection<Point, SettlementProperties>;
    const places = loadSettlements();
    expect(places).toEqual(settlementsFrom(file));
    expect(places.find((p) => p.id === 704422)).toEqual({
      id: 704422,
      name: 'Pokrovsk',
      nameUk: 'Покровськ',
      oblast: 'UA-14',
      population: 60127,
      lon: 37.17585,
      lat: 48.28198,
    });
  });
});

const ref = referenceDir();

describe.skipIf(!ref)('on the reference archive, 2025-08-15 → 2025-11-20', () => {
  let cli: SettlementChange[];
  beforeAll(async () => {
    const r = await runCli(
      (url) => Promise.reject(new Error(`tests make no network request (${url})`)),
      'change',
      '--source',
      'archive',
      '--data',
      `${ref}/deepstate-archive`,
      '--from',
      '2025-08-15',
      '--to',
      '2025-11-20',
    );
    expect(r.code).toBe(0);
    cli = (JSON.parse(r.stdout) as { settlements: SettlementChange[] }).settlements;
  });

  it("equals an independent point-in-polygon over the raw files (Turf's booleanPointInPolygon)", () => {
    // Written here from the raw archive files and the gazetteer file alone, not through the core.
    const raw = (day: string) =>
      JSON.parse(
        readFileSync(`${ref}/deepstate-archive/deepstatemap_data_${day}.geojson`, 'utf8'),
      ) as FeatureCollection<Polygon | MultiPolygon>;
    const gazetteer = JSON.parse(
      readFileSync(new URL('../../geodata/settlements.geojson', import.meta.url), 'utf8'),
    ) as FeatureCollection<Point, SettlementProperties>;
    const side = (day: FeatureCollection<Polygon | MultiPolygon>, p: Feature<Point>) =>
      day.features.some((f) => booleanPointInPolygon(p, f)) ? 'occupied' : 'ukraine';
    const [before, after] = [raw('20250815'), raw('20251120')];
    const expected = gazetteer.features
      .map((p) => ({ id: p.properties.id, from: side(before, p), to: side(after, p) }))
      .filter((x) => x.from !== x.to)
      .sort((x, y) => x.id - y.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(cli.map((s) => ({ id: s.id, from: s.from, to: s.to })).sort((x, y) => x.id - y.id)).toEqual(
      expected,
    );
  });

  it('agrees with an even-odd ray cast written here, for every place of the gazetteer on both dates', () => {
    // A second oracle that shares no code with Turf: count the ring edges a ray eastward from the point crosses.
    const crossings = (rings: Position[][], x: number, y: number): number => {
      let n = 0;
      for (const ring of rings) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i] as [number, number];
          const [xj, yj] = ring[j] as [number, number];
          if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) n++;
        }
      }
      return n;
    };
    const occupiedOn = (day: string) => {
      const file = JSON.parse(
        readFileSync(`${ref}/deepstate-archive/deepstatemap_data_${day}.geojson`, 'utf8'),
      ) as FeatureCollection<Polygon | MultiPolygon>;
      const polygons = file.features.flatMap((f) =>
        f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates,
      );
      return (x: number, y: number) => polygons.some((rings) => crossings(rings, x, y) % 2 === 1);
    };
    const [before, after] = [occupiedOn('20250815'), occupiedOn('20251120')];
    const places = loadSettlements();
    const changed = places
      .filter((p) => before(p.lon, p.lat) !== after(p.lon, p.lat))
      .map((p) => p.id)
      .sort((a, b) => a - b);
    expect(cli.map((s) => s.id).sort((a, b) => a - b)).toEqual(changed);
  });

  it('names Pokrovsk as taken, in Donetsk oblast, with its Ukrainian name', () => {
    expect(cli.find((s) => s.id === 704422)).toMatchObject({
      name: 'Pokrovsk',
      nameUk: 'Покровськ',
      oblast: 'UA-14',
      from: 'ukraine',
      to: 'occupied',
    });
  });
});

describe.skipIf(!ref)('frontline history --settlements on the reference archive', () => {
  const cli = (...argv: string[]) =>
    runCli((url) => Promise.reject(new Error(`tests make no network request (${url})`)), ...argv);
  const archive = ['--source', 'archive', '--data', `${ref}/deepstate-archive`];

  it('counts per step the places that change, as change between the same dates does', async () => {
    const h = await cli(
      'history',
      ...archive,
      '--from',
      '2025-09-30',
      '--to',
      '2025-11-30',
      '--settlements',
      '--format',
      'json',
    );
    expect(h.code).toBe(0);
    const rows = (
      JSON.parse(h.stdout) as {
        rows: { date: string; settlementsTaken: number | null; settlementsRetaken: number | null }[];
      }
    ).rows;
    expect(rows.map((r) => r.date)).toEqual(['2025-09-30', '2025-10-31', '2025-11-30']);
    expect(rows[0]).toMatchObject({ settlementsTaken: null, settlementsRetaken: null });
    let taken = 0;
    for (let i = 1; i < rows.length; i++) {
      const c = await cli('change', ...archive, '--from', rows[i - 1]!.date, '--to', rows[i]!.date);
      const list = (JSON.parse(c.stdout) as { settlements: SettlementChange[] }).settlements;
      expect(rows[i]!.settlementsTaken).toBe(list.filter((s) => s.to === 'occupied').length);
      expect(rows[i]!.settlementsRetaken).toBe(list.filter((s) => s.from === 'occupied').length);
      taken += rows[i]!.settlementsTaken!;
    }
    expect(taken).toBeGreaterThan(0);
  });

  it('--format csv adds settlements_taken and settlements_retaken; without the flag they are absent', async () => {
    const period = ['--from', '2025-10-31', '--to', '2025-11-30'];
    const withFlag = await cli('history', ...archive, ...period, '--settlements');
    const header = withFlag.stdout.split('\r\n').find((l) => l.startsWith('date,'));
    expect(header?.endsWith(',settlements_taken,settlements_retaken')).toBe(true);
    const without = await cli('history', ...archive, ...period);
    expect(without.stdout).not.toContain('settlements_taken');
  });
});
