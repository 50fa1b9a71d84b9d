/**
 * Area change between two snapshots (issue #4): gained (in B, not in A), lost (in A, not in B), net = area(B) − area(A),
 * the gained/lost polygons, and the same within each region (oblast, focus area, a user's polygon).
 */
import { difference, featureCollection, union } from '@turf/turf';
import type { Feature } from 'geojson';
import { areaKm2 } from './areaKm2.ts';
import { unionEdges } from './unionEdges.ts';
import type { AreaGeometry, Change, Snapshot, TerritoryClass } from '../model/model.ts';
import type { Region } from '../report/snapshotAreas.ts';
import { areaByRegionKeyed } from './overlapKm2.ts';
import { changeEdgeSets, edgeChange } from './edgeChange.ts';
import { polygonEdgeSet } from './edgeSet.ts';
import { polygonsOf } from '../model/polygonsOf.ts';
import { windowedChange } from './windowedChange.ts';
import { makeValid, markValid } from './makeValid.ts';

/** What a change is measured on: one class, or `occupied_all` (since and before 24 Feb 2022 together). */
export type ChangeClass = TerritoryClass | 'occupied_all';

export interface RegionChange {
  iso: string;
  name: string;
  gainedKm2: number;
  lostKm2: number;
  netKm2: number;
}

export type { Change };

const asFeature = (g: AreaGeometry): Feature<AreaGeometry> => ({
  type: 'Feature',
  geometry: g,
  properties: {},
});

/**
 * The territory of `cls` in a snapshot, as one geometry (null when empty). `occupied_all` joins both occupied
 * classes; sources that don't separate them (the archive) already hold everything in `occupied`.
 * @example classGeometry(snapshot, 'occupied_all')
 */
export function classGeometry(snapshot: Snapshot, cls: ChangeClass): AreaGeometry | null {
  const wanted =
    cls === 'occupied_all'
      ? (c: TerritoryClass) => c === 'occupied' || c === 'occupied_pre2022'
      : snapshot.occupiedIncludesPre2022 && cls === 'occupied_pre2022'
        ? () => false
        : (c: TerritoryClass) => c === cls;
  const parts = snapshot.territories.filter((t) => wanted(t.properties.cls) && !t.properties.inRussia);
  if (parts.length === 0) return null;
  // Each feature made valid first (its own parts united, self-crossings repaired: src/core/geometry/makeValid.ts), then the
  // features united by the same edge union.
  const valid = parts.map((p) => makeValid(p.geometry)).filter((g): g is AreaGeometry => g !== null);
  if (valid.length <= 1) return valid[0] ?? null;
  const merged = unionEdges(valid);
  return markValid(
    merged !== undefined
      ? merged
      : ((union(featureCollection(valid.map(asFeature)))?.geometry as AreaGeometry | undefined) ?? null),
  );
}

/**
 * How far gained − lost may be from net in a change (km²): rings under 1 m² are dropped from the outputs
 * (src/core/geometry/linkRings.ts), and a report has at most a few hundred of them; the rest is floating-point noise.
 */
export const CHANGE_INVARIANT_KM2 = 1e-3;

/** What the change engine did since the last {@link resetChangeEngineStats}, for tests and the benchmark. */
export interface ChangeEngineStats {
  /** Changes the edge engine could not answer consistently, recomputed on the exact path. */
  fallbacks: number;
  /** What each fallback was about (the discrepancy found). */
  reasons: string[];
}

const stats: ChangeEngineStats = { fallbacks: 0, reasons: [] };

/**
 * The change engine's counters (a live view; copy it to keep a value).
 * @example resetChangeEngineStats(); changeBetween(a, b); changeEngineStats().fallbacks // 0
 */
export function changeEngineStats(): Readonly<ChangeEngineStats> {
  return stats;
}

/** Zeroes {@link changeEngineStats}. */
export function resetChangeEngineStats(): void {
  stats.fallbacks = 0;
  stats.reasons = [];
}

const contradiction = (c: Change): number => Math.abs(c.gainedKm2 - c.lostKm2 - c.netKm2);

/**
 * Counts (and logs) a fast path of the engine that did not answer consistently and handed over, outside
 * {@link changeBetween} (the land clip's, src/core/geometry/landClip.ts).
 */
