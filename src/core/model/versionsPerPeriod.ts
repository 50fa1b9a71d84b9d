/**
 * Thinning a version list to one version per day, ISO week or month (for `frontline sync --step`, issue #3).
 */
import { shiftDate } from './dates.ts';
import type { Version } from './model.ts';
import type { Step } from './stepDates.ts';

export const STEPS: readonly Step[] = ['day', 'week', 'month'];

/** The Monday (UTC) of the ISO week holding `date`. */
function weekOf(date: string): string {
  const dayFromMonday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return shiftDate(date, -dayFromMonday);
}

/**
 * The period a date falls in: the date itself, the Monday of its ISO week, or `YYYY-MM`.
 * @example periodOf('2025-08-15', 'week') // '2025-08-11'
 */
export function periodOf(date: string, step: Step): string {
  if (step === 'day') return date;
  if (step === 'week') return weekOf(date);
  return date.slice(0, 7);
}

/**
 * The versions dated `from`…`to` (inclusive), keeping the last published one of each period: the state of the map at
 * the end of that day, week or month. Input order does not matter; output is oldest first.
 * @example versionsPerPeriod(versions, { from: '2025-08-01', to: '2025-08-31', step: 'week' }).length // 5
 */
export function versionsPerPeriod(
  versions: readonly Version[],
  { from, to, step }: { from: string; to: string; step: Step },
): Version[] {
  const last = new Map<string, Version>();
  for (const v of versions) {
    if (v.date < from || v.date > to) continue;
    const key = periodOf(v.date, step);
    const seen = last.get(key);
    if (!seen || v.createdAt > seen.createdAt || (v.createdAt === seen.createdAt && v.id > seen.id))
      last.set(key, v);
  }
  return [...last.values()].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}
