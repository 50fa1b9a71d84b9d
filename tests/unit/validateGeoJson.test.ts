/**
 * The one validation path (src/core/io/validateGeoJson.ts), rule by rule, on tiny authored fixtures:
 * tests/fixtures/in/validation/*.geojson → tests/fixtures/out/validation/*.json (golden: messages and the cleaned
 * geometry). The golden files change only on purpose: UPDATE_GOLDEN=1 npx vitest run tests/unit/validateGeoJson.test.ts
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  areaKm2,
  findCrossings,
  validateGeoJson,
  type AreaGeometry,
  type ValidCollection,
} from '../../src/core/index.ts';
import { loadGeos } from '../support/geos.ts';

const inDir = new URL('../fixtures/in/validation/', import.meta.url);
const outDir = new URL('../fixtures/out/validation/', import.meta.url);
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, inDir), 'utf8')) as unknown;
const validate = (name: string) => validateGeoJson(fixture(name), { label: `2025-08-15 test ${name}` });
const at = (name: string, feature: string) => `2025-08-15 test ${name}: feature ${feature}`;

/** The fixture's result, or a failed expectation showing the issues. */
function valid(name: string): { value: ValidCollection; warnings: string[] } {
  const r = validate(name);
  if (!r.ok) throw new Error(`${name} should validate: ${r.issues.join('\n')}`);
  return r;
}
const rings = (c: ValidCollection, i: number): Position[][] =>
  (c.features[i]!.geometry as Polygon).coordinates;

describe('validateGeoJson (golden files)', () => {
  const names = readdirSync(inDir).filter((n) => n.endsWith('.geojson'));
  it('has a fixture per rule', () => {
    expect(names.length).toBeGreaterThanOrEqual(11);
  });
  it.each(names)('%s matches its golden file', (name) => {
    const golden = new URL(name.replace(/\.geojson$/u, '.json'), outDir);
    const r = validate(name);
    const actual = r.ok
      ? { ok: true, warnings: r.warnings, geometries: r.value.features.map((f) => f.geometry) }
      : { ok: false, issues: r.issues };
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
    if (!existsSync(golden)) {
      throw new Error(
        `golden file ${fileURLToPath(golden)} is missing. Review the output, then write it on purpose with ` +
          'UPDATE_GOLDEN=1 npx vitest run tests/unit/validateGeoJson.test.ts',
      );
    }
    expect(actual).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
  });
});

