import { readFileSync } from 'node:fs';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  parseDeepStateVersion,
  parseHistoryList,
  type Snapshot,
  type TerritoryFeature,
  type Version,
} from '../../src/core/index.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/in/${name}`, import.meta.url), 'utf8')) as unknown;

describe('parseHistoryList', () => {
  it('returns versions oldest first, dated by createdAt (not the year-less `datetime`)', () => {
    const raw = [
      {
        id: 1754077960,
        createdAt: '2025-08-01T19:52:40.000Z',
        updatedAt: '2025-08-01T19:55:00.000Z',
        datetime: '01.08 21:52',
        status: true,
        description: 'Опис',
        descriptionEn: ' Description ',
      },
      // 23:30 UTC on New Year's Eve is already 1 January in Kyiv and in `datetime`: the date stays UTC.
      {
        id: 1735687800,
        createdAt: '2024-12-31T23:30:00.000Z',
        datetime: '01.01 00:30',
        description: 'Новий рік',
      },
      { id: '1648989208', createdAt: '2022-04-03T12:33:28.000Z', datetime: '03.04 14:33', descriptionEn: '' },
    ];
    const parsed = parseHistoryList(raw);
    expect(parsed).toEqual({
      ok: true,
      warnings: [],
      value: [
        { id: '1648989208', createdAt: '2022-04-03T12:33:28.000Z', date: '2022-04-03' },
        {
          id: '1735687800',
          createdAt: '2024-12-31T23:30:00.000Z',
          date: '2024-12-31',
          description: 'Новий рік',
        },
        {
          id: '1754077960',
          createdAt: '2025-08-01T19:52:40.000Z',
          date: '2025-08-01',
          description: 'Description',
        },
      ],
    });
  });

  it('normalises createdAt with an offset to UTC', () => {
    const parsed = parseHistoryList([{ id: 1, createdAt: '2025-01-01T00:30:00+01:00' }]);
    expect(parsed.ok && parsed.value).toEqual([
      { id: '1', createdAt: '2024-12-31T23:30:00.000Z', date: '2024-12-31' },
    ]);
  });

  it('skips malformed entries with a warning naming each one', () => {
    const raw = [
      { id: 1754077960, createdAt: '2025-08-01T19:52:40.000Z' },
      null,
      { id: 5 },
      { createdAt: '2025-01-01T00:00:00.000Z' },
      { id: '  ', createdAt: '2025-01-01T00:00:00.000Z' },
      { id: 7, createdAt: 'yesterday' },
      { id: { nested: true }, createdAt: '2025-01-01T00:00:00.000Z' },
      42,
    ];
    const parsed = parseHistoryList(raw);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.map((v) => v.id)).toEqual(['1754077960']);
    expect(parsed.warnings).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((i) => `history list: entry ${i}: missing id or createdAt, skipped`),
    );
  });

  it.each([
    ['an object', { versions: [] }],
    ['null', null],
    ['a string', '[]'],
    ['a number', 1],
  ])('returns an issue, not a throw, for %s', (_label, json) => {
    expect(parseHistoryList(json)).toEqual({
      ok: false,
      issues: ['history list: expected a JSON array of versions'],
    });
  });

  it('returns an issue when no entry is usable, with the reasons', () => {
    expect(parseHistoryList([])).toEqual({ ok: false, issues: ['history list: no usable versions'] });
    expect(parseHistoryList([{ id: 1 }])).toEqual({
      ok: false,
      issues: ['history list: no usable versions', 'history list: entry 0: missing id or createdAt, skipped'],
    });
  });

  it('does not mutate its input (sorting works on a copy)', () => {
    const raw = [
      { id: 2, createdAt: '2025-08-02T00:00:00.000Z' },
      { id: 1, createdAt: '2025-08-01T00:00:00.000Z' },
    ];
    const before = structuredClone(raw);
    parseHistoryList(raw);
    expect(raw).toEqual(before);
  });
});

const VERSION: Version = { id: '1654041600', createdAt: '2022-06-01T00:00:00.000Z', date: '2022-06-01' };
const LABEL = '2022-06-01 deepstate-api 1654041600';

