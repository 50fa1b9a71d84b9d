/**
 * Hostile content in exports, core side (issue #6): names and properties from files and sources reach CSV, JSON and
 * GeoJSON exports as inert text. CSV neutralises spreadsheet formulas (OWASP "CSV Injection": = + - @ tab CR, and the
 * full-width ＝ ＋ － ＠); JSON and GeoJSON exports stay valid and round-trip, with the text unchanged.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  areasToCsv,
  buildChangeReport,
  changeGeoJson,
  changeReportCsv,
  neutraliseCell,
  toCsv,
  validateGeoJson,
  type AreaGeometry,
  type Region,
  type Snapshot,
  type TerritoryClass,
} from '../../src/core/index.ts';
import { squarePolygon } from '../support/shapes.ts';

/** Markup, script, URL schemes and template text: what a hostile file would name its features or regions. */
const XSS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  "{{constructor.constructor('alert(1)')()}}",
  '"><svg onload=alert(1)>',
  '${alert(1)}',
];
/** Cell starts that make a spreadsheet evaluate a formula. */
const FORMULAS = [
  '=HYPERLINK("http://example.invalid","x")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  '＝1+1',
  '＋1',
  '－1',
  '＠SUM(A1)',
  "=cmd|' /C calc'!A0",
];

/** CSV records after the `#` comment line, read by csv-parse (not the writer's own library). */
const records = (csv: string): string[][] =>
  parseCsv(csv.slice(csv.indexOf('\r\n') + 2), { relax_column_count: false }) as string[][];

describe('neutraliseCell', () => {
  it.each(FORMULAS)('prefixes %j with an apostrophe', (v) => {
    expect(neutraliseCell(v)).toBe(`'${v}`);
  });

  it.each(['-12.50', '0', '12', '-0.5', 'Donetsk - north', 'a=b', 'UA-14', ''])('leaves %j alone', (v) => {
    expect(neutraliseCell(v)).toBe(v);
  });

  it('leaves numbers as numbers, and null empty', () => {
    expect([neutraliseCell(-12.5), neutraliseCell(0), neutraliseCell(null)]).toEqual(['-12.5', '0', '']);
  });
});

describe('toCsv', () => {
  it('neutralises every formula cell, header included, and reads back as the same text plus the apostrophe', () => {
    const csv = toCsv(['name', ...FORMULAS], [[...FORMULAS, '-12.50']]);
    const [header, row] = parseCsv(csv) as string[][];
    expect(header).toEqual(['name', ...FORMULAS.map((f) => `'${f}`)]);
    expect(row).toEqual([...FORMULAS.map((f) => `'${f}`), '-12.50']);
  });

  it('keeps markup and script text as plain cells', () => {
    const [, row] = parseCsv(toCsv(['a', 'b', 'c', 'd', 'e', 'f'], [XSS])) as string[][];
    expect(row).toEqual(XSS);
  });

  it('the # metadata line cannot smuggle a formula cell past a comma, nor a line break', () => {
    const csv = toCsv(
      ['x'],
      [['1']],
      'source: folder (/data/x,=HYPERLINK("http://evil"),"@SUM(1)", -3, ok)\r\n=2+2',
    );
    const first = csv.slice(0, csv.indexOf('\r\n'));
    // Read as cells by a spreadsheet that does not skip comments: no cell starts a formula.
    const cells = (parseCsv(first, { relax_quotes: true }) as string[][])[0]!;
    expect(cells.length).toBeGreaterThan(1);
    for (const c of cells) expect(c.trimStart()).not.toMatch(/^[=+@＝＋－＠]|^-(?!\d)/u);
    expect(first).toBe(`# source: folder (/data/x,'=HYPERLINK("http://evil"),'"@SUM(1)", -3, ok) =2+2`);
  });
});