describe('validateGeoJson, rule by rule', () => {
  it('passes a clean collection through unchanged, without warnings', () => {
    const raw = fixture('valid.geojson');
    const r = validateGeoJson(raw, { label: 'x' });
    expect(r).toEqual({ ok: true, value: raw, warnings: [] });
  });

  it('closes an unclosed ring and says so, naming date, source, feature and a shortened name', () => {
    const r = valid('unclosed-ring.geojson');
    expect(r.warnings).toEqual([
      `${at('unclosed-ring.geojson', '0')} ("Окупована територія північніше Покровськ…"): ring 0 is not closed; closed it`,
    ]);
    expect(rings(r.value, 0)[0]).toEqual([
      [37, 48],
      [37.4, 48],
      [37.4, 48.4],
      [37, 48.4],
      [37, 48],
    ]);
  });

  it('drops rings under 4 positions: a hole alone, an outer ring with its polygon', () => {
    const r = valid('short-rings.geojson');
    expect(rings(r.value, 0)).toHaveLength(1);
    expect(r.value.features[1]!.geometry).toBeNull();
    // The MultiPolygon stays a list of polygons (each a list of rings), minus the dropped one.
    expect(r.value.features[2]!.geometry).toEqual({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [39, 48],
            [39.1, 48],
            [39.1, 48.1],
            [39, 48],
          ],
        ],
      ],
    });
    expect(r.warnings).toContain(
      `${at('short-rings.geojson', '0')} ("Degenerate hole"): ring 1 has 3 positions, fewer than the 4 a closed ring needs; dropped the hole`,
    );
    expect(r.warnings).toContain(
      `${at('short-rings.geojson', '2')} ("One good polygon, one line"): polygon 1, ring 0 has 3 positions, fewer than the 4 a closed ring needs; dropped the polygon`,
    );
  });

  it('rejects non-finite coordinates (1e999 parses as Infinity)', () => {
    expect(validate('non-finite.geojson')).toEqual({
      ok: false,
      issues: [
        `${at('non-finite.geojson', '0')} ("Overflowing number"): ring 0 position 1 is not a pair of finite numbers ([Infinity, 48])`,
      ],
    });
  });

  it('rejects out-of-range coordinates with a hint at projected files or swapped axes', () => {
    const r = validate('out-of-range.geojson');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(2);
    expect(r.issues[0]).toMatch(
      /feature 0 \("Web Mercator metres"\): ring 0 position 0 \(4118821\.00000, 6106854\.00000\) is outside/u,
    );
    expect(r.issues[0]).toMatch(/EPSG:3857/u);
    expect(r.issues[1]).toMatch(
      /feature 1 \("Latitude first"\): position \(48\.00000, 137\.00000\) is outside/u,
    );
  });

  it('drops z, noting it once per file, and silently when z is 0 everywhere', () => {
    const r = valid('three-d.geojson');
    expect(r.warnings).toEqual([
      '2025-08-15 test three-d.geojson: positions carry a third ordinate (e.g. 120.5 in feature 1); dropped it: areas are 2D',
    ]);
    const flat = JSON.stringify(r.value.features.map((f) => f.geometry));
    expect(flat).not.toMatch(/120\.5|,0\]|99/u);
    const zeroOnly = {
      type: 'FeatureCollection',
      features: [(fixture('three-d.geojson') as ValidCollection).features[0]],
    };
    expect(validateGeoJson(zeroOnly, { label: 'x' })).toMatchObject({ ok: true, warnings: [] });
  });

  it('rewinds to RFC 7946 (outer counter-clockwise, holes clockwise) and notes it once', () => {
    const r = valid('winding.geojson');
    expect(r.warnings).toEqual([
      '2025-08-15 test winding.geojson: 3 rings wound against RFC 7946 (outer rings counter-clockwise, holes clockwise) in features 0, 2; rewound',
    ]);
    expect(rings(r.value, 0)).toEqual([
      [
        [37, 48],
        [37.4, 48],
        [37.4, 48.4],
        [37, 48.4],
        [37, 48],
      ],
      [
        [37.1, 48.1],
        [37.1, 48.2],
        [37.2, 48.2],
        [37.2, 48.1],
        [37.1, 48.1],
      ],
    ]);
  });

  it('rewinds the polygons of a MultiPolygon one by one, keeping its nesting', () => {
    expect(valid('winding.geojson').value.features[2]!.geometry).toEqual({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [39, 48],
            [39.4, 48.4],
            [39, 48.4],
            [39, 48],
          ],
        ],
      ],
    });
  });

  it('removes repeated consecutive positions with a warning, and drops a ring they collapse', () => {
    const r = valid('duplicate-points.geojson');
    expect(rings(r.value, 0)[0]).toEqual([
      [37, 48],
      [37.4, 48],
      [37.4, 48.4],
      [37, 48],
    ]);
    expect(r.value.features[1]!.geometry).toBeNull();
    expect(r.warnings.slice(0, 2)).toEqual([
      `${at('duplicate-points.geojson', '0')} ("Stutter"): ring 0 has 4 repeated consecutive positions; removed them`,
      `${at('duplicate-points.geojson', '1')} ("Collapses to a line"): ring 0 has a repeated consecutive position; removed it`,
    ]);
  });

  it('repairs self-intersections (crossing, ring against ring, spike) as GEOS MakeValid does, saying where', async () => {
    const raw = fixture('self-intersections.geojson') as ValidCollection;
    const r = valid('self-intersections.geojson');
    const repaired = (n: number) =>
      `repaired: noded where it crosses and re-polygonised by the even–odd rule (as GEOS MakeValid does), giving ${n} polygon${n === 1 ? '' : 's'}`;
    expect(r.warnings).toEqual([
      `${at('self-intersections.geojson', '0')} ("Bow tie"): ring 0 crosses itself at (37.20000, 48.20000); ${repaired(2)}`,
      `${at('self-intersections.geojson', '1')} ("Hole sticking out"): rings 0 and 1 cross at (38.40000, 48.20000) (and 1 more self-intersection); ${repaired(2)}`,
      `${at('self-intersections.geojson', '2')} ("Spike"): ring 0 doubles back on itself at (39.60000, 48.00000); ${repaired(1)}`,
    ]);
    // The repaired geometries are valid and cover what GEOS's MakeValid makes of the raw ones.
    const geos = await loadGeos();
    for (let i = 0; i < 3; i++) {
      const ours = geos.fromGeoJson(r.value.features[i]!.geometry as AreaGeometry);
      const theirs = geos.makeValid(geos.fromGeoJson(raw.features[i]!.geometry as AreaGeometry));
      expect(geos.isValid(ours)).toBe(true);
      const apart = [geos.difference(ours, theirs), geos.difference(theirs, ours)];
      expect(apart.map((g) => areaKm2(geos.toGeoJson(g)))).toEqual([0, 0]);
      [ours, theirs, ...apart].forEach(geos.free);
    }
    // A touch is fine: left as it was.
    expect(r.value.features.slice(3).map((f) => f.geometry)).toEqual(
      raw.features.slice(3).map((f) => f.geometry),
    );
  });

  it('skips empty and null geometries with a warning, keeping feature indices', () => {
    const r = valid('empty-geometries.geojson');
    expect(r.value.features.map((f) => f.geometry?.type ?? null)).toEqual([
      null,
      null,
      null,
      null,
      null,
      'Polygon',
    ]);
    expect(r.warnings).toContain(
      `${at('empty-geometries.geojson', '0')} ("Null"): has no geometry (null); skipped`,
    );
    expect(r.warnings).toContain(
      `${at('empty-geometries.geojson', '1')} ("Empty polygon"): Polygon is empty; skipped`,
    );
    expect(r.warnings).toContain(
      `${at('empty-geometries.geojson', '4')} ("Empty collection"): GeometryCollection is empty; skipped`,
    );
  });

  it('reports structural errors found by geojson-validation, per feature', () => {
    const r = validate('bad-structure.geojson');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const name = 'bad-structure.geojson';
    expect(r.issues).toEqual([
      `${at(name, '0')} ("Typo in type"): type must be one of: "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon" or "GeometryCollection"`,
      `${at(name, '1')} ("No coordinates"): must have a member with the name "coordinates"`,
      `${at(name, '2')} ("Strings"): Position must only contain numbers. Item 37.0 at index 0 is invalid.`,
      `${at(name, '2')} ("Strings"): Position must only contain numbers. Item 48.0 at index 1 is invalid.`,
      `${at(name, '3')} ("One number"): Position must be at least two elements`,
      `${at(name, '5')}: type must be "Feature"`,
    ]);
  });

  it('tolerates a feature without "properties" (a warning), and rejects what is not a FeatureCollection', () => {
    const feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [37, 48] } };
    expect(validateGeoJson({ type: 'FeatureCollection', features: [feature] }, { label: 'x' })).toMatchObject(
      {
        ok: true,
        warnings: ['x: feature 0: has no "properties" member (RFC 7946 requires one); read as empty'],
      },
    );
    for (const bad of [null, [], 'x', { type: 'Feature' }, { type: 'FeatureCollection', features: {} }]) {
      expect(validateGeoJson(bad, { label: 'x' })).toEqual({
        ok: false,
        issues: [expect.stringMatching(/^x: not a GeoJSON FeatureCollection: \S/u)],
      });
    }
  });

  it('does not mutate its input and shares no coordinate arrays with it', () => {
    for (const name of [
      'winding.geojson',
      'unclosed-ring.geojson',
      'three-d.geojson',
      'duplicate-points.geojson',
    ]) {
      const raw = fixture(name) as ValidCollection;
      const before = structuredClone(raw);
      const r = valid(name);
      expect(raw).toEqual(before);
      expect(rings(r.value, 0)[0]).not.toBe((raw.features[0]!.geometry as Polygon).coordinates[0]);
    }
  });

  it('never throws on odd input (geojson-validation itself crashes on empty rings)', () => {
    const odd = [
      { type: 'Polygon', coordinates: [[], [[37, 48]]] },
      { type: 'Polygon', coordinates: [null] },
      { type: 'MultiPolygon', coordinates: [[[]]] },
      { type: 'GeometryCollection', geometries: [null] },
    ];
    for (const geometry of odd) {
      expect(() =>
        validateGeoJson(
          { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry }] },
          { label: 'x' },
        ),
      ).not.toThrow();
    }
  });

  it('caps a flood of issues at 50 with a count of the rest', () => {
    const bad = Array.from({ length: 80 }, () => ({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Point', coordinates: [500, 0] },
    }));
    const r = validateGeoJson({ type: 'FeatureCollection', features: bad }, { label: 'x' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(51);
    expect(r.issues[50]).toBe('x: … and 30 more issues');
  });
});

