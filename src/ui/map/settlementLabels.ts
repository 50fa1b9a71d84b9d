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
 * The gazetteer as the map's source: compact properties, largest places first (the order MapLibre also places
 * them in when their sort keys tie).
 * @example toSettlementLabels(gazetteer).features[0].properties // { id: 703448, en: 'Kyiv', uk: 'Київ', … }
 */
export function toSettlementLabels(
  gazetteer: FeatureCollection<Point, SettlementProperties>,
): FeatureCollection<Point, SettlementLabel> {
  const features: Feature<Point, SettlementLabel>[] = gazetteer.features
    .filter((f) => f.geometry?.type === 'Point' && f.properties?.name_en)
    .map((f) => ({
      type: 'Feature',
      id: f.properties.id,
      geometry: f.geometry,
      properties: {
        id: f.properties.id,
        en: f.properties.name_en,
        uk: f.properties.name_uk || f.properties.name_en,
        pop: f.properties.population,
        z: labelMinZoom(f.properties.population),
      },
    }));
  features.sort((a, b) => b.properties.pop - a.properties.pop || a.properties.id - b.properties.id);
  return { type: 'FeatureCollection', features };
}