/** Every position of a territory, flattened. */
function positionsOf(t: TerritoryFeature): Position[] {
  const g = t.geometry;
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);
}

describe('parseDeepStateVersion on tests/fixtures/in/deepstate-version-small.geojson', () => {
  const raw = fixture('deepstate-version-small.geojson');
  const before = structuredClone(raw);
  const parsed = parseDeepStateVersion(raw, VERSION);
  const snapshot = parsed.ok ? parsed.value : (null as unknown as Snapshot);

  it('parses, keeping the source and version', () => {
    expect(parsed.ok).toBe(true);
    expect(snapshot.source).toBe('deepstate-api');
    expect(snapshot.version).toEqual(VERSION);
  });

  it('classifies the polygons (satire dropped, inRussia grey flagged)', () => {
    expect(
      snapshot.territories.map((t) => ({
        i: t.properties.sourceIndex,
        cls: t.properties.cls,
        type: t.geometry.type,
        inRussia: t.properties.inRussia ?? false,
      })),
    ).toEqual([
      { i: 0, cls: 'occupied', type: 'Polygon', inRussia: false },
      { i: 1, cls: 'liberated', type: 'MultiPolygon', inRussia: false },
      { i: 3, cls: 'occupied_pre2022', type: 'Polygon', inRussia: false },
      { i: 6, cls: 'grey', type: 'Polygon', inRussia: false },
      { i: 7, cls: 'liberated', type: 'Polygon', inRussia: false },
      { i: 8, cls: 'grey', type: 'Polygon', inRussia: true },
    ]);
  });

  it('names territories "UA / EN", cleaned of stray whitespace and the key', () => {
    expect(snapshot.territories.map((t) => t.properties.name)).toEqual([
      'Окуповано / Occupied',
      'Звільнено / Liberated',
      'Крим / Crimea',
      'Статус невідомий / Unknown status',
      'Звільнено 25.03 / Liberated 25.03',
      'Статус невідомий / Unknown status',
    ]);
  });

  it('drops z from every position, keeping lon/lat exactly', () => {
    const all = [
      ...snapshot.territories.flatMap(positionsOf),
      ...snapshot.markers.map((m) => m.geometry.coordinates),
    ];
    expect(all.length).toBeGreaterThan(30);
    for (const p of all) expect(p).toHaveLength(2);
    expect(snapshot.territories[0]!.geometry.coordinates).toEqual([
      [
        [37.6, 47.9],
        [37.9, 47.9],
        [37.9, 48.1],
        [37.6, 48.1],
        [37.6, 47.9],
      ],
      [
        [37.7, 47.95],
        [37.7, 48.0],
        [37.75, 48.0],
        [37.75, 47.95],
        [37.7, 47.95],
      ],
    ]);
  });

  it('flattens a GeometryCollection of polygons into a MultiPolygon', () => {
    expect(snapshot.territories[1]!.geometry).toEqual({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [36.0, 47.6],
            [36.2, 47.6],
            [36.2, 47.7],
            [36.0, 47.7],
            [36.0, 47.6],
          ],
        ],
        [
          [
            [36.5, 47.6],
            [36.7, 47.6],
            [36.7, 47.7],
            [36.5, 47.6],
          ],
        ],
      ],
    });
  });

  it('repairs rings: removes a repeated vertex, closes an unclosed ring, drops a degenerate hole', () => {
    const byIndex = new Map(snapshot.territories.map((t) => [t.properties.sourceIndex, t.geometry]));
    expect(byIndex.get(3)?.coordinates).toEqual([
      [
        [33.5, 44.5],
        [34.5, 44.5],
        [34.5, 45.5],
        [33.5, 45.5],
        [33.5, 44.5],
      ],
    ]);
    expect(byIndex.get(6)?.coordinates).toEqual([
      [
        [37.5, 48.2],
        [37.6, 48.2],
        [37.6, 48.25],
        [37.5, 48.25],
        [37.5, 48.2],
      ],
    ]);
    expect(byIndex.get(7)?.coordinates).toHaveLength(1);
  });

  it('keeps unit and attack-direction points aside as 2D markers', () => {
    expect(snapshot.markers).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [37.55, 48.12] },
        properties: { name: '47 ОМБр / 47th Mechanized Brigade', key: 'geoJSON.units.ua_47', sourceIndex: 4 },
      },
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [37.7, 48.3] },
        properties: {
          name: 'Напрямок атаки / Attack direction',
          key: 'geoJSON.status.attack_direction',
          sourceIndex: 5,
        },
      },
    ]);
  });

  it('leaves the satirical overlay out of territories and markers', () => {
    const names = [...snapshot.territories, ...snapshot.markers].map((f) => f.properties.name);
    expect(names.some((n) => /karelia|карелія/iu.test(n))).toBe(false);
    expect(snapshot.territories.some((t) => t.properties.sourceIndex === 2)).toBe(false);
  });

  it('warns in readable words naming the date, source, version, feature index and name', () => {
    expect(parsed.ok && parsed.warnings).toEqual([
      `${LABEL}: feature 3 ("Крим / Crimea"): ring 0 has a repeated consecutive position; removed it`,
      `${LABEL}: feature 6 ("Статус невідомий / Unknown status"): ring 0 is not closed; closed it`,
      `${LABEL}: feature 7 ("Звільнено 25.03 / Liberated 25.03"): ring 1 has 3 positions, fewer than the 4 a closed ring needs; dropped the hole`,
      `${LABEL}: feature 9 ("Щось / Something"): unknown key "" and fill "#123456", skipped`,
    ]);
    expect(snapshot.warnings).toEqual(parsed.ok && parsed.warnings);
  });

  it('does not mutate the input, and shares no coordinate arrays with it', () => {
    expect(raw).toEqual(before);
    const rawRing = (raw as { features: { geometry: { coordinates: unknown[] } }[] }).features[0]!.geometry
      .coordinates[0];
    expect(snapshot.territories[0]!.geometry.coordinates[0]).not.toBe(rawRing);
  });
});

