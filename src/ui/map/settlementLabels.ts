/**
 * Which places the map names at which zoom (issue #12). The gazetteer (geodata/settlements.geojson) holds ~2,800
 * places; the map shows the larger ones first and adds smaller ones as you zoom in, and MapLibre's collision
 * detection drops any label that would overlap one already placed, larger places first (symbol-sort-key). The
 * tiers keep the whole-country view to about 50 names (cities of 80,000 and more), so it stays a readable map
 * rather than a field of labels fighting for room.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';

/** A place as the gazetteer has it (issue #12, `geodata/settlements.geojson`). */
export interface SettlementProperties {
  id: number;
  name_en: string;
  name_uk: string | null;
  name_source?: string;
  population: number;
  oblast: string | null;
}

/** What the map's source carries for a place: names, population and the first zoom it is named at. */
export interface SettlementLabel {
  id: number;
  en: string;
  /** The Ukrainian name, or the English one where the gazetteer has none. */
  uk: string;
  pop: number;
  /** The lowest zoom at which the place is shown. */
  z: number;
}

/** From the largest places down: at least this population → shown from this zoom on. */
export const SETTLEMENT_TIERS: readonly { population: number; zoom: number }[] = [
  { population: 250_000, zoom: 0 },
  { population: 80_000, zoom: 5 },
  { population: 30_000, zoom: 6 },
  { population: 10_000, zoom: 7 },
  { population: 3_000, zoom: 8 },
  { population: 0, zoom: 9 },
];

/**
 * The first zoom a place of this population is shown at.
 * @example labelMinZoom(60_127) // 6 (Pokrovsk)
 */
export function labelMinZoom(population: number): number {
  for (const t of SETTLEMENT_TIERS) if (population >= t.population) return t.zoom;
  return SETTLEMENT_TIERS[SETTLEMENT_TIERS.length - 1]!.zoom;
}

/**
 * A place in the compact form the app ships for its labels: `[id, lon, lat, population, English name, Ukrainian
 * name or null]`. About a quarter of the gazetteer's GeoJSON (159 KB of 634 KB), since the map needs no oblast, no
 * source name and no GeoJSON wrapping (src/server/settlementLabelsPlugin.ts).
 */
export type SettlementRow = [
  id: number,
  lon: number,
  lat: number,
  pop: number,
  en: string,
  uk: string | null,
];

/**
 * The places named at the country scale: those shown from this zoom or below. They come with the app's own script,
 * so the first view names them without waiting for the rest (issue #12: a cold load with labels as fast as without).
 */
export const SETTLEMENT_COUNTRY_MAX_ZOOM = 6;

/**
 * The gazetteer as compact rows, largest places first (ties by id), each once, with a name.
 * @example settlementRows(gazetteer)[0] // [703448, 30.52, 50.45, 2797553, 'Kyiv', 'Київ']
 */
export function settlementRows(gazetteer: FeatureCollection<Point, SettlementProperties>): SettlementRow[] {
  const rows: SettlementRow[] = gazetteer.features
    .filter((f) => f.geometry?.type === 'Point' && f.properties?.name_en)
    .map((f) => [
      f.properties.id,
      f.geometry.coordinates[0]!,
      f.geometry.coordinates[1]!,
      f.properties.population,
      f.properties.name_en,
      f.properties.name_uk || null,
    ]);
  rows.sort((a, b) => b[3] - a[3] || a[0] - b[0]);
  return rows;
}

/**
 * Splits the rows into the country tier (named from zoom SETTLEMENT_COUNTRY_MAX_ZOOM or below) and the rest.
 * @example splitSettlementRows(rows).country.length // 137 with the cities500 gazetteer
 */
export function splitSettlementRows(rows: readonly SettlementRow[]): {
  country: SettlementRow[];
  rest: SettlementRow[];
} {
  const country = rows.filter((r) => labelMinZoom(r[3]) <= SETTLEMENT_COUNTRY_MAX_ZOOM);
  const rest = rows.filter((r) => labelMinZoom(r[3]) > SETTLEMENT_COUNTRY_MAX_ZOOM);
  return { country, rest };
}

/**
 * Compact rows as the map's source: names, population and the first zoom each place is shown at, largest first
 * (the order MapLibre also places them in when their sort keys tie).
 * @example settlementLabels(rows).features[0].properties // { id: 703448, en: 'Kyiv', uk: 'Київ', pop: …, z: 0 }
 */
export function settlementLabels(rows: readonly SettlementRow[]): FeatureCollection<Point, SettlementLabel> {
  const features: Feature<Point, SettlementLabel>[] = rows.map(([id, lon, lat, pop, en, uk]) => ({
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: { id, en, uk: uk || en, pop, z: labelMinZoom(pop) },
  }));
  features.sort((a, b) => b.properties.pop - a.properties.pop || a.properties.id - b.properties.id);
  return { type: 'FeatureCollection', features };
}

/**
 * The gazetteer as the map's source (settlementRows, then settlementLabels).
 * @example toSettlementLabels(gazetteer).features[0].properties // { id: 703448, en: 'Kyiv', uk: 'Київ', … }
 */
export function toSettlementLabels(
  gazetteer: FeatureCollection<Point, SettlementProperties>,
): FeatureCollection<Point, SettlementLabel> {
  return settlementLabels(settlementRows(gazetteer));
}
