/**
 * The dates of a history series: every day, every 7 days from `from`, or month ends (monthly figures are "last
 * snapshot of month M−1 → last snapshot of M", as the press reports them).
 */
export type Step = 'day' | 'week' | 'month';

const addDays = (d: string, n: number): string =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const monthEnd = (y: number, m0: number): string =>
  new Date(Date.UTC(y, m0 + 1, 0)).toISOString().slice(0, 10);

/**
 * @example stepDates('2024-12-31', '2025-03-31', 'month') // ['2024-12-31', '2025-01-31', '2025-02-28', '2025-03-31']
 */
export function stepDates(from: string, to: string, step: Step): string[] {
  const out: string[] = [];
  if (step === 'month') {
    out.push(from);
    let y = Number(from.slice(0, 4));
    let m = Number(from.slice(5, 7)) - 1;
    for (;;) {
      const end = monthEnd(y, m);
      if (end > to) break;
      if (end > from) out.push(end);
      m++;
      if (m === 12) {
        m = 0;
        y++;
      }
    }
    if (out[out.length - 1] !== to) out.push(to);
    return out;
  }
  const n = step === 'day' ? 1 : 7;
  for (let d = from; d <= to; d = addDays(d, n)) out.push(d);
  return out;
}
