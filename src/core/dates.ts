/** Calendar-date helpers. Dates are ISO `YYYY-MM-DD` strings in UTC throughout the project. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/**
 * Whether `s` is a real calendar date written `YYYY-MM-DD` (rejects 2025-02-30).
 * @example isIsoDate('2025-08-15') // true
 */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/**
 * Days from `a` to `b` (both `YYYY-MM-DD`).
 * @example daysBetween('2025-08-15', '2025-11-20') // 97
 */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
