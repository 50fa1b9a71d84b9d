/**
 * Property-based fuzzing of every parser and validator that reads data from outside (issue #6), with fast-check:
 * arbitrary JSON, GeoJSON-shaped values with random damage, random and mutated text. Each must return, never throw,
 * and either succeed or give a non-empty list of readable strings; none may change its input.
 *
 * Seeded, so a failure reproduces; 300 runs per property in CI, more on demand:
 *   FRONTLINE_FUZZ_RUNS=100000 npx vitest run tests/unit/fuzz.test.ts
 * (FRONTLINE_FUZZ_SEED picks another seed.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  archiveVersion,
  parseArchiveDay,
  parseDeepStateVersion,
  parseGeoJsonText,
  parseHistoryList,
  parseUserCollection,
  validateGeoJson,
  type Parsed,
  type Version,
} from '../../src/core/index.ts';

const RUNS = Number(process.env['FRONTLINE_FUZZ_RUNS'] ?? 300);
const SEED = Number(process.env['FRONTLINE_FUZZ_SEED'] ?? 20_250_815);
const settings = { numRuns: RUNS, seed: SEED };
/** Long runs need room; 300 runs take well under a second per property. */
const TIMEOUT = Math.max(30_000, RUNS * 20);

const VERSION: Version = { id: '1754077960', createdAt: '2025-08-01T19:52:40.000Z', date: '2025-08-01' };

/** The error contract: ok with a value and string warnings, or not ok with at least one non-empty string issue. */
function wellFormed(r: Parsed<unknown>): boolean {
  if (r.ok)
    return Array.isArray(r.warnings) && r.warnings.every((w) => typeof w === 'string' && w.length > 0);
  return r.issues.length > 0 && r.issues.every((i) => typeof i === 'string' && i.length > 0);
}

/** Runs `parse` on a copy-checked input: it must be well formed and leave the input as it was. */
function safely(input: unknown, parse: (x: unknown) => Parsed<unknown>): boolean {
  const before = structuredClone(input);
  const r = parse(input);
  expect(input).toEqual(before);
  return wellFormed(r);
}

// --- generators ------------------------------------------------------------------------------------------------

const coordinate = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -200, max: 200, noNaN: true }) },
  { weight: 3, arbitrary: fc.double({ min: 36, max: 39, noNaN: true }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, 90.0000001, null, '37.5', true),
  },
);
const position = fc.array(coordinate, { minLength: 0, maxLength: 5 });
/** Mostly closed rings near Pokrovsk, some open, short, empty or junk. */
const ring = fc.oneof(
  fc.array(position, { maxLength: 9 }),
  fc
    .array(
      fc.tuple(
        fc.double({ min: 37, max: 37.5, noNaN: true }),
        fc.double({ min: 48, max: 48.5, noNaN: true }),
      ),
      {
        minLength: 3,
        maxLength: 12,
      },
    )
    .map((ps) => [...ps, ps[0]!]),
);
const polygon = fc.array(ring, { maxLength: 3 });
const leafGeometry = fc.oneof(
  polygon.map((coordinates) => ({ type: 'Polygon', coordinates })),
  fc.array(polygon, { maxLength: 3 }).map((coordinates) => ({ type: 'MultiPolygon', coordinates })),
  position.map((coordinates) => ({ type: 'Point', coordinates })),
  fc.array(position, { maxLength: 4 }).map((coordinates) => ({ type: 'LineString', coordinates })),
  fc.constantFrom(null, undefined, {}, { type: 'Polygon' }, { type: 'Circle', coordinates: [] }),
);
const geometry = fc.oneof(
  { weight: 4, arbitrary: leafGeometry },
  {
    weight: 1,
    arbitrary: fc
      .array(leafGeometry, { maxLength: 3 })
      .map((geometries) => ({ type: 'GeometryCollection', geometries })),
  },
);
const DEEPSTATE_NAMES = [
  'Окуповано /// Occupied /// geoJSON.status.occupied',
  'Сіра зона /// Grey zone /// geoJSON.status.unknown',
  'Звільнено /// Liberated /// geoJSON.status.dismissed_at {{at:15.08}}',
  'Крим /// Crimea /// geoJSON.territories.crimea',
  'Карелія /// Karelia /// geoJSON.territories.karelia',
  '<img src=x onerror=alert(1)>',
  "{{constructor.constructor('alert(1)')()}}",
];
const properties = fc.oneof(
  fc.record(
    {
      name: fc.oneof(fc.constantFrom(...DEEPSTATE_NAMES), fc.string()),
      class: fc.oneof(
        fc.constantFrom('occupied', 'grey', 'liberated', 'occupied_pre2022', 'enemy'),
        fc.anything(),
      ),
      fill: fc.constantFrom('#a52714', '#bdbdbd', '#ff5252', '#00ff00', 7),
      date: fc.oneof(
        fc.constantFrom('2025-08-15', '2025-02-30', '20250816', '15.08.2025', ''),
        fc.anything(),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);
const feature = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({ type: fc.constant('Feature'), properties, geometry }, { requiredKeys: ['type'] }),
  },
  { weight: 1, arbitrary: fc.anything() },
);
/** A FeatureCollection with random damage in its members, its features, their geometries and positions. */
const geoJsonish = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .array(feature, { maxLength: 6 })
      .map((features) => ({ type: 'FeatureCollection', features })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constantFrom('FeatureCollection', 'Feature', 'Topology', 'featurecollection'),
      features: fc.oneof(fc.array(feature, { maxLength: 3 }), fc.anything()),
      bbox: fc.anything(),
    }),
  },
  { weight: 1, arbitrary: fc.anything() },
);

