/**
 * Names of oblasts and focus areas in both languages, from geodata/*.geojson (`name_en`, `name_uk`), so tables and
 * tooltips name places in the reader's language. Focus areas are bundled (src/ui/focusAreas.ts); the oblasts are
 * registered by OblastLayers when it has loaded them (no second fetch of 400 kB); until then an oblast keeps the
 * English name the report carries.
 */
import { FOCUS_AREAS } from '../focusAreas.ts';
import { locale } from './locale.svelte.ts';

export interface PlaceName {
  /** ISO 3166-2 code of an oblast (`UA-14`) or a focus area's id (`pokrovsk-area`). */
  id: string;
  en: string;
  uk: string;
}

class PlaceNames {
  byId = $state.raw<Readonly<Record<string, PlaceName>>>({});
}

const places = new PlaceNames();
registerPlaceNames(
  FOCUS_AREAS.features.map((f) => ({
    id: f.properties.id,
    en: f.properties.name_en,
    uk: f.properties.name_uk,
  })),
);

/**
 * @example registerPlaceNames([{ id: 'UA-14', en: 'Donetsk', uk: 'Донецька область' }])
 */
export function registerPlaceNames(names: Iterable<PlaceName>): void {
  const next = { ...places.byId };
  for (const n of names) if (n.id && n.en && n.uk) next[n.id] = n;
  places.byId = next;
}

/**
 * A place's name in the current language; `fallback` (the English name from a report) until names are known.
 * @example placeName('UA-14', 'Donetsk') // 'Донецька область' in Ukrainian
 */
export function placeName(id: string, fallback: string): string {
  const p = places.byId[id];
  if (!p) return fallback;
  return locale.current === 'uk' ? p.uk : p.en;
}
