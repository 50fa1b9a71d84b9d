/**
 * Area of each territory class of a snapshot, in total and within given regions (oblasts).
 */
import { featureCollection, union } from '@turf/turf';
import type { Feature } from 'geojson';
import { areaKm2 } from '../geometry/areaKm2.ts';
import { makeValid } from '../geometry/makeValid.ts';
import { unionEdges } from '../geometry/unionEdges.ts';
import { polygonEdgeSet } from '../geometry/edgeSet.ts';
import { polygonsOf } from '../model/polygonsOf.ts';
import { areaByRegionKeyed } from '../geometry/overlapKm2.ts';
import { TERRITORY_CLASSES, type AreaGeometry, type Snapshot, type TerritoryClass } from '../model/model.ts';

export type ClassAreaMap = Record<TerritoryClass, number>;

export interface RegionProperties {
  /** The region's id: an oblast's ISO 3166-2 code (UA-14), a focus area's id (pokrovsk-area), a user area's id. */
  id: string;
  name_en: string;
  name_uk?: string;
}

export type Region = Feature<AreaGeometry, RegionProperties>;

/**
 * The project's boundary files as regions: an oblast's feature names its ISO 3166-2 code `iso`
 * (geodata/oblasts.geojson), a focus area's names its `id` (geodata/focus-areas.geojson); either becomes `id`.
 * @example regionsFrom(JSON.parse(text)).find((r) => r.properties.id === 'UA-14')
 */
export function regionsFrom(fc: {
  features: readonly Feature<
    AreaGeometry,
    { iso?: string; id?: string; name_en: string; name_uk?: string }
  >[];
}): Region[] {
  return fc.features.map((f) => {
    const id = f.properties.iso ?? f.properties.id;
    if (!id) throw new Error(`a region has neither "iso" nor "id": ${f.properties.name_en}`);
    const properties: RegionProperties = { id, name_en: f.properties.name_en };
    if (f.properties.name_uk !== undefined) properties.name_uk = f.properties.name_uk;
    return { type: 'Feature', geometry: f.geometry, properties };
  });
}

export interface SnapshotAreas {
  /** km² per class over the whole snapshot (overlaps within a class counted once). */
  total: ClassAreaMap;
  /** km² per class inside each region, in the order the regions were given. */
  byRegion: { iso: string; name: string; areas: ClassAreaMap }[];
}

const zeroAreas = (): ClassAreaMap => ({ occupied: 0, occupied_pre2022: 0, grey: 0, liberated: 0 });

/**
 * The union of a snapshot's polygons of one class in Ukraine (features marked `inRussia` left out), or null when it
 * has none. DeepState's mid-2022 versions
 * have overlapping occupied polygons, so areas must come from the union, not the sum of features.
 * @example classUnion(snapshot, 'occupied')?.type // 'MultiPolygon'
 */
export function classUnion(snapshot: Snapshot, cls: TerritoryClass): AreaGeometry | null {
  const parts = snapshot.territories.filter((t) => t.properties.cls === cls && !t.properties.inRussia);
  if (parts.length === 0) return null;
  // Each feature made valid first (overlapping parts united, self-crossings repaired: issue #13).
  const valid = parts.map((p) => makeValid(p.geometry)).filter((g): g is AreaGeometry => g !== null);
  if (valid.length <= 1) return valid[0] ?? null;
  // From edges (src/core/geometry/unionEdges.ts); Turf only if those fail to link into rings.
  const merged = unionEdges(valid);
  if (merged !== undefined) return merged;
  const features = valid.map((geometry): Feature<AreaGeometry> => ({
    type: 'Feature',
    geometry,
    properties: {},
  }));
  return (union(featureCollection(features))?.geometry as AreaGeometry | undefined) ?? null;
}

/**
 * Area in km² of every class of `snapshot`, in total and within each of `regions`.
 * @example snapshotAreas(snapshot, contestedOblasts).total.occupied // ≈ 70,266 for 2025-08-01
 */
export function snapshotAreas(snapshot: Snapshot, regions: readonly Region[] = []): SnapshotAreas {
  const total = zeroAreas();
  const byRegion = regions.map((r) => ({
    iso: r.properties.id,
    name: r.properties.name_en,
    areas: zeroAreas(),
  }));
  const geometries = regions.map((r) => r.geometry);
  for (const cls of TERRITORY_CLASSES) {
    const merged = classUnion(snapshot, cls);
    if (!merged) continue;
    total[cls] = areaKm2(merged);
    // From edges, as the change breakdowns are (src/core/geometry/overlapKm2.ts).
    areaByRegionKeyed(polygonsOf(merged).map(polygonEdgeSet), geometries, regions).forEach((km2, i) => {
      byRegion[i]!.areas[cls] = km2;
    });
  }
  return { total, byRegion };
}
