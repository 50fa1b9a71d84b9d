/**
 * Issue #13: inputs that used to fool the change engine silently, each reproduced here first.
 *
 * - A MultiPolygon whose part is repeated (QGIS "collect geometries") was counted twice: gained − lost ≠ net.
 * - A T-junction at 7 decimals (a vertex on a sloping edge in decimal, off it in binary) was not split: a sliver
 *   polygon or a fallback to the slow overlay.
 * - A crossing through a vertex (the figure-8) was missed by findCrossings.
 * - A self-crossing ring (the bowtie) had area 0.
 */
import { readdirSync } from 'node:fs';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  areaKm2,
  changeBetween,
  classGeometry,
  findCrossings,
  edgeChange,
  validateGeoJson,
  type AreaGeometry,
  type Snapshot,
} from '../../src/core/index.ts';
import { orient } from '../../src/core/geometry/orient.ts';
import { unionEdges } from '../../src/core/geometry/unionEdges.ts';
import { createArchiveSource } from '../../src/sources/archive.ts';
import { fileFetch } from '../../src/sources/node/fileFetch.ts';
import { referenceDir } from '../support/referenceData.ts';
import { CHANGE_INVARIANT_KM2, METAMORPHIC_KM2 } from './tolerances.ts';

const ref = referenceDir();

const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });

/** A quadrilateral whose south-east edge P→Q slopes, at 7 decimals, and the same with V (on P→Q in decimal) added. */
function tJunction(k: number): { plain: Polygon; withVertex: Polygon; neighbour: Polygon } {
  // P, Q and V = P + m·(Q − P)/n all have 7 decimals, so V lies on P→Q exactly in decimal arithmetic.
  const px = 30.1234567 + k * 0.0013;
  const py = 48.7654321 - k * 0.0007;
  const n = 7 + (k % 5);
  const m = 1 + (k % (n - 1));
  const dx = 0.0000311 * n;
  const dy = 0.0000173 * n;
  const r7 = (v: number): number => Math.round(v * 1e7) / 1e7;
  const P: Position = [r7(px), r7(py)];
  const Q: Position = [r7(px + dx), r7(py + dy)];
  const V: Position = [r7(px + (dx * m) / n), r7(py + (dy * m) / n)];
  const top: Position = [Q[0]!, r7(py + 0.01)];
  const left: Position = [P[0]!, r7(py + 0.01)];
  const bottom: Position = [Q[0]!, r7(py - 0.01)];
  return {
    plain: poly([P, Q, top, left, P]),
    withVertex: poly([P, V, Q, top, left, P]),
    // The polygon on the other side of P→Q, with the vertex: a class split into two features along P→Q.
    neighbour: poly([P, bottom, Q, V, P]),
  };
}

describe('orient (issue #13)', () => {
  it('is positive left of a → b, negative right, exactly 0 on the line, even where floating point is not', () => {
    expect(orient(0, 0, 1, 0, 0, 1)).toBeGreaterThan(0);
    expect(orient(0, 0, 1, 0, 0, -1)).toBeLessThan(0);
    // A point on the line through two 7-decimal points, written in decimal: the naive product is not 0 here.
    const [ax, ay, bx, by] = [30.1, 48.1, 30.4, 48.7];
    const [px, py] = [30.2, 48.3];
    expect((bx - ax) * (py - ay) - (by - ay) * (px - ax)).not.toBe(0);
    expect(Math.abs(orient(ax, ay, bx, by, px, py))).toBeLessThan(1e-15);
    expect(orient(0.5, 0.5, 12, 12, 24, 24)).toBe(0);
  });
});

