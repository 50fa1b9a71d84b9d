/**
 * Dates of user files (the `folder` source, issue #3): from a file name (`*YYYY-MM-DD*`, `*YYYYMMDD*`) or from a
 * `date` property. Dates are ISO `YYYY-MM-DD` in UTC, like everywhere in the project (src/core/model/dates.ts).
 */
import { isIsoDate } from '../model/dates.ts';

/**
 * A date written `YYYY-MM-DD`, `YYYYMMDD`, `YYYY_MM_DD` or `YYYY.MM.DD` (one separator throughout), not part of a
 * longer run of digits (so a Unix timestamp such as 1754077960 is not read as a date), years 1900–2099.
 */
const NAME_DATE = /(?<!\d)((?:19|20)\d{2})([-_.]?)(\d{2})\2(\d{2})(?!\d)/gu;

/**
 * Every distinct real calendar date written in a file name, in order of appearance.
 * @example datesInName('isw_20250801_to_2025-08-15.geojson') // ['2025-08-01', '2025-08-15']
 */
export function datesInName(name: string): string[] {
  const out: string[] = [];
  for (const m of name.matchAll(NAME_DATE)) {
    const date = `${m[1]}-${m[3]}-${m[4]}`;
    if (isIsoDate(date) && !out.includes(date)) out.push(date);
  }
  return out;
}

/**
 * The date of a file from its name, or null when the name holds no date or several (ambiguous: give it explicitly).
 * Only the last path segment counts, so a folder named after a date does not date every file in it.
 * @example dateFromName('frontline-2025-08-15.geojson') // '2025-08-15'
 * @example dateFromName('deepstatemap_data_20250815.geojson') // '2025-08-15'
 */
export function dateFromName(path: string): string | null {
  const name = path.split(/[\\/]/u).pop() ?? '';
  const dates = datesInName(name);
  return dates.length === 1 ? dates[0]! : null;
}

/**
 * A date from a property value: `2025-08-15`, an ISO date-time (its UTC date), `20250815` (string or number) or
 * `15.08.2025` (day first, as written in Ukraine and most of Europe). Null for anything else.
 * @example dateFromValue('2025-08-15T23:30:00-02:00') // '2025-08-16'
 * @example dateFromValue(20250815) // '2025-08-15'
 */
export function dateFromValue(value: unknown): string | null {
  const s = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof s !== 'string') return null;
  const v = s.trim();
  const day = v.slice(0, 10); // taken before isIsoDate narrows `v`
  if (isIsoDate(v)) return v;
  let m = /^(\d{4})(\d{2})(\d{2})$/u.exec(v);
  if (m) return isIsoDate(`${m[1]}-${m[2]}-${m[3]}`) ? `${m[1]}-${m[2]}-${m[3]}` : null;
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/u.exec(v);
  if (m) {
    const date = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    return isIsoDate(date) ? date : null;
  }
  // A date-time needs a time zone to have a UTC date; without one it is read as written. Its date part must be a
  // calendar date: Date.parse('2025-02-30T10:00Z') quietly rolls over to 2 March.
  if (!isIsoDate(day) && /^\d{4}-\d{2}-\d{2}[T ]/u.test(v)) return null;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/u.test(v)) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
  }
  m = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/u.exec(v);
  return m && isIsoDate(m[1]) ? m[1] : null;
}

/**
 * Dates written in a file name that are not in the calendar (`2025-02-30`, `20251301`), so that "no date" can say
 * which one was meant and why it was not taken.
 * @example impossibleDatesInName('lines-2025-02-30.geojson') // ['2025-02-30']
 */
export function impossibleDatesInName(name: string): string[] {
  const out: string[] = [];
  for (const m of name.matchAll(NAME_DATE)) {
    const date = `${m[1]}-${m[3]}-${m[4]}`;
    if (!isIsoDate(date) && !out.includes(date)) out.push(date);
  }
  return out;
}

/**
 * A property value written like a date (`YYYY-MM-DD…`, `YYYYMMDD`, `DD.MM.YYYY`) that is not a calendar date, as
 * written; null for real dates and for values that do not look like dates at all.
 * @example impossibleDate('2025-02-30') // '2025-02-30'
 * @example impossibleDate('2025-02-28') // null
 */
export function impossibleDate(value: unknown): string | null {
  const s = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof s !== 'string') return null;
  const v = s.trim();
  const looksLikeDate = /^\d{4}-\d{2}-\d{2}(?:$|[T ])|^\d{8}$|^\d{1,2}\.\d{1,2}\.\d{4}$/u.test(v);
  return looksLikeDate && dateFromValue(v) === null ? v.slice(0, 40) : null;
}
