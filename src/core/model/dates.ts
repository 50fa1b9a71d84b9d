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

/**
 * `date` moved by `months`, then by `days` (the day overflows as `Date` does: 01-31 + 1 month = 03-03). The one date
 * stepper of the project: history steps, the timeline's buttons and the charts' month ends all go through it.
 * @example shiftDate('2025-01-31', 7) // '2025-02-07'
 * @example shiftDate('2025-01-31', 0, 1) // '2025-03-03'
 */
export function shiftDate(date: string, days: number, months = 0): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCMonth(t.getUTCMonth() + months);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/**
 * The last day of every month from `from`'s month on, up to `to` inclusive.
 * @example monthEnds('2024-12-15', '2025-03-30') // ['2024-12-31', '2025-01-31', '2025-02-28']
 */
export function monthEnds(from: string, to: string): string[] {
  const out: string[] = [];
  for (let first = `${from.slice(0, 7)}-01`; ; first = shiftDate(first, 0, 1)) {
    const end = shiftDate(shiftDate(first, 0, 1), -1);
    if (end > to) return out;
    out.push(end);
  }
}
