/**
 * Classification of raw DeepStateMap features into territory classes.
 * Format and classes: docs/data.md. The i18n key decides; the fill colour is the fallback
 * for older versions whose names carry no key.
 */
import type { TerritoryClass } from '../model/model.ts';

export interface DeepStateName {
  uk: string;
  en: string;
  /** The i18n key without its `{{…}}` parameters, e.g. `geoJSON.status.dismissed_at`; '' when absent. */
  key: string;
  /** The raw `{{…}}` parameter text, e.g. `at:25.03`, or '' when absent. */
  params: string;
}

export type DeepStateKind =
  | { kind: 'territory'; cls: TerritoryClass; inRussia?: boolean }
  | { kind: 'satire' }
  | { kind: 'marker' }
  | { kind: 'unknown' };

const squash = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/**
 * Splits a DeepState `properties.name` (`"UA /// EN /// key"` or the older `"UA /// EN"`) into its parts,
 * tolerating stray spaces, non-breaking spaces and newlines.
 * @example parseDeepStateName('Окуповано /// Occupied /// geoJSON.status.occupied').key // 'geoJSON.status.occupied'
 */
export function parseDeepStateName(raw: unknown): DeepStateName {
  const parts = typeof raw === 'string' ? raw.split('///').map(squash) : [];
  const [uk = '', en = '', keyPart = ''] = parts;
  // An unterminated parameter (`{{at:27.03 -`) occurs in real data: cut at the first `{{` regardless.
  const brace = keyPart.indexOf('{{');
  const key = (brace >= 0 ? keyPart.slice(0, brace) : keyPart).trim();
  const params =
    brace >= 0
      ? keyPart
          .slice(brace + 2)
          .replace(/\}\}\s*$/u, '')
          .trim()
      : '';
  return { uk, en, key, params };
}

const FILL_CLASSES: Readonly<Record<string, TerritoryClass>> = {
  '#a52714': 'occupied',
  '#880e4f': 'occupied_pre2022',
  '#bcaaa4': 'grey',
  '#bdbdbd': 'grey',
  '#0f9d58': 'liberated',
  '#0288d1': 'liberated',
  '#01579b': 'liberated',
};

/** Names of the pre-2022 occupied areas in keyless 2022 versions (`Крим`, `Окупований Крим`, `ОРДЛО`, `Острів Тузла`). */
const PRE2022_NAMES = /(?:^|\s)(?:Крим|Crimea|ОРДЛО|ORDLO|Острів Тузла|Tuzla)/iu;

/** Pre-2022 occupation keys; every other `geoJSON.territories.*` is a satirical overlay. */
const PRE2022_TERRITORIES = new Set(['crimea', 'ordlo', 'tuzla']);

/**
 * Classifies one raw DeepState feature by its i18n key, falling back to its fill colour.
 * @example classifyDeepState({ name: 'Звільнено /// Liberated /// geoJSON.status.dismissed_at {{at:25.03}}' }, 'Polygon')
 *   // { kind: 'territory', cls: 'liberated' }
 */
export function classifyDeepState(
  properties: Readonly<Record<string, unknown>> | null | undefined,
  geometryType: string,
): DeepStateKind {
  if (geometryType === 'Point' || geometryType === 'MultiPoint' || geometryType === 'LineString') {
    return { kind: 'marker' };
  }
  const { key } = parseDeepStateName(properties?.['name']);
  if (key.startsWith('geoJSON.territories.')) {
    const which = key.slice('geoJSON.territories.'.length);
    return PRE2022_TERRITORIES.has(which)
      ? { kind: 'territory', cls: 'occupied_pre2022' }
      : { kind: 'satire' };
  }
  if (key === 'geoJSON.status.occupied') return { kind: 'territory', cls: 'occupied' };
  const fill = typeof properties?.['fill'] === 'string' ? properties['fill'].trim().toLowerCase() : '';
  if (key === 'geoJSON.status.unknown') {
    return fill === '#bdbdbd'
      ? { kind: 'territory', cls: 'grey', inRussia: true }
      : { kind: 'territory', cls: 'grey' };
  }
  if (key === 'geoJSON.status.dismissed' || key === 'geoJSON.status.dismissed_at') {
    return { kind: 'territory', cls: 'liberated' };
  }
  if (key.startsWith('geoJSON.units.') || key === 'geoJSON.status.attack_direction')
    return { kind: 'marker' };
  // The first 2022 versions draw Crimea, ORDLO and Tuzla in black with no key: known by name only.
  const { uk, en } = parseDeepStateName(properties?.['name']);
  if (!key && PRE2022_NAMES.test(`${uk} ${en}`)) return { kind: 'territory', cls: 'occupied_pre2022' };
  // #ff5252 is the satirical overlays' colour; without a key it is still never front line.
  if (fill === '#ff5252') return { kind: 'satire' };
  const cls = FILL_CLASSES[fill];
  if (!cls) return { kind: 'unknown' };
  return fill === '#bdbdbd' ? { kind: 'territory', cls, inRussia: true } : { kind: 'territory', cls };
}
