import { describe, expect, it } from 'vitest';
import {
  AREA_MODEL,
  areasToCsv,
  type AreaRow,
  type ClassAreaMap,
  type Version,
} from '../../src/core/index.ts';

/**
 * A strict RFC 4180 reader, written here so the test does not trust the writer's own library: CRLF records,
 * fields quoted with `"` where `""` is a literal quote. Throws on anything malformed.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote in unquoted field at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') {
      i++;
    } else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else if (i < text.length) {
      throw new Error(`expected , or CRLF at ${i}, got ${JSON.stringify(text[i])}`);
    }
  }
  if (record.length > 0) records.push(record);
  return records;
}

const HEADER = [
  'date',
  'version_id',
  'source',
  'region_iso',
  'region',
  'occupied_km2',
  'occupied_pre2022_km2',
  'grey_km2',
  'liberated_km2',
];

const version: Version = { id: '1754077960', createdAt: '2025-08-01T19:52:40.000Z', date: '2025-08-01' };
const areas = (
  occupied: number,
  occupied_pre2022: number,
  grey: number,
  liberated: number,
): ClassAreaMap => ({
  occupied,
  occupied_pre2022,
  grey,
  liberated,
});

const rows: AreaRow[] = [
  {
    source: 'deepstate-api',
    version,
    areas: {
      total: areas(70266.456, 43965.1, 1234567.891, 0.004),
      byRegion: [
        { iso: 'UA-14', name: 'Donetsk', areas: areas(19000.125, 0, 300, 0) },
        { iso: 'UA-30', name: 'Kyiv, "the City"', areas: areas(0, 0, 0, 0) },
        { iso: 'UA-99', name: 'two\r\nlines', areas: areas(0, 0, 0, 0) },
      ],
    },
  },
];

/** The lines after the `#` comment, parsed. */
const body = (csv: string): string[][] => parseCsv(csv.slice(csv.indexOf('\r\n') + 2));

describe('areasToCsv', () => {
  const csv = areasToCsv(rows, '0.1.0');
  const records = body(csv);

  it('starts with a # comment naming the tool version, the sources and the area model', () => {
    const first = csv.slice(0, csv.indexOf('\r\n'));
    expect(first).toBe(`# frontline 0.1.0; sources: deepstate-api; area model: ${AREA_MODEL}`);
    expect(first).toMatch(/^# .*WGS84 ellipsoid/u);
  });

  it('has a header row, then one row for the total and one per region', () => {
    expect(records[0]).toEqual(HEADER);
    expect(records).toHaveLength(1 + 1 + 3);
    for (const r of records) expect(r).toHaveLength(HEADER.length);
    expect(records.map((r) => r[3])).toEqual(['region_iso', 'UA', 'UA-14', 'UA-30', 'UA-99']);
    expect(records[1]!.slice(0, 5)).toEqual([
      '2025-08-01',
      '1754077960',
      'deepstate-api',
      'UA',
      'Total (whole snapshot)',
    ]);
  });

  it('writes km² with two decimals, no thousands separator, and ISO dates', () => {
    expect(records[1]!.slice(5)).toEqual(['70266.46', '43965.10', '1234567.89', '0.00']);
    expect(records[2]!.slice(5)).toEqual(['19000.13', '0.00', '300.00', '0.00']);
    for (const r of records.slice(1)) {
      expect(r[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
      for (const n of r.slice(5)) expect(n).toMatch(/^-?\d+\.\d{2}$/u);
    }
  });

  it('quotes a name with a comma, a quote or a line break (RFC 4180) and reads back intact', () => {
    expect(csv).toContain('"Kyiv, ""the City"""');
    expect(records[3]![4]).toBe('Kyiv, "the City"');
    expect(records[4]![4]).toBe('two\r\nlines');
  });

  it('quotes a bare LF or CR too (RFC 4180 allows neither in an unquoted field)', () => {
    const names = ['bare\nLF', 'bare\rCR'];
    const out = areasToCsv(
      [
        {
          source: 'deepstate-api',
          version,
          areas: {
            total: areas(1, 0, 0, 0),
            byRegion: names.map((name, i) => ({ iso: `UA-9${i}`, name, areas: areas(0, 0, 0, 0) })),
          },
        },
      ],
      '0.1.0',
    );
    expect(out).toContain('"bare\nLF"');
    expect(out).toContain('"bare\rCR"');
    const parsed = body(out);
    expect(parsed).toHaveLength(4);
    expect(parsed.slice(2).map((r) => r[4])).toEqual(names);
  });

  it('ends every record, including the last, with CRLF', () => {
    const plain = areasToCsv([{ ...rows[0]!, areas: { ...rows[0]!.areas, byRegion: [] } }], '0.1.0');
    expect(plain.endsWith('\r\n')).toBe(true);
    expect(plain.split('\r\n')).toHaveLength(4);
    expect(plain.replace(/\r\n/gu, '')).not.toMatch(/[\r\n]/u);
  });

  it.each(['=HYPERLINK("http://example.invalid")', '+1+1', '-2+3', '@SUM(A1:A2)', '\tTAB', '\rCR'])(
    'neutralises a text cell starting a formula: %j',
    (name) => {
      const out = body(
        areasToCsv(
          [
            {
              source: name,
              version,
              areas: { total: areas(1, 0, 0, 0), byRegion: [{ iso: name, name, areas: areas(1, 0, 0, 0) }] },
            },
          ],
          '0.1.0',
        ),
      );
      // source, region_iso and region of the region row all get a leading apostrophe.
      expect(out[2]!.slice(2, 5)).toEqual([`'${name}`, `'${name}`, `'${name}`]);
      expect(out[1]![2]).toBe(`'${name}`);
    },
  );

  it('leaves ordinary text and negative numbers alone (numbers are not neutralised)', () => {
    const out = body(
      areasToCsv(
        [
          {
            source: 'deepstate-api',
            version,
            areas: {
              total: areas(-12.5, -0.5, 0, 3),
              byRegion: [{ iso: 'UA-14', name: 'Donetsk - north', areas: areas(-1, 0, 0, 0) }],
            },
          },
        ],
        '0.1.0',
      ),
    );
    expect(out[1]!.slice(5)).toEqual(['-12.50', '-0.50', '0.00', '3.00']);
    expect(out[2]![4]).toBe('Donetsk - north');
    expect(out[2]![5]).toBe('-1.00');
  });

  it('lists each source once in the comment, and "none" for no rows', () => {
    const two = areasToCsv(
      [
        { source: 'deepstate-api', version, areas: { total: areas(1, 0, 0, 0), byRegion: [] } },
        { source: 'deepstate-archive', version, areas: { total: areas(2, 0, 0, 0), byRegion: [] } },
        { source: 'deepstate-api', version, areas: { total: areas(3, 0, 0, 0), byRegion: [] } },
      ],
      '0.2.0',
    );
    expect(two.split('\r\n')[0]).toBe(
      `# frontline 0.2.0; sources: deepstate-api deepstate-archive; area model: ${AREA_MODEL}`,
    );
    expect(body(two).map((r) => r[5])).toEqual(['occupied_km2', '1.00', '2.00', '3.00']);
    const none = areasToCsv([], '0.1.0');
    expect(none).toBe(
      `# frontline 0.1.0; sources: none; area model: ${AREA_MODEL}\r\n${HEADER.join(',')}\r\n`,
    );
  });

  it('does not mutate its rows', () => {
    const before = structuredClone(rows);
    areasToCsv(rows, '0.1.0');
    expect(rows).toEqual(before);
  });
});
