/**
 * Issue #13: metamorphic tests on the reference archive (FRONTLINE_REFERENCE_DATA; skipped with the reason printed
 * when absent). Each rewrite keeps the point set of both snapshots — T-junction vertices inserted, rings reversed and
 * rotated, one feature per part, a part repeated, the class split over many features — and must give the same
 * gained/lost/net and areas within 0.01 km², the same gained and lost polygons (count and areas), and no fallback to
 * the exact path, on several pairs including 2025-08-15 → 2025-11-20.
 */
import { readdirSync } from 'node:fs';
import { bboxClip } from '@turf/turf';
import type { Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  areaKm2,
  changeBetween,
  changeEngineStats,
  classGeometry,
  resetChangeEngineStats,
  type AreaGeometry,
  type Change,
  type Snapshot,
  type TerritoryFeature,
} from '../../src/core/index.ts';
import { createArchiveSource } from '../../src/sources/archive.ts';
import { fileFetch } from '../../src/sources/node/fileFetch.ts';
import { referenceDir } from '../support/referenceData.ts';
import { METAMORPHIC_KM2 } from './tolerances.ts';

const ref = referenceDir();

const PAIRS: [string, string][] = [
  ['2025-08-15', '2025-11-20'],
  ['2025-08-15', '2025-08-16'],
  ['2024-09-01', '2025-03-01'],
  ['2026-01-01', '2026-08-20'],
];

const polygonsOf = (g: AreaGeometry): Position[][][] =>
  g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
const multi = (polys: Position[][][]): AreaGeometry => ({ type: 'MultiPolygon', coordinates: polys });

type Rewrite = (s: Snapshot) => Snapshot;

const mapGeometries = (s: Snapshot, f: (g: AreaGeometry) => AreaGeometry): Snapshot => ({
  ...s,
  territories: s.territories.map((t) => ({ ...t, geometry: f(t.geometry) })),
});
const mapFeatures = (s: Snapshot, f: (t: TerritoryFeature) => TerritoryFeature[]): Snapshot => ({
  ...s,
  territories: s.territories.flatMap(f),
});

/** A vertex in the middle of every third edge: on the edge up to rounding, a T-junction against the other date. */
const withTJunctions = (ring: Position[]): Position[] =>
  ring.flatMap((p, i) => {
    const q = ring[i + 1];
    if (!q || i % 3 !== 0) return [p];
    return [p, [(p[0]! + q[0]!) / 2, (p[1]! + q[1]!) / 2]];
  });

/** The same ring, starting k vertices later. */
const rotated = (ring: Position[], k: number): Position[] => {
  const open = ring.slice(0, -1);
  const s = k % open.length;
  const out = [...open.slice(s), ...open.slice(0, s)];
  return [...out, out[0]!];
};

const REWRITES: Record<string, Rewrite> = {
  'T-junction vertices inserted': (s) =>
    mapGeometries(s, (g) => multi(polygonsOf(g).map((p) => p.map(withTJunctions)))),
  'rings reversed and rotated': (s) =>
    mapGeometries(s, (g) =>
      multi(polygonsOf(g).map((p) => p.map((r, i) => rotated([...r].reverse(), 7 + i)))),
    ),
  'one feature per part': (s) =>
    mapFeatures(s, (t) => polygonsOf(t.geometry).map((p) => ({ ...t, geometry: multi([p]) }))),
  'a part repeated': (s) =>
    mapGeometries(s, (g) => {
      const ps = polygonsOf(g);
      return multi([...ps, ps[0]!]);
    }),
  'the class split over many features': (s) =>
    mapFeatures(s, (t) =>
      polygonsOf(t.geometry).flatMap((p) => {
        // Each polygon cut at its middle meridian into a west and an east feature.
        let [w, e] = [Infinity, -Infinity];
        for (const [x] of p[0]!) [w, e] = [Math.min(w, x!), Math.max(e, x!)];
        const mid = (w + e) / 2;
        return [
          [w - 1, -90, mid, 90],
          [mid, -90, e + 1, 90],
        ].flatMap((box) => {
          const half = bboxClip({ type: 'Polygon', coordinates: p }, box as [number, number, number, number])
            .geometry as AreaGeometry;
          const kept = polygonsOf(half)
            .map((q) => q.filter((r) => r.length >= 4))
            .filter((q) => q.length > 0 && areaKm2({ type: 'Polygon', coordinates: q }) > 0);
          return kept.length ? [{ ...t, geometry: multi(kept) }] : [];
        });
      }),
    ),
};

const FIGURES = ['areaFromKm2', 'areaToKm2', 'gainedKm2', 'lostKm2', 'netKm2'] as const;
const polygonAreas = (g: AreaGeometry | null): number[] =>
  (g ? polygonsOf(g) : [])
    .map((p) => areaKm2({ type: 'Polygon', coordinates: p }))
    .filter((a) => a >= METAMORPHIC_KM2)
    .sort((a, b) => b - a);

describe.skipIf(!ref)('metamorphic tests on the archive (issue #13)', () => {
  const snapshots = new Map<string, Snapshot>();
  beforeAll(async () => {
    const dir = `${ref}/deepstate-archive`;
    const source = createArchiveSource({
      baseUrl: dir,
      fetch: fileFetch(dir),
      listNames: async () => readdirSync(dir),
    });
    const { versions } = await source.listVersions();
    for (const date of new Set(PAIRS.flat()))
      snapshots.set(date, await source.loadVersion(versions.find((v) => v.date === date)!));
  });

  const change = (a: Snapshot, b: Snapshot): Change =>
    changeBetween(classGeometry(a, 'occupied_all'), classGeometry(b, 'occupied_all'));

  it.each(PAIRS)(
    '%s → %s: every rewrite keeps the figures and the polygons, with no fallback',
    (from, to) => {
      const [a, b] = [snapshots.get(from)!, snapshots.get(to)!];
      resetChangeEngineStats();
      const plain = change(a, b);
      expect(changeEngineStats().fallbacks).toBe(0);
      const failures: string[] = [];
      for (const [name, rewrite] of Object.entries(REWRITES)) {
        resetChangeEngineStats();
        const r = change(rewrite(a), rewrite(b));
        for (const k of FIGURES)
          if (!(Math.abs(r[k] - plain[k]) <= METAMORPHIC_KM2))
            failures.push(`${name}: ${k} ${r[k].toFixed(4)} vs ${plain[k].toFixed(4)}`);
        for (const side of ['gained', 'lost'] as const) {
          const [x, y] = [polygonAreas(r[side]), polygonAreas(plain[side])];
          if (x.length !== y.length || x.some((v, i) => Math.abs(v - y[i]!) > METAMORPHIC_KM2))
            failures.push(`${name}: ${side} polygons ${x.length} vs ${y.length}`);
        }
        if (changeEngineStats().fallbacks > 0)
          failures.push(
            `${name}: ${changeEngineStats().fallbacks} fallback(s): ${changeEngineStats().reasons[0]}`,
          );
      }
      console.info(
        `${from} → ${to}: gained ${plain.gainedKm2.toFixed(2)}, lost ${plain.lostKm2.toFixed(2)}, ` +
          `net ${plain.netKm2.toFixed(2)} km²; ${Object.keys(REWRITES).length} rewrites checked`,
      );
      expect(failures).toEqual([]);
    },
  );
});
