/** The one date stepper (issue #14): shiftDate, monthEnds and stepDates, checked against day-by-day enumeration. */
import { describe, expect, it } from 'vitest';
import { monthEnds, shiftDate, stepDates } from '../../src/core/index.ts';

/** Every day from `from` to `to` by walking Date.UTC milliseconds: an oracle independent of shiftDate's months. */
function everyDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

describe('shiftDate', () => {
  it('steps days across month and year ends, and months with Date-style overflow', () => {
    expect(shiftDate('2024-12-31', 1)).toBe('2025-01-01');
    expect(shiftDate('2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftDate('2025-01-31', 7)).toBe('2025-02-07');
    expect(shiftDate('2025-01-31', 0, 1)).toBe('2025-03-03');
    expect(shiftDate('2025-03-15', 0, -3)).toBe('2024-12-15');
  });
});

describe('monthEnds', () => {
  it('equals the days whose next day is the 1st, over two years with a leap February', () => {
    const from = '2023-11-17';
    const to = '2025-12-30';
    const oracle = everyDay(from, to).filter((d) => shiftDate(d, 1).endsWith('-01'));
    // The month end of `from`'s month is included; 2025-12-31 is after `to`.
    expect(monthEnds(from, to)).toEqual(oracle);
    expect(oracle).toContain('2024-02-29');
    expect(oracle.at(-1)).toBe('2025-11-30');
  });
  it('is empty when `to` comes before the first month end', () => {
    expect(monthEnds('2025-08-15', '2025-08-30')).toEqual([]);
  });
});

describe('stepDates', () => {
  it('month: from, every month end after it, then to', () => {
    expect(stepDates('2024-12-31', '2025-03-31', 'month')).toEqual([
      '2024-12-31',
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
    ]);
    expect(stepDates('2025-08-15', '2025-11-20', 'month')).toEqual([
      '2025-08-15',
      '2025-08-31',
      '2025-09-30',
      '2025-10-31',
      '2025-11-20',
    ]);
  });
  it('day and week: every n-th day of the enumeration', () => {
    const days = everyDay('2024-02-20', '2024-03-12');
    expect(stepDates('2024-02-20', '2024-03-12', 'day')).toEqual(days);
    expect(stepDates('2024-02-20', '2024-03-12', 'week')).toEqual(days.filter((_, i) => i % 7 === 0));
  });
});