/** Text edits: delete, insert a JSON-significant character, truncate, duplicate a slice. */
const edit = fc.tuple(
  fc.constantFrom('delete', 'insert', 'truncate', 'duplicate'),
  fc.nat(),
  fc.constantFrom(...'[]{}",:.-+eE0123456789ntfrul\\ \n\t\u0000\uFEFF<'),
);
function mutate(text: string, edits: [string, number, string][]): string {
  let s = text;
  for (const [op, at, ch] of edits) {
    const i = s.length === 0 ? 0 : at % s.length;
    if (op === 'delete') s = s.slice(0, i) + s.slice(i + 1);
    else if (op === 'insert') s = s.slice(0, i) + ch + s.slice(i);
    else if (op === 'truncate') s = s.slice(0, i);
    else s = s.slice(0, i) + s.slice(i, i + 20) + s.slice(i);
  }
  return s;
}
const mutatedText = fc
  .tuple(geoJsonish, fc.array(edit, { minLength: 1, maxLength: 4 }))
  .map(([value, edits]) => mutate(JSON.stringify(value) ?? 'null', edits));
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme-composite', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.json({ maxDepth: 6 }),
  mutatedText,
);

/** `/history/public` entries with plausible and implausible fields. */
const historyEntry = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        id: fc.oneof(
          fc.integer({ min: 1_600_000_000, max: 1_800_000_000 }),
          fc.integer({ min: 1_600_000_000, max: 1_800_000_000 }).map((s) => s * 1000),
          fc.integer(),
          fc.double(),
          fc.string({ maxLength: 12 }),
          fc.constantFrom('../1', ' 12 ', '', null),
        ),
        createdAt: fc.oneof(
          fc
            .date({ min: new Date('2014-01-01'), max: new Date('2101-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString()),
          fc.constantFrom(
            '2025-02-30T10:00:00.000Z',
            'yesterday',
            '',
            '2025-08-01',
            '+275760-09-13T00:00:00.000Z',
            null,
          ),
          fc.anything(),
        ),
        descriptionEn: fc.oneof(fc.string(), fc.anything()),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.anything() },
);
const historyList = fc.oneof(
  { weight: 8, arbitrary: fc.array(historyEntry, { maxLength: 8 }) },
  { weight: 1, arbitrary: fc.anything() },
);

// --- properties ----------------------------------------------------------------------------------------------

describe(`fuzz (${RUNS} runs per property, seed ${SEED})`, () => {
  it(
    'parseGeoJsonText: never throws; accepts exactly the JSON that JSON.parse accepts, with the same value',
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const r = parseGeoJsonText(text, { label: 'fuzz.geojson' });
          if (!wellFormed(r)) return false;
          const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
          let expected: unknown;
          try {
            expected = JSON.parse(body);
          } catch {
            // Invalid JSON is refused, and the reason is found by our own reader, not copied from the engine.
            return !r.ok && !/is not valid JSON \(/u.test(r.issues[0]!);
          }
          // Valid JSON is accepted unless it is HTML-shaped, empty, too deep or over a cap (none are, here).
          if (!r.ok) return /nests arrays|NUL characters|not UTF-8|empty|whitespace/u.test(r.issues[0]!);
          expect(r.value).toEqual(expected);
          return true;
        }),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'parseGeoJsonText: respects any caps it is given',
    () => {
      fc.assert(
        fc.property(
          anyText,
          fc.integer({ min: 0, max: 200 }),
          fc.integer({ min: 1, max: 8 }),
          fc.integer({ min: 0, max: 20 }),
          (text, maxBytes, maxDepth, maxVertices) => {
            const r = parseGeoJsonText(text, { maxBytes, maxDepth, maxVertices });
            if (!wellFormed(r)) return false;
            if (r.ok) expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(maxBytes);
            return true;
          },
        ),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'validateGeoJson: never throws, never mutates, on damaged GeoJSON and on anything',
    () => {
      fc.assert(
        fc.property(geoJsonish, (json) => safely(json, (x) => validateGeoJson(x, { label: 'fuzz' }))),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'parseUserCollection: never throws, never mutates, with and without a default class',
    () => {
      fc.assert(
        fc.property(geoJsonish, fc.boolean(), (json, withDefault) =>
          safely(json, (x) =>
            parseUserCollection(x, {
              version: { id: '2025-08-15', date: '2025-08-15', createdAt: '2025-08-15T00:00:00.000Z' },
              file: 'fuzz-2025-08-15.geojson',
              ...(withDefault ? { defaultClass: 'occupied' as const } : {}),
            }),
          ),
        ),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'parseDeepStateVersion and parseArchiveDay: never throw, never mutate',
    () => {
      fc.assert(
        fc.property(
          geoJsonish,
          (json) =>
            safely(json, (x) => parseDeepStateVersion(x, VERSION)) &&
            safely(json, (x) => parseArchiveDay(x, archiveVersion('2025-08-15'))),
        ),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'parseHistoryList: never throws, never mutates; every version it keeps has a numeric id and a real UTC date',
    () => {
      fc.assert(
        fc.property(historyList, fc.option(fc.integer({ min: 0, max: 4e12 })), (json, now) => {
          const before = structuredClone(json);
          const r = parseHistoryList(json, now === null ? {} : { now });
          expect(json).toEqual(before);
          if (!wellFormed(r)) return false;
          if (!r.ok) return true;
          const ids = r.value.map((v) => v.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const v of r.value) {
            expect(v.id).toMatch(/^\d+$/u);
            expect(v.createdAt.slice(0, 10)).toBe(v.date);
            expect(new Date(v.createdAt).toISOString()).toBe(v.createdAt);
          }
          return true;
        }),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'text all the way through: parseGeoJsonText then every parser, on mutated GeoJSON text',
    () => {
      fc.assert(
        fc.property(mutatedText, (text) => {
          const r = parseGeoJsonText(text, { label: 'fuzz.geojson' });
          if (!wellFormed(r)) return false;
          if (!r.ok) return true;
          return (
            safely(r.value, (x) => validateGeoJson(x, { label: 'fuzz' })) &&
            safely(r.value, (x) =>
              parseUserCollection(x, {
                version: { id: '2025-08-15', date: '2025-08-15', createdAt: '2025-08-15T00:00:00.000Z' },
                file: 'fuzz.geojson',
                defaultClass: 'grey',
              }),
            ) &&
            safely(r.value, (x) => parseDeepStateVersion(x, VERSION)) &&
            safely(r.value, (x) => parseArchiveDay(x, archiveVersion('2025-08-15'))) &&
            safely(r.value, (x) => parseHistoryList(x))
          );
        }),
        settings,
      );
    },
    TIMEOUT,
  );
});