describe('areasToCsv', () => {
  it('neutralises full-width formula starts in names, ids and sources', () => {
    const zero = { occupied: 0, occupied_pre2022: 0, grey: 0, liberated: 0 };
    const out = records(
      areasToCsv(
        [
          {
            source: '＝1+1',
            version: { id: '＠id', createdAt: '2025-08-15T00:00:00.000Z', date: '2025-08-15' },
            areas: { total: zero, byRegion: [{ iso: '－1', name: '＋SUM(A1)', areas: zero }] },
          },
        ],
        '0.1.0',
      ),
    );
    expect(out[2]!.slice(1, 5)).toEqual(["'＠id", "'＝1+1", "'－1", "'＋SUM(A1)"]);
  });
});

// --- a change report whose every name is hostile ----------------------------------------------------------------

const square = (x: number, y: number, d: number): AreaGeometry => squarePolygon(x, y, d);
const snapshot = (
  date: string,
  geometry: AreaGeometry,
  name: string,
  cls: TerritoryClass = 'occupied',
): Snapshot => ({
  source: 'folder',
  version: { id: date, date, createdAt: `${date}T00:00:00.000Z` },
  territories: [{ type: 'Feature', geometry, properties: { cls, name, sourceIndex: 0 } }],
  markers: [],
  warnings: [],
});
const region = (iso: string, name: string, geometry: AreaGeometry): Region => ({
  type: 'Feature',
  geometry,
  properties: { id: iso, name_en: name },
});

function hostileReport() {
  const oblasts = [
    region(XSS[0]!, FORMULAS[0]!, square(36.9, 47.9, 0.4)),
    region('＝1+1', XSS[1]!, square(37.3, 47.9, 0.4)),
  ];
  const focusAreas = [region(XSS[2]!, XSS[3]!, square(37, 48, 0.1))];
  return {
    oblasts,
    ...buildChangeReport({
      source: { id: 'folder', location: `/data/${XSS[4]},${FORMULAS[0]}` },
      toolVersion: '0.1.0',
      generatedAt: '2025-11-20T12:00:00.000Z',
      a: { requested: '2025-08-15', snapshot: snapshot('2025-08-15', square(37, 48, 0.2), XSS[0]!) },
      b: {
        requested: '2025-11-20',
        snapshot: snapshot('2025-11-20', square(37.1, 48, 0.3), XSS[1]!),
        note: `${XSS[5]} ${FORMULAS[3]}`,
      },
      cls: 'occupied',
      oblasts,
      focusAreas,
      claims: [],
    }),
  };
}

describe('a change report with hostile names', () => {
  const { report, change, oblasts } = hostileReport();

  it('has the hostile names in it, as text (so the test means something)', () => {
    const names = [...report.byOblast, ...report.byFocusArea].flatMap((r) => [r.iso, r.name]);
    expect(names).toEqual(expect.arrayContaining([XSS[0], FORMULAS[0], XSS[1], XSS[2], XSS[3]]));
  });

  it('JSON: valid, and round-trips to a deep-equal report', () => {
    const text = JSON.stringify(report, null, 2);
    expect(JSON.parse(text)).toEqual(report);
    expect(text).toContain(JSON.stringify(XSS[1]));
  });

  it('GeoJSON: valid, round-trips, and re-validates through the one validation path', () => {
    const geo = changeGeoJson(report, change, oblasts);
    expect(geo.features.length).toBeGreaterThan(0);
    const back = JSON.parse(JSON.stringify(geo)) as unknown;
    expect(back).toEqual(geo);
    const valid = validateGeoJson(back, { label: 'change.geojson' });
    expect(valid.ok && valid.warnings).toEqual([]);
    expect(geo.meta.location).toBe(`/data/${XSS[4]},${FORMULAS[0]}`);
    expect(geo.features.map((f) => f.properties?.['oblast'])).toContain(XSS[0]);
  });

  it('CSV: every cell that would start a formula is neutralised; the rest reads back unchanged', () => {
    const csv = changeReportCsv(report);
    const rows = records(csv);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+@\t\r＝＋－＠]|^-(?!\d+(\.\d+)?$)/u);
    const names = rows.map((r) => r[7]);
    expect(names).toContain(`'${FORMULAS[0]}`);
    expect(names).toContain(XSS[1]);
    expect(rows.map((r) => r[6])).toContain(`'＝1+1`);
    expect(csv.slice(0, csv.indexOf('\r\n'))).toContain(`,'${FORMULAS[0]}`);
  });
});
