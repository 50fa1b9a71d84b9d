/**
 * Area change between two snapshots (issue #4): gained (in B, not in A), lost (in A, not in B), net = area(B) − area(A),
 * the gained/lost polygons, and the same within each region (oblast, focus area, a user's polygon).
 */
import { difference, featureCollection, union } from '@turf/turf';
import type { Feature } from 'geojson';
import { areaKm2 } from './areaKm2.ts';
import { unionEdges } from './unionEdges.ts';
import type { AreaGeometry, Change, Snapshot, TerritoryClass } from './model.ts';
import type { Region } from './snapshotAreas.ts';
import { areaByRegionKeyed } from './overlapKm2.ts';
import { changeEdgeSets, segmentChange } from './segmentChange.ts';
import { polygonEdgeSet, polygonsOf } from './edgeSet.ts';
import { windowedChange } from './windowedChange.ts';

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
  if (parts.length === 1) return parts[0]!.geometry;
  const merged = unionEdges(parts.map((p) => p.geometry));
  return merged !== undefined ? merged : (union(featureCollection(parts))?.geometry ?? null);
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
 * Change from geometry `a` (earlier) to `b` (later), computed from boundary edges (src/core/segmentChange.ts): the
 * same result as {@link overlayChange}, a hundred times faster. In the rare case where floating-point splitting leaves
 * pieces that do not close into rings, the windowed overlay (src/core/windowedChange.ts) answers instead.
 * @example changeBetween(classGeometry(s1, 'occupied_all'), classGeometry(s2, 'occupied_all')).netKm2
 */
export function changeBetween(a: AreaGeometry | null, b: AreaGeometry | null): Change {
  return segmentChange(a, b) ?? windowedChange(a, b);
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
 * area(B ∩ region) − area(A ∩ region). Each polygon is measured inside each region from edges (src/core/overlapKm2.ts).
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
      iso: region.properties.iso,
      name: region.properties.name_en,
      gainedKm2,
      lostKm2,
      netKm2: gainedKm2 - lostKm2,
    };
  });
}
