/**
 * The snapshot model shared by every source, the UI, the worker and the CLI.
 * A snapshot is one dated state of the front: polygons sorted into territory classes.
 */
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';

/**
 * Territory classes, after DeepStateMap's own legend (see docs/data.md):
 * - `occupied`: occupied since 24 Feb 2022
 * - `occupied_pre2022`: occupied before 24 Feb 2022 (Crimea, parts of Donetsk and Luhansk oblasts)
 * - `grey`: grey zone / status unknown
 * - `liberated`: liberated by Ukraine
 */
export type TerritoryClass = 'occupied' | 'occupied_pre2022' | 'grey' | 'liberated';

/** All classes, in legend order. */
export const TERRITORY_CLASSES: readonly TerritoryClass[] = [
  'occupied',
  'occupied_pre2022',
  'grey',
  'liberated',
];

/** English labels for the classes, as shown in the legend, the panel and the CSV. */
export const CLASS_LABELS: Readonly<Record<TerritoryClass, string>> = {
  occupied: 'Occupied since 24 Feb 2022',
  occupied_pre2022: 'Occupied before 24 Feb 2022',
  grey: 'Grey zone',
  liberated: 'Liberated',
};

export type AreaGeometry = Polygon | MultiPolygon;

export interface TerritoryProperties {
  cls: TerritoryClass;
  /** The source's own name for the feature, cleaned of stray whitespace (plain text, never HTML). */
  name: string;
  /** Index of the feature in the source's FeatureCollection, for error messages. */
  sourceIndex: number;
  /**
   * True for territory DeepState marks as lying inside Russia (grey drawn #bdbdbd). It is drawn, but kept out of
   * Ukraine's class totals, as DeepState's own `unspecified` figure does.
   */
  inRussia?: boolean;
}

export type TerritoryFeature = Feature<AreaGeometry, TerritoryProperties>;

export interface MarkerProperties {
  name: string;
  key: string;
  sourceIndex: number;
}

/** One published version of a source (e.g. one DeepStateMap map version). */
export interface Version {
  /** The source's id for the version, as a string (DeepState: Unix seconds). */
  id: string;
  /** Publication time, ISO 8601 UTC. */
  createdAt: string;
  /** Publication date in UTC, `YYYY-MM-DD`. */
  date: string;
  description?: string;
}

export interface Snapshot {
  /** Catalogue id of the source, e.g. `deepstate-api`. */
  source: string;
  version: Version;
  territories: TerritoryFeature[];
  /** Unit and point markers, kept aside for later use. */
  markers: Feature<Point, MarkerProperties>[];
  /** Things the parser repaired or skipped, in words a person can act on. */
  warnings: string[];
  /**
   * True when the source does not separate the areas occupied before 24 Feb 2022, so `occupied` holds all
   * occupied territory (the daily archive).
   */
  occupiedIncludesPre2022?: boolean;
}

/**
 * What a parser or validator returns: the value with what it repaired (`warnings`), or the problems, each in words a
 * person can act on (STYLE.md habit 4). Lives here, below every parser, so none imports another for it.
 */
export type Parsed<T> = { ok: true; value: T; warnings: string[] } | { ok: false; issues: string[] };

/** The change of one class between two snapshots (changeBetween, and the windowed overlay it falls back on). */
export interface Change {
  areaFromKm2: number;
  areaToKm2: number;
  gainedKm2: number;
  lostKm2: number;
  netKm2: number;
  gained: AreaGeometry | null;
  lost: AreaGeometry | null;
}