export function noteFallback(reason: string): void {
  stats.fallbacks++;
  stats.reasons.push(reason);
  console.warn(`frontline: the change engine took a slower path: ${reason}`);
}

function diff(a: AreaGeometry | null, b: AreaGeometry | null): AreaGeometry | null {
  if (!a) return null;
  if (!b) return a;
  return (
    (difference(featureCollection([asFeature(a), asFeature(b)]))?.geometry as AreaGeometry | undefined) ??
    null
  );
}

/**
 * Change from geometry `a` (earlier) to `b` (later), computed from boundary edges (src/core/geometry/edgeChange.ts): the
 * same result as {@link overlayChange}, far faster (docs/performance.md). Both are made valid first (src/core/geometry/makeValid.ts: a
 * no-op for valid input and for what classGeometry returns). The result is checked where it is made (STYLE.md habit
 * 15): when the pieces do not close into rings, or gained − lost differs from net by more than
 * {@link CHANGE_INVARIANT_KM2}, the change is recomputed on the exact path — the windowed overlay
 * (src/core/geometry/windowedChange.ts) — the discrepancy is logged and counted ({@link changeEngineStats}), and it is never
 * returned.
 * @example changeBetween(classGeometry(s1, 'occupied_all'), classGeometry(s2, 'occupied_all')).netKm2
 */
export function changeBetween(a: AreaGeometry | null, b: AreaGeometry | null): Change {
  const va = makeValid(a);
  const vb = makeValid(b);
  const fast = edgeChange(va, vb);
  if (fast && contradiction(fast) <= CHANGE_INVARIANT_KM2) return fast;
  const reason = fast
    ? `gained − lost − net = ${(fast.gainedKm2 - fast.lostKm2 - fast.netKm2).toExponential(3)} km² ` +
      `(gained ${fast.gainedKm2}, lost ${fast.lostKm2}, net ${fast.netKm2})`
    : 'the split edges did not close into rings';
  stats.fallbacks++;
  stats.reasons.push(reason);
  const exact = windowedChange(va, vb);
  console.warn(
    `frontline: the change engine recomputed a change on the exact path: ${reason}; exact path: gained ` +
      `${exact.gainedKm2.toFixed(6)}, lost ${exact.lostKm2.toFixed(6)}, net ${exact.netKm2.toFixed(6)} km²`,
  );
  return exact;
}

/**
 * The plain overlay: `difference` both ways over the whole geometries. The reference the windowed engine is
 * tested and benchmarked against.
 * @example overlayChange(a, b).gainedKm2
 */
export function overlayChange(a: AreaGeometry | null, b: AreaGeometry | null): Change {
  const gained = diff(b, a);
  const lost = diff(a, b);
  const areaFromKm2 = areaKm2(a);
  const areaToKm2 = areaKm2(b);
  return {
    areaFromKm2,
    areaToKm2,
    gainedKm2: areaKm2(gained),
    lostKm2: areaKm2(lost),
    netKm2: areaToKm2 - areaFromKm2,
    gained,
    lost,
  };
}

/**
 * Gained, lost and net km² of `change` within each region. Net here is gained − lost inside the region, which equals
 * area(B ∩ region) − area(A ∩ region). Each polygon is measured inside each region from edges (src/core/geometry/overlapKm2.ts).
 * @example changeByRegion(change, oblasts).find((r) => r.iso === 'UA-14')?.gainedKm2
 */
export function changeByRegion(change: Change, regions: readonly Region[]): RegionChange[] {
  const geometries = regions.map((r) => r.geometry);
  // The edge engine's own polygons' edges when it made the change; otherwise from the geometries.
  const known = changeEdgeSets(change);
  const gained = areaByRegionKeyed(
    known?.gained ?? polygonsOf(change.gained).map(polygonEdgeSet),
    geometries,
    regions,
  );
  const lost = areaByRegionKeyed(
    known?.lost ?? polygonsOf(change.lost).map(polygonEdgeSet),
    geometries,
    regions,
  );
  return regions.map((region, k) => {
    const gainedKm2 = gained[k]!;
    const lostKm2 = lost[k]!;
    return {
      iso: region.properties.id,
      name: region.properties.name_en,
      gainedKm2,
      lostKm2,
      netKm2: gainedKm2 - lostKm2,
    };
  });
}