describe('findCrossings', () => {
  const square = (x: number, y: number, s: number): Position[] => [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ];

  it('finds nothing in simple rings, nor where neighbouring edges meet', () => {
    expect(findCrossings([square(0, 0, 1), square(0.2, 0.2, 0.2).reverse()]).count).toBe(0);
  });

  it('finds a collinear overlap between two edges of one ring', () => {
    const ring = [
      [0, 0],
      [4, 0],
      [4, 1],
      [3, 0],
      [2, 0],
      [2, -1],
      [0, -1],
      [0, 0],
    ];
    expect(findCrossings([ring]).first).toEqual([{ rings: [0, 0], kind: 'overlap', at: [2, 0] }]);
  });

  it('counts every crossing of a zigzag against a straight edge, in O(n log n)-ish time', () => {
    // A thin comb of 20,000 teeth whose closing edge cuts through every tooth.
    const teeth = 10_000;
    const ring: Position[] = [];
    for (let i = 0; i < teeth; i++) ring.push([i, 0], [i + 0.5, 2]);
    ring.push([teeth, 0], [teeth, 1], [-1, 1], [-1, 0], [0, 0]);
    const t0 = performance.now();
    const { count } = findCrossings([ring]);
    const ms = performance.now() - t0;
    expect(count).toBe(2 * teeth);
    expect(ms).toBeLessThan(2000);
  });
});
