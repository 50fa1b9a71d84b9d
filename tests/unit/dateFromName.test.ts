import { describe, expect, it } from 'vitest';
import { collectionDates, dateFromName, dateFromValue, datesInName } from '../../src/core/index.ts';

describe('dateFromName', () => {
  it.each([
    ['frontline-2025-08-15.geojson', '2025-08-15'],
    ['deepstatemap_data_20250815.geojson', '2025-08-15'],
    ['isw_2025_08_15_assessed.geojson', '2025-08-15'],
    ['lines.2025.08.15.json', '2025-08-15'],
    ['2025-08-15.geojson', '2025-08-15'],
    ['folder/2024-02-29-leap.geojson', '2024-02-29'],
    ['C:\\maps\\20250815.geojson', '2025-08-15'],
  ])('%s → %s', (name, date) => {
    expect(dateFromName(name)).toBe(date);
  });

  it.each([
    ['no date', 'lines.geojson'],
    ['an impossible date', 'frontline-2025-02-30.geojson'],
    ['a month 13', '20251301.geojson'],
    ['a Unix timestamp (digits around it)', 'history-1754077960.geojson'],
    ['a longer digit run', 'export_202508150.geojson'],
    ['mixed separators', '2025-0815.geojson'],
    ['a year outside 1900–2099', '3025-08-15.geojson'],
    ['two different dates', 'change_2025-08-01_2025-08-15.geojson'],
  ])('null for %s', (_why, name) => {
    expect(dateFromName(name)).toBeNull();
  });

  it('reads only the file name, not the folders', () => {
    expect(dateFromName('2025-08-01/lines.geojson')).toBeNull();
  });

  it('lists every distinct date of a name, once', () => {
    expect(datesInName('from_20250801_to_2025-08-15_again_2025-08-01.geojson')).toEqual([
      '2025-08-01',
      '2025-08-15',
    ]);
    expect(dateFromName('2025-08-15_copy_of_2025-08-15.geojson')).toBe('2025-08-15');
  });
});

describe('dateFromValue', () => {
  it.each([
    ['2025-08-15', '2025-08-15'],
    [' 2025-08-15 ', '2025-08-15'],
    ['20250815', '2025-08-15'],
    [20250815, '2025-08-15'],
    ['15.08.2025', '2025-08-15'],
    ['5.8.2025', '2025-08-05'],
    ['2025-08-15T23:30:00Z', '2025-08-15'],
    // A time zone moves the UTC date; the project's dates are UTC throughout.
    ['2025-08-15T23:30:00-02:00', '2025-08-16'],
    ['2025-08-16T01:00:00+03:00', '2025-08-15'],
    // Without a zone, the date is read as written.
    ['2025-08-15T23:30', '2025-08-15'],
    ['2025-08-15 12:00:00', '2025-08-15'],
  ])('%j → %s', (value, date) => {
    expect(dateFromValue(value)).toBe(date);
  });

  it.each([
    null,
    undefined,
    '',
    'yesterday',
    '2025-02-30',
    '31.02.2025',
    2025.5,
    1754077960,
    {},
    ['2025-08-15'],
  ])('null for %j', (value) => {
    expect(dateFromValue(value)).toBeNull();
  });
});

describe('collectionDates', () => {
  it('reads a date member or property of the collection', () => {
    expect(collectionDates({ type: 'FeatureCollection', date: '2025-08-15', features: [] }).collection).toBe(
      '2025-08-15',
    );
    expect(
      collectionDates({ type: 'FeatureCollection', properties: { Date: '15.08.2025' }, features: [] })
        .collection,
    ).toBe('2025-08-15');
  });

  it('lists the features’ distinct dates and counts the undated', () => {
    const f = (date?: unknown) => ({
      type: 'Feature',
      properties: date === undefined ? {} : { date },
      geometry: null,
    });
    expect(
      collectionDates({
        type: 'FeatureCollection',
        features: [f('2025-08-16'), f('15.08.2025'), f(20250816), f(), null],
      }),
    ).toEqual({ collection: null, features: ['2025-08-15', '2025-08-16'], undated: 2 });
  });

  it('gives nothing for unreadable input', () => {
    expect(collectionDates(null)).toEqual({ collection: null, features: [], undated: 0 });
    expect(collectionDates('x')).toEqual({ collection: null, features: [], undated: 0 });
  });
});
