/**
 * The dates of a history series: every day, every 7 days from `from`, or month ends (monthly figures are "last
 * snapshot of month M−1 → last snapshot of M", as the press reports them).
 */
import { monthEnds, shiftDate } from './dates.ts';

export type Step = 'day' | 'week' | 'month';

/**
 * @example stepDates('2024-12-31', '2025-03-31', 'month') // ['2024-12-31', '2025-01-31', '2025-02-28', '2025-03-31']
 */
export function stepDates(from: string, to: string, step: Step): string[] {
  const out: string[] = [];
  if (step === 'month') {
    out.push(from, ...monthEnds(from, to).filter((end) => end > from));
    if (out[out.length - 1] !== to) out.push(to);
    return out;
  }
  const n = step === 'day' ? 1 : 7;
  for (let d = from; d <= to; d = shiftDate(d, n)) out.push(d);
  return out;
}
