/**
 * The places that changed hands between two snapshots (issue #12): every gazetteer place (geodata/settlements.geojson)
 * whose point lies in territory of a different class on the two dates.
 *
 * A place's class on a date is `occupied` when its point lies in occupied territory (since or before 24 Feb 2022;
 * the archive has only this class), else `grey` when it lies in the grey zone, else `ukraine`. Occupied wins where a
 * source's polygons overlap. A point exactly on a polygon's boundary (outer ring or hole) counts as inside that
 * polygon, by the project's one point-in-polygon (src/core/geometry/pointInPolygon.ts; Turf's `booleanPointInPolygon`
 * with `ignoreBoundary: false` and GEOS's `covers` say the same). Each polygon's bounding box is checked first.
 */
import type { FeatureCollection, Point, Polygon } from 'geojson';
import { pointInPolygon } from '../geometry/pointInPolygon.ts';
import { polygonsOf } from '../model/polygonsOf.ts';
import type { Snapshot, TerritoryClass } from '../model/model.ts';
import type { Region } from './snapshotAreas.ts';

/** A place's side of the front on a date. */
export type PlaceClass = 'occupied' | 'grey' | 'ukraine';

/** One place of the gazetteer, as the core uses it. */
export interface Settlement {
  /** The GeoNames id. */
  id: number;
  name: string;
  /** The Ukrainian name, or null where the gazetteer has none (the app then shows `name`). */
  nameUk: string | null;
  /** ISO code of the oblast (e.g. `UA-14`), or null outside every outline. */
  oblast: string | null;
  population: number;
  lon: number;
  lat: number;
}

/** A place whose class differs between the two dates. */
export interface SettlementChange extends Settlement {
  from: PlaceClass;
  to: PlaceClass;
}

/** The gazetteer file's properties (scripts/build-settlements.mjs). */
export interface SettlementProperties {
  id: number;
  name_en: string;
  name_uk: string | null;
  name_source: string;
  population: number;
  oblast: string | null;
}

/**
 * The gazetteer's features as {@link Settlement}s, in the file's order.
 * @example settlementsFrom(JSON.parse(text)).find((s) => s.name === 'Pokrovsk')?.nameUk // 'Покровськ'
 */
export function settlementsFrom(fc: FeatureCollection<Point, SettlementProperties>): Settlement[] {
  return fc.features.map((f) => ({
    id: f.properties.id,
    name: f.properties.name_en,
    nameUk: f.properties.name_uk,
    oblast: f.properties.oblast,
    population: f.properties.population,
    lon: f.geometry.coordinates[0]!,
    lat: f.geometry.coordinates[1]!,
  }));
}

interface Indexed {
  polygon: Polygon;
  box: [number, number, number, number];
}

function indexPolygons(polygons: Polygon[]): Indexed[] {
  return polygons.map((polygon) => {
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    for (const [x, y] of polygon.coordinates[0]!) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
    return { polygon, box: [w, s, e, n] };
  });
}

function holds(index: readonly Indexed[], lon: number, lat: number): boolean {
  for (const { polygon, box } of index) {
    if (lon < box[0] || lon > box[2] || lat < box[1] || lat > box[3]) continue;
    if (pointInPolygon([lon, lat], polygon)) return true;
  }
  return false;
}

function polygonsOfClass(snapshot: Snapshot, classes: readonly TerritoryClass[]): Polygon[] {
  return snapshot.territories
    .filter((t) => classes.includes(t.properties.cls) && !t.properties.inRussia)
    .flatMap((t) => polygonsOf(t.geometry).map((coordinates): Polygon => ({ type: 'Polygon', coordinates })));
}

/**
 * The class of each place on a snapshot's date, in the order given.
 * @example placeClasses(snapshot, places)[i] // 'occupied'
 */
export function placeClasses(snapshot: Snapshot, places: readonly Settlement[]): PlaceClass[] {
  // Territory DeepState marks as inside Russia is left out, as the class totals leave it out.
  const occupied = indexPolygons(polygonsOfClass(snapshot, ['occupied', 'occupied_pre2022']));
  const grey = indexPolygons(polygonsOfClass(snapshot, ['grey']));
  return places.map((p) =>
    holds(occupied, p.lon, p.lat) ? 'occupied' : holds(grey, p.lon, p.lat) ? 'grey' : 'ukraine',
  );
}

/**
 * Orders places by oblast (ISO code, places without one last), then name, then GeoNames id.
 * @example changes.sort(byOblastThenName)
 */
export function byOblastThenName(a: Settlement, b: Settlement): number {
  const oa = a.oblast ?? '\uffff';
  const ob = b.oblast ?? '\uffff';
  if (oa !== ob) return oa < ob ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id - b.id;
}

/**
 * The places whose class differs between the classes `from` and `to` (as {@link placeClasses} gives them for the
 * same `places`), sorted by oblast then name.
 * @example changedPlaces(places, placeClasses(a, places), placeClasses(b, places))
 */
export function changedPlaces(
  places: readonly Settlement[],
  from: readonly PlaceClass[],
  to: readonly PlaceClass[],
): SettlementChange[] {
  if (from.length !== places.length || to.length !== places.length) {
    throw new Error('changedPlaces: one class per place is needed on each date');
  }
  const out: SettlementChange[] = [];
  places.forEach((p, i) => {
    if (from[i] !== to[i]) out.push({ ...p, from: from[i]!, to: to[i]! });
  });
  return out.sort(byOblastThenName);
}

/**
 * Every place of `places` whose point lies in territory of a different class in snapshot `a` and snapshot `b`.
 * @example settlementsChanged(a.snapshot, b.snapshot, places).filter((s) => s.to === 'occupied').length
 */
export function settlementsChanged(
  a: Snapshot,
  b: Snapshot,
  places: readonly Settlement[],
): SettlementChange[] {
  return changedPlaces(places, placeClasses(a, places), placeClasses(b, places));
}

/** Taken: a place that came into occupied territory. Retaken: a place that left it. Grey ↔ ukraine is neither. */
export const isTaken = (s: { from: PlaceClass; to: PlaceClass }): boolean =>
  s.to === 'occupied' && s.from !== 'occupied';
export const isRetaken = (s: { from: PlaceClass; to: PlaceClass }): boolean =>
  s.from === 'occupied' && s.to !== 'occupied';

/**
 * Places taken (gained by the occupier) and retaken (lost by it) within each region, in the regions' order: by the
 * place's oblast code for oblasts (so the nearest-outline rule of the gazetteer holds), by point-in-polygon for any
 * other region (focus areas, a user's areas; a point on the edge counts as inside).
 * @example settlementCounts(changes, focusAreas, 'polygon')[0] // { settlementsGained: 3, settlementsLost: 0 }
 */
export function settlementCounts(
  changes: readonly SettlementChange[],
  regions: readonly Region[],
  by: 'oblast' | 'polygon',
): { settlementsGained: number; settlementsLost: number }[] {
  return regions.map((r) => {
    const inside =
      by === 'oblast'
        ? changes.filter((s) => s.oblast === r.properties.id)
        : changes.filter((s) => pointInPolygon([s.lon, s.lat], r));
    return {
      settlementsGained: inside.filter(isTaken).length,
      settlementsLost: inside.filter(isRetaken).length,
    };
  });
}