describe('reproductions (issue #13)', () => {
  it('a T-junction at 7 decimals changes nothing and stays on the edge engine', () => {
    const failures: string[] = [];
    for (let k = 0; k < 40; k++) {
      const { plain, withVertex } = tJunction(k);
      for (const [a, b] of [
        [plain, withVertex],
        [withVertex, plain],
      ] as const) {
        const fast = edgeChange(a, b);
        if (!fast) {
          failures.push(`case ${k}: fell back to the overlay`);
          continue;
        }
        if (fast.gained !== null || fast.lost !== null)
          failures.push(`case ${k}: sliver polygons ${fast.gainedKm2} / ${fast.lostKm2} km²`);
        if (fast.gainedKm2 !== 0 || fast.lostKm2 !== 0)
          failures.push(`case ${k}: gained ${fast.gainedKm2} lost ${fast.lostKm2}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('two features meeting along a sloping edge with a T-junction unite into one polygon', () => {
    const failures: string[] = [];
    for (let k = 0; k < 40; k++) {
      const { plain, neighbour } = tJunction(k);
      const u = unionEdges([plain, neighbour]);
      if (!u) failures.push(`case ${k}: ${u === undefined ? 'did not link' : 'empty'}`);
      else if (u.type !== 'MultiPolygon' || u.coordinates.length !== 1 || u.coordinates[0]!.length !== 1)
        failures.push(`case ${k}: ${JSON.stringify(u.coordinates.map((p) => p.length))} rings`);
    }
    expect(failures).toEqual([]);
  });

  it('findCrossings sees a figure-8 crossing through a vertex', () => {
    const eight: Position[] = [
      [0, 0],
      [2, 2],
      [2, 0],
      [1, 1],
      [0, 2],
      [0, 0],
    ];
    const { count, first } = findCrossings([eight]);
    expect(count).toBeGreaterThan(0);
    expect(first[0]!.at).toEqual([1, 1]);
  });

  it('a bowtie has the area of its two triangles, not 0', () => {
    const bowtie = poly([
      [37, 48],
      [37.1, 48.1],
      [37.1, 48],
      [37, 48.1],
      [37, 48],
    ]);
    const triangles: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [37, 48],
            [37.05, 48.05],
            [37, 48.1],
            [37, 48],
          ],
        ],
        [
          [
            [37.05, 48.05],
            [37.1, 48.1],
            [37.1, 48],
            [37.05, 48.05],
          ],
        ],
      ],
    };
    const expected = areaKm2(triangles);
    const change = changeBetween(null, bowtie);
    expect(Math.abs(change.gainedKm2 - expected)).toBeLessThan(METAMORPHIC_KM2);
    expect(Math.abs(change.netKm2 - expected)).toBeLessThan(METAMORPHIC_KM2);
    // validate repairs it the same way and says where.
    const v = validateGeoJson(
      { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: bowtie }] },
      { label: 'bowtie.geojson' },
    );
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.warnings.join('\n')).toMatch(/crosses itself at \(37\.05000, 48\.05000\).*repaired/u);
    expect(Math.abs(areaKm2(v.value.features[0]!.geometry as AreaGeometry) - expected)).toBeLessThan(
      METAMORPHIC_KM2,
    );
  });
});

describe.skipIf(!ref)('reproduction on the archive: a repeated MultiPolygon part (issue #13)', () => {
  it('2025-08-15 → 2025-11-20 gives the same gained/lost/net with a part repeated, and gained − lost = net', async () => {
    const dir = `${ref}/deepstate-archive`;
    const source = createArchiveSource({
      baseUrl: dir,
      fetch: fileFetch(dir),
      listNames: async () => readdirSync(dir),
    });
    const { versions } = await source.listVersions();
    const load = (date: string): Promise<Snapshot> =>
      source.loadVersion(versions.find((v) => v.date === date)!);
    const [a, b] = [await load('2025-08-15'), await load('2025-11-20')];
    const repeatFirstPart = (s: Snapshot): Snapshot => ({
      ...s,
      territories: s.territories.map((t) => {
        const g = t.geometry;
        const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
        return { ...t, geometry: { type: 'MultiPolygon', coordinates: [...parts, parts[0]!] } };
      }),
    });
    const plain = changeBetween(classGeometry(a, 'occupied_all'), classGeometry(b, 'occupied_all'));
    const repeated = changeBetween(
      classGeometry(repeatFirstPart(a), 'occupied_all'),
      classGeometry(repeatFirstPart(b), 'occupied_all'),
    );
    console.info(
      `repeated part: net ${repeated.netKm2.toFixed(2)} (plain ${plain.netKm2.toFixed(2)}), ` +
        `gained ${repeated.gainedKm2.toFixed(2)}, lost ${repeated.lostKm2.toFixed(2)}`,
    );
    expect(Math.abs(repeated.gainedKm2 - repeated.lostKm2 - repeated.netKm2)).toBeLessThan(
      CHANGE_INVARIANT_KM2,
    );
    for (const k of ['gainedKm2', 'lostKm2', 'netKm2', 'areaFromKm2', 'areaToKm2'] as const)
      expect(Math.abs(repeated[k] - plain[k])).toBeLessThan(METAMORPHIC_KM2);
  });
});