describe('parseDeepStateVersion on bad input', () => {
  const WRAP = 'wrap it as {"type": "FeatureCollection", "features": [...]}';
  it.each([
    ['null', null, 'got null'],
    ['a string', 'FeatureCollection', 'got a string'],
    ['an array', [], `got a JSON array (of 0 items), not an object; if they are features, ${WRAP}`],
    ['a Feature', { type: 'Feature', properties: {}, geometry: null }, `got a single Feature; ${WRAP}`],
    ['a FeatureCollection without features', { type: 'FeatureCollection' }, 'it has no "features" member'],
    [
      'features that are not an array',
      { type: 'FeatureCollection', features: {} },
      'its "features" is not an array (got object)',
    ],
  ])('returns an issue for %s, saying what it got', (_label, json, what) => {
    expect(parseDeepStateVersion(json, VERSION)).toEqual({
      ok: false,
      issues: [`${LABEL}: not a GeoJSON FeatureCollection: ${what}`],
    });
  });

  it('names the source it was given', () => {
    const parsed = parseDeepStateVersion({ type: 'Topology' }, VERSION, 'deepstate-mirror');
    expect(parsed).toEqual({
      ok: false,
      issues: [
        '2022-06-01 deepstate-mirror 1654041600: not a GeoJSON FeatureCollection: got TopoJSON ("type": "Topology"); ' +
          'convert it to GeoJSON first (e.g. topo2geo from topojson-client)',
      ],
    });
  });

  it('accepts an empty FeatureCollection as an empty snapshot', () => {
    const parsed = parseDeepStateVersion({ type: 'FeatureCollection', features: [] }, VERSION);
    expect(parsed.ok && [parsed.value.territories, parsed.value.markers, parsed.warnings]).toEqual([
      [],
      [],
      [],
    ]);
  });

  // Since issue #3 every source goes through src/core/io/validateGeoJson.ts: broken structure or coordinates make the
  // version unusable (issues), while empty geometries are only skipped (warnings).
  const occupied = { name: 'Окуповано /// Occupied /// geoJSON.status.occupied' };
  const square = [
    [37, 48],
    [37.1, 48],
    [37.1, 48.1],
    [37, 48],
  ];

  it('returns issues, not a throw, for malformed geometries, naming each feature', () => {
    const features = [
      { type: 'Feature', properties: occupied, geometry: { type: 'Polygon', coordinates: null } },
      {
        type: 'Feature',
        properties: occupied,
        geometry: { type: 'MultiPolygon', coordinates: [null, [square]] },
      },
      { type: 'Feature', properties: occupied, geometry: { type: 'GeometryCollection', geometries: {} } },
      {
        type: 'Feature',
        properties: occupied,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [37, 48],
              ['x', 48],
            ],
          ],
        },
      },
      {
        type: 'Feature',
        properties: occupied,
        geometry: { type: 'Polygon', coordinates: [[...square.slice(0, 3), [200, 48], [37, 48]]] },
      },
      null,
    ];
    const where = (i: number) => `${LABEL}: feature ${i} ("Окуповано / Occupied")`;
    expect(parseDeepStateVersion({ type: 'FeatureCollection', features }, VERSION)).toEqual({
      ok: false,
      issues: [
        `${where(0)}: coordinates must be an array`,
        `${where(1)}: at [0]: coordinates must be an array`,
        `${where(2)}: "geometries" must be an array`,
        `${where(3)}: at [0][1]: Position must only contain numbers. Item x at index 0 is invalid.`,
        `${where(4)}: ring 0 position 3 (200.00000, 48.00000) is outside longitude ±180 / latitude ±90: GeoJSON is ` +
          'WGS84 longitude, latitude — is the file projected (e.g. EPSG:3857) or are the axes swapped?',
        `${LABEL}: feature 5: must be a JSON Object`,
      ],
    });
  });

  it('skips empty geometries with a warning and keeps the rest', () => {
    const features = [
      { type: 'Feature', properties: occupied, geometry: null },
      { type: 'Feature', properties: occupied, geometry: { type: 'Polygon', coordinates: [] } },
      { type: 'Feature', properties: occupied, geometry: { type: 'MultiPolygon', coordinates: [[square]] } },
      { type: 'Feature', properties: occupied, geometry: { type: 'GeometryCollection', geometries: [] } },
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [square] } },
    ];
    const parsed = parseDeepStateVersion({ type: 'FeatureCollection', features }, VERSION);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.territories.map((t) => t.properties.sourceIndex)).toEqual([2]);
    const where = (i: number) => `${LABEL}: feature ${i} ("Окуповано / Occupied")`;
    expect(parsed.warnings).toEqual([
      `${where(0)}: has no geometry (null); skipped`,
      `${where(1)}: Polygon is empty; skipped`,
      `${where(3)}: GeometryCollection is empty; skipped`,
      `${LABEL}: feature 4 ("(unnamed)"): unknown key "" and fill undefined, skipped`,
    ]);
  });

  it('warns when one polygon of a GeometryCollection is dropped and keeps the rest', () => {
    const liberated = { name: 'Звільнено /// Liberated', fill: '#0f9d58' };
    const geometry = {
      type: 'GeometryCollection',
      geometries: [
        {
          type: 'Polygon',
          coordinates: [
            [
              [36, 47.6, 0],
              [36.2, 47.6, 0],
              [36.2, 47.7, 0],
              [36, 47.6, 0],
            ],
          ],
        },
        {
          type: 'Polygon',
          coordinates: [
            [
              [36.5, 47.6, 0],
              [36.7, 47.6, 0],
              [36.5, 47.6, 0],
            ],
          ],
        },
      ],
    };
    const parsed = parseDeepStateVersion(
      { type: 'FeatureCollection', features: [{ type: 'Feature', properties: liberated, geometry }] },
      VERSION,
    );
    expect(parsed.ok && parsed.value.territories.map((t) => t.geometry.type)).toEqual(['Polygon']);
    expect(parsed.ok && parsed.warnings).toEqual([
      `${LABEL}: feature 0 ("Звільнено / Liberated"): geometry 1, ring 0 has 3 positions, fewer than the 4 a closed ring needs; dropped the polygon`,
    ]);
  });
});
