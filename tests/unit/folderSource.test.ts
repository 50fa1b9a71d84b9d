/**
 * The `folder` source and its core parser on authored fixtures (tests/fixtures/in/folder/): dates from names,
 * collection and feature properties, classes from properties with synonyms and a default, files merged by date.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseUserCollection } from '../../src/core/index.ts';
import { openSource } from '../../src/cli/openSource.ts';
import { UsageError } from '../../src/cli/args.ts';
import { createFolderSource, folderVersion } from '../../src/sources/node/folder.ts';
import { SourceError } from '../../src/sources/fetchJson.ts';

const fixtures = fileURLToPath(new URL('../fixtures/in/folder/', import.meta.url));
const square = (x: number) => [
  [
    [x, 48],
    [x + 0.1, 48],
    [x + 0.1, 48.1],
    [x, 48],
  ],
];
const feature = (properties: Record<string, unknown>, x = 37) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: square(x) },
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const V = folderVersion('2025-08-15');

describe('parseUserCollection', () => {
  it('classes features from class/cls/status (any case), in that order', () => {
    const parsed = parseUserCollection(
      fc(
        feature({ class: 'occupied', status: 'grey' }),
        feature({ CLS: 'Liberated' }),
        feature({ Status: 'grey zone' }),
        feature({ name: 'Crimea', status: 'occupied_pre2022' }),
      ),
      { version: V, file: 'a.geojson' },
    );
    expect(parsed.ok && parsed.value.territories.map((t) => [t.properties.cls, t.properties.name])).toEqual([
      ['occupied', 'a.geojson #0'],
      ['liberated', 'a.geojson #1'],
      ['grey', 'a.geojson #2'],
      ['occupied_pre2022', 'Crimea'],
    ]);
    expect(parsed.ok && parsed.warnings).toEqual([]);
  });

  it('uses the default class only for features that name none; an unknown name is skipped with a warning', () => {
    const parsed = parseUserCollection(
      fc(feature({}), feature({ class: 'ocupied', name: 'Typo' }), feature({ class: 'grey' })),
      {
        version: V,
        file: 'a.geojson',
        defaultClass: 'occupied',
      },
    );
    expect(parsed.ok && parsed.value.territories.map((t) => t.properties.cls)).toEqual(['occupied', 'grey']);
    expect(parsed.ok && parsed.warnings).toEqual([
      '2025-08-15 folder a.geojson: feature 1 ("Typo"): class "ocupied" names no territory class (occupied, occupied_pre2022, grey, liberated or a synonym); skipped',
    ]);
  });

  it('takes the class from the property the user names', () => {
    const parsed = parseUserCollection(
      fc(feature({ layer: 'Assessed Russian Advances in Ukraine', class: 'occupied' })),
      {
        version: V,
        file: 'a.geojson',
        classProperty: 'layer',
      },
    );
    expect(parsed.ok && parsed.value.territories[0]!.properties.cls).toBe('grey');
  });

  it('is an issue, not an empty map, when no feature names a class and there is no default', () => {
    expect(
      parseUserCollection(fc(feature({}), feature({ name: 'x' })), { version: V, file: 'a.geojson' }),
    ).toEqual({
      ok: false,
      issues: [
        '2025-08-15 folder a.geojson: 2 of 2 features name no class (property "class", "cls", "status") and no default class was given (--default-class occupied|occupied_pre2022|grey|liberated)',
      ],
    });
  });

  it('warns about the unclassed when others have a class', () => {
    const parsed = parseUserCollection(fc(feature({}), feature({ class: 'grey' })), {
      version: V,
      file: 'a.geojson',
    });
    expect(parsed.ok && parsed.warnings).toEqual([
      '2025-08-15 folder a.geojson: 1 of 2 features name no class (property "class", "cls", "status") and no default class was given (--default-class occupied|occupied_pre2022|grey|liberated); skipped them',
    ]);
  });

  it('skips points and lines with one warning per kind, and flattens GeometryCollections of polygons', () => {
    const point = {
      type: 'Feature',
      properties: { class: 'occupied' },
      geometry: { type: 'Point', coordinates: [37, 48] },
    };
    const gc = {
      type: 'Feature',
      properties: { class: 'occupied' },
      geometry: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Polygon', coordinates: square(37) },
          { type: 'Polygon', coordinates: square(38) },
          { type: 'Point', coordinates: [37, 48] },
        ],
      },
    };
    const parsed = parseUserCollection(fc(point, point, gc), { version: V, file: 'a.geojson' });
    expect(parsed.ok && parsed.value.territories.map((t) => t.geometry.type)).toEqual(['MultiPolygon']);
    expect(parsed.ok && parsed.warnings).toEqual([
      '2025-08-15 folder a.geojson: 2 Point features (not polygons) skipped',
    ]);
    expect(parseUserCollection(fc(point), { version: V, file: 'a.geojson' })).toEqual({
      ok: false,
      issues: [
        '2025-08-15 folder a.geojson: no usable polygon in the file',
        '2025-08-15 folder a.geojson: 1 Point feature (not polygons) skipped',
      ],
    });
  });

  it('goes through the one validation path (repairs warned, bad coordinates are issues)', () => {
    const open = {
      type: 'Feature',
      properties: { class: 'grey' },
      geometry: { type: 'Polygon', coordinates: [square(37)[0]!.slice(0, 3)] },
    };
    expect(parseUserCollection(fc(open), { version: V, file: 'a.geojson' })).toMatchObject({
      ok: true,
      warnings: ['2025-08-15 folder a.geojson: feature 0: ring 0 is not closed; closed it'],
    });
    const projected = feature({ class: 'grey' }, 4_118_821);
    const r = parseUserCollection(fc(projected), { version: V, file: 'a.geojson' });
    expect(r.ok).toBe(false);
  });

  it('keeps only the features of one date when asked', () => {
    const parsed = parseUserCollection(
      fc(feature({ class: 'grey', date: '2025-08-15' }), feature({ class: 'grey', date: '2025-08-16' }, 38)),
      { version: V, file: 'a.geojson', onlyFeatureDate: '2025-08-15' },
    );
    expect(parsed.ok && parsed.value.territories.map((t) => t.properties.sourceIndex)).toEqual([0]);
  });
});

describe('createFolderSource on tests/fixtures/in/folder', () => {
  const source = createFolderSource({ path: fixtures });

  it('lists dates from names, the collection and features; says why a file is left out', async () => {
    const { versions, warnings } = await source.listVersions();
    expect(versions.map((v) => v.date)).toEqual([
      '2025-08-15',
      '2025-08-16',
      '2025-08-17',
      '2025-08-18',
      '2025-08-19',
    ]);
    expect(versions[0]).toEqual({
      id: '2025-08-15',
      date: '2025-08-15',
      createdAt: '2025-08-15T00:00:00.000Z',
    });
    expect(warnings).toEqual([
      'folder: notes-without-date.geojson: no date — name it *YYYY-MM-DD* or *YYYYMMDD*, add a "date" property, or give --file-date; skipped',
      'folder: several-dates.geojson: 1 feature has no "date" property; left out',
    ]);
  });

  it('merges the files of one date, classes their polygons and keeps their warnings', async () => {
    const snapshot = await source.loadVersion(folderVersion('2025-08-15'));
    expect(snapshot.source).toBe('folder');
    expect(snapshot.territories.map((t) => [t.properties.cls, t.properties.name])).toEqual([
      ['liberated', '2025-08-15-liberated.geojson #0'],
      ['occupied', 'North of Pokrovsk'],
      ['grey', 'frontline-2025-08-15.geojson #1'],
    ]);
    expect(snapshot.warnings).toEqual([
      '2025-08-15 folder frontline-2025-08-15.geojson: feature 2 ("Typo"): class "ocupied" names no territory class (occupied, occupied_pre2022, grey, liberated or a synonym); skipped',
      '2025-08-15 folder frontline-2025-08-15.geojson: 1 Point feature (not polygons) skipped',
    ]);
  });

  it('reads ISW-style status names', async () => {
    const snapshot = await source.loadVersion(folderVersion('2025-08-16'));
    expect(snapshot.territories.map((t) => t.properties.cls)).toEqual([
      'occupied',
      'grey',
      'occupied_pre2022',
    ]);
  });

  it('splits a file with several feature dates into one snapshot per date', async () => {
    const d18 = await source.loadVersion(folderVersion('2025-08-18'));
    const d19 = await source.loadVersion(folderVersion('2025-08-19'));
    expect(d18.territories.map((t) => t.properties.sourceIndex)).toEqual([0]);
    expect(d19.territories.map((t) => [t.properties.sourceIndex, t.properties.cls])).toEqual([
      [1, 'occupied'],
      [2, 'grey'],
    ]);
  });

  it('fails with an issue for a date whose file names no class, and with 404 for a date it does not have', async () => {
    await expect(source.loadVersion(folderVersion('2025-08-17'))).rejects.toThrow(
      /1 of 1 features name no class/u,
    );
    await expect(source.loadVersion(folderVersion('2025-08-20'))).rejects.toMatchObject({ status: 404 });
  });

  it('with a default class, the undated-class file loads', async () => {
    const withDefault = createFolderSource({ path: fixtures, defaultClass: 'occupied' });
    await withDefault.listVersions();
    const snapshot = await withDefault.loadVersion(folderVersion('2025-08-17'));
    expect(snapshot.territories.map((t) => [t.properties.cls, t.properties.name])).toEqual([
      ['occupied', 'Salient'],
    ]);
  });

  it('a date given by the user dates one file', async () => {
    const one = createFolderSource({
      path: join(fixtures, 'notes-without-date.geojson'),
      fileDate: '2025-07-01',
    });
    const { versions, warnings } = await one.listVersions();
    expect([versions.map((v) => v.date), warnings]).toEqual([['2025-07-01'], []]);
    expect((await one.loadVersion(versions[0]!)).territories).toHaveLength(1);
  });
});

describe('the folder source from the CLI', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'frontline-folder-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('needs --data, and a path rather than a URL', () => {
    expect(() => openSource('folder', undefined)).toThrow(UsageError);
    expect(() => openSource('folder', 'https://example.org/x')).toThrow(UsageError);
    expect(openSource('folder', fixtures).id).toBe('folder');
  });

  it('skips unreadable JSON when listing, and names the file when loading it', async () => {
    cpSync(fixtures, tmp, { recursive: true });
    writeFileSync(join(tmp, 'broken.json'), '{ "type": "FeatureCollection", ');
    writeFileSync(join(tmp, '2025-09-01-broken.geojson'), '{ "type": ');
    const source = openSource('folder', tmp, undefined, { defaultClass: 'occupied' });
    const { versions, warnings } = await source.listVersions();
    expect(versions.map((v) => v.date)).toContain('2025-09-01');
    expect(warnings.some((w) => w.startsWith('folder: broken.json: the file is not valid JSON'))).toBe(true);
    const err = await source.loadVersion(folderVersion('2025-09-01')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toMatch(
      /^2025-09-01 folder 2025-09-01-broken\.geojson: the file is not valid JSON/u,
    );
  });

  it('reports a missing folder as a source error', async () => {
    await expect(createFolderSource({ path: join(tmp, 'nope') }).listVersions()).rejects.toThrow(
      /no such file or folder/u,
    );
  });
});
