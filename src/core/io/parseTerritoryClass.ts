/**
 * Territory classes named in users' files (the `folder` source, issue #3): the project's own ids, DeepState's area
 * types and i18n keys, and common English and Ukrainian wordings, so ISW exports and hand digitising load alike.
 */
import { TERRITORY_CLASSES, type TerritoryClass } from '../model/model.ts';

/** Properties that may name the class, in the order they are tried. */
export const CLASS_PROPERTIES: readonly string[] = ['class', 'cls', 'status'];

/** Exact names, after normalisation (lower case, runs of other characters → `_`). */
const EXACT: Readonly<Record<string, TerritoryClass>> = {
  occupied: 'occupied',
  occupation: 'occupied',
  occupied_after_24_02_2022: 'occupied', // DeepState /history/{id}/areas
  occupied_since_2022: 'occupied',
  russian_controlled: 'occupied',
  russia_controlled: 'occupied',
  russian_control: 'occupied',
  ru: 'occupied',
  окуповано: 'occupied',
  окупована: 'occupied',
  окупована_територія: 'occupied',
  geojson_status_occupied: 'occupied',
  occupied_pre2022: 'occupied_pre2022',
  occupied_pre_2022: 'occupied_pre2022',
  occupied_before_2022: 'occupied_pre2022',
  occupied_to_24_02_2022: 'occupied_pre2022', // DeepState /history/{id}/areas
  occupied_before_24_feb_2022: 'occupied_pre2022',
  occupied_since_2014: 'occupied_pre2022',
  pre2022: 'occupied_pre2022',
  pre_2022: 'occupied_pre2022',
  crimea: 'occupied_pre2022',
  ordlo: 'occupied_pre2022',
  geojson_territories_crimea: 'occupied_pre2022',
  geojson_territories_ordlo: 'occupied_pre2022',
  geojson_territories_tuzla: 'occupied_pre2022',
  grey: 'grey',
  gray: 'grey',
  grey_zone: 'grey',
  gray_zone: 'grey',
  greyzone: 'grey',
  grayzone: 'grey',
  contested: 'grey',
  disputed: 'grey',
  unknown: 'grey',
  unspecified: 'grey', // DeepState /history/{id}/areas
  сіра_зона: 'grey',
  невідомо: 'grey',
  geojson_status_unknown: 'grey',
  liberated: 'liberated',
  liberation: 'liberated',
  deoccupied: 'liberated',
  de_occupied: 'liberated',
  regained: 'liberated',
  recaptured: 'liberated',
  dismissed: 'liberated',
  звільнено: 'liberated',
  звільнена: 'liberated',
  деокуповано: 'liberated',
  geojson_status_dismissed: 'liberated',
  geojson_status_dismissed_at: 'liberated',
};

/**
 * Longer wordings (ISW layer titles and the like), tried in order when no exact name matches. Pre-2022 comes before
 * plain "occupied" because "occupied before 2022" contains both; ISW's "assessed Russian advances" are areas Russian
 * forces operated in without controlling them, which is what the grey class means.
 */
const CONTAINS: readonly [RegExp, TerritoryClass][] = [
  [
    /crimea|ordlo|before_(24_)?(feb(ruary)?_)?2022|pre_?2022|since_2014|prior_to_(the_)?(full_scale_)?invasion/u,
    'occupied_pre2022',
  ],
  [/liberat|counteroffensive|counter_offensive|regained|recaptured|de_?occupied|звільн/u, 'liberated'],
  [/grey|gray|contested|disputed|advance|unknown|сір/u, 'grey'],
  [/occupied|russian_controlled|russian_control|under_russian|окупов/u, 'occupied'],
];

const normalise = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\{\{.*$/u, '') // DeepState's `dismissed_at {{at:dd.mm}}` parameters
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/gu, '');

/**
 * The territory class a property value names, or null when it names none.
 * @example parseTerritoryClass('Occupied') // 'occupied'
 * @example parseTerritoryClass('Assessed Russian Advances in Ukraine') // 'grey'
 * @example parseTerritoryClass('geoJSON.status.dismissed_at {{at:25.03}}') // 'liberated'
 */
export function parseTerritoryClass(value: unknown): TerritoryClass | null {
  if (typeof value !== 'string') return null;
  const key = normalise(value);
  if (!key) return null;
  if ((TERRITORY_CLASSES as readonly string[]).includes(key)) return key as TerritoryClass;
  // "Unoccupied" / "not occupied" contain "occupied" but name no class here: never count them as occupied.
  if (/(^|_)(un|non_?|not_)occupied/u.test(key)) return null;
  const exact = EXACT[key];
  if (exact) return exact;
  for (const [pattern, cls] of CONTAINS) if (pattern.test(key)) return cls;
  return null;
}
