/**
 * Stepping through a source's dates (the timeline, issue #5): where a step lands and which dates to read ahead.
 * `dates` is always the source's available dates, ascending.
 */
import { shiftDate } from '../core/index.ts';

/** A step of the timeline: days (±1 a day, ±7 a week) and months. */
export interface Stride {
  days: number;
  months: number;
}

/**
 * The index of the newest date on or before `date` (0 when none is).
 * @example indexOnOrBefore(['2025-01-01', '2025-01-03'], '2025-01-02') // 0
 */
export function indexOnOrBefore(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (dates[mid]! <= date) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The dates the next two steps from `date` would show, to be read while the user looks at this one: the two
 * neighbouring dates in the step's direction for a step of a day or none (slider, date input), else the dates two
 * more steps of the same stride reach (a week or a month on). Never `date` itself, never twice.
 * @example readAhead(dates, '2025-03-01', true, { days: 0, months: 1 }) // ['2025-04-01', '2025-05-01']
 */
export function readAhead(
  dates: readonly string[],
  date: string,
  forward: boolean,
  stride: Stride,
): string[] {
  const i = indexOnOrBefore(dates, date);
  if (Math.abs(stride.days) <= 1 && stride.months === 0)
    return forward ? dates.slice(i + 1, i + 3) : dates.slice(Math.max(0, i - 2), i).reverse();
  const reached = [1, 2].map(
    (n) => dates[indexOnOrBefore(dates, shiftDate(date, n * stride.days, n * stride.months))]!,
  );
  return [...new Set(reached)].filter((d) => d !== dates[i]);
}
