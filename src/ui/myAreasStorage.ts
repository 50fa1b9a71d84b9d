/**
 * Areas of your own kept in the browser (issue #5): read, written and set aside in `localStorage` under a versioned
 * key. What comes back from storage is untrusted — another tab, an extension or a person with the developer tools
 * may have written it — so it takes the path every file takes (parseGeoJsonText, then parseUserAreas, the rules of
 * `frontline change --areas FILE`). Text that fails is never silently dropped: it is moved aside under its own key
 * (or, if storage is too full to copy it, left where it is and not overwritten) until the user downloads or
 * discards it.
 *
 * No Svelte and no DOM beyond the `Storage` interface, so it is tested in Node with an in-memory storage.
 */
import {
  parseGeoJsonText,
  parseUserAreas,
  userAreasGeoJson,
  type NamedArea,
  type Parsed,
} from '../core/index.ts';

/** The stored areas: a GeoJSON FeatureCollection, the same text as the export. `v1`: bump it if the format changes. */
export const MY_AREAS_KEY = 'frontline.myAreas.v1';
/** Unreadable stored text is moved to this prefix plus the time it was found, e.g. `…unreadable.2025-11-20T10:00:00.000Z`. */
export const ASIDE_PREFIX = 'frontline.myAreas.v1.unreadable.';
/** Most areas kept: each one is a region of every comparison the worker computes. */
export const MAX_MY_AREAS = 50;
/** Largest file of areas read (import or storage); browsers give an origin about 5 MB of local storage in all. */
export const MAX_MY_AREAS_BYTES = 2_000_000;

/**
 * The polygons of a file (or stored text) of areas, named as the CLI names them, or the issues why not.
 * @example readAreas(await file.text(), file.name) // { ok: true, value: [{ name: 'Pokrovsk ring', geometry }], warnings: [] }
 */
export function readAreas(text: string, label: string): Parsed<NamedArea[]> {
  const parsed = parseGeoJsonText(text, { label, maxBytes: MAX_MY_AREAS_BYTES });
  if (!parsed.ok) return parsed;
  const areas = parseUserAreas(parsed.value, { label });
  if (!areas.ok) return areas;
  if (areas.value.length > MAX_MY_AREAS) {
    return {
      ok: false,
      issues: [`${label}: ${areas.value.length} areas; at most ${MAX_MY_AREAS} are kept — split the file`],
    };
  }
  return {
    ok: true,
    value: areas.value.map((r) => ({ name: r.properties.name_en, geometry: r.geometry })),
    warnings: [...parsed.warnings, ...areas.warnings],
  };
}

/**
 * The text of areas as exported and stored: a FeatureCollection that `frontline change --areas FILE` reads.
 * @example writeAreas([{ name: 'Pokrovsk ring', geometry }]) // '{"type":"FeatureCollection","features":[…]}'
 */
export const writeAreas = (areas: readonly NamedArea[]): string => JSON.stringify(userAreasGeoJson(areas));

/** What was found in storage at start. */
export interface Restored {
  areas: NamedArea[];
  /** Why storage cannot be used at all (turned off, blocked); areas then last as long as the page. */
  unavailable?: string;
  /** Problems of the stored text, when it was not (wholly) readable. */
  problems: string[];
  /** Where that text is kept now: an aside key, or MY_AREAS_KEY itself when storage was too full to copy it. */
  keptAs?: string;
}

/** The text kept aside under one key, with its problems read again. */
export interface Aside {
  key: string;
  text: string;
  problems: string[];
}

const message = (err: unknown): string =>
  err instanceof Error ? `${err.name}: ${err.message}` : String(err);

/**
 * Reads the stored areas. Text as this app writes it gives its areas. Anything else — invalid JSON, not GeoJSON, a
 * polygon repaired or a feature left out, too big — is moved aside with its problems listed; the readable part, if
 * any, is kept and written back clean.
 * @example const { areas, problems, keptAs } = restoreAreas(localStorage, new Date().toISOString());
 */
export function restoreAreas(storage: Storage | null, now: string): Restored {
  if (!storage)
    return { areas: [], unavailable: 'this browser gives the page no local storage', problems: [] };
  let text: string | null;
  try {
    text = storage.getItem(MY_AREAS_KEY);
  } catch (err) {
    return { areas: [], unavailable: `local storage cannot be read (${message(err)})`, problems: [] };
  }
  if (text === null) return { areas: [], problems: [] };
  const read = readAreas(text, 'stored areas');
  // Text exactly as this app writes it loses nothing when read (a warning such as a self-intersection is no loss);
  // anything else — repaired, reformatted, partly left out, unreadable — is kept aside as it was.
  if (read.ok && writeAreas(read.value) === text) return { areas: read.value, problems: [] };
  const problems = read.ok
    ? read.warnings.length
      ? read.warnings
      : ['stored areas: not in the form this app writes (edited by hand or by another program?)']
    : read.issues;
  const areas = read.ok ? read.value : [];
  const aside = `${ASIDE_PREFIX}${now}`;
  try {
    storage.setItem(aside, text);
  } catch {
    // Too full to copy it: it stays under the main key, which is then not written until the user decides.
    return { areas, problems, keptAs: MY_AREAS_KEY };
  }
  try {
    if (areas.length) storage.setItem(MY_AREAS_KEY, writeAreas(areas));
    else storage.removeItem(MY_AREAS_KEY);
  } catch {
    // The copy is safe aside; the main key still holds the same text and is read (and set aside) again next time.
  }
  return { areas, problems, keptAs: aside };
}

/**
 * Everything kept aside, oldest first, with its problems.
 * @example listAside(localStorage).map((a) => a.key)
 */
export function listAside(storage: Storage | null): Aside[] {
  if (!storage) return [];
  const out: Aside[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(ASIDE_PREFIX)) continue;
      const text = storage.getItem(key) ?? '';
      const read = readAreas(text, 'stored areas');
      out.push({ key, text, problems: read.ok ? read.warnings : read.issues });
    }
  } catch {
    return out;
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Writes the areas (an empty list removes the key, since a collection without polygons would not read back).
 * Returns null when saved, else why not, in words.
 * @example saveAreas(localStorage, areas) // null
 */
export function saveAreas(storage: Storage | null, areas: readonly NamedArea[]): string | null {
  if (!storage) return 'this browser gives the page no local storage';
  try {
    if (areas.length === 0) storage.removeItem(MY_AREAS_KEY);
    else storage.setItem(MY_AREAS_KEY, writeAreas(areas));
    return null;
  } catch (err) {
    return `the browser refused to store them (${message(err)})`;
  }
}

/** The page's local storage, or null where using it throws (storage turned off, sandboxed frames). */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
