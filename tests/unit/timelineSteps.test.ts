import { describe, expect, it } from 'vitest';
import { shiftDate } from '../../src/core/index.ts';
import { indexOnOrBefore, readAhead } from '../../src/ui/timelineSteps.ts';

// Daily dates with gaps, as the archive has them: 2025-01-01 … 2025-04-30 without 2025-02-02 and 2025-03-01.
const dates: string[] = [];
for (let d = '2025-01-01'; d <= '2025-04-30'; d = shiftDate(d, 1))
  if (d !== '2025-02-02' && d !== '2025-03-01') dates.push(d);
Object.freeze(dates);

describe('shiftDate', () => {
  it('moves by days and months across month and year ends', () => {
    expect(shiftDate('2024-12-31', 1)).toBe('2025-01-01');
    expect(shiftDate('2025-03-01', -1)).toBe('2025-02-28');
    expect(shiftDate('2025-01-15', 0, 1)).toBe('2025-02-15');
    expect(shiftDate('2025-01-15', 0, -1)).toBe('2024-12-15');
    expect(shiftDate('2025-01-31', 0, 1)).toBe('2025-03-03');
  });
});

describe('indexOnOrBefore', () => {
  it('finds the newest date on or before, 0 before the first', () => {
    expect(dates[indexOnOrBefore(dates, '2025-02-02')]).toBe('2025-02-01');
    expect(dates[indexOnOrBefore(dates, '2025-02-03')]).toBe('2025-02-03');
    expect(indexOnOrBefore(dates, '2024-06-01')).toBe(0);
    expect(dates[indexOnOrBefore(dates, '2026-01-01')]).toBe('2025-04-30');
  });
});

describe('readAhead', () => {
  it('reads the next two dates in the direction of a day step or of no stride', () => {
    expect(readAhead(dates, '2025-02-01', true, { days: 1, months: 0 })).toEqual([
      '2025-02-03',
      '2025-02-04',
    ]);
    expect(readAhead(dates, '2025-03-02', false, { days: -1, months: 0 })).toEqual([
      '2025-02-28',
      '2025-02-27',
    ]);
    expect(readAhead(dates, '2025-04-29', true, { days: 0, months: 0 })).toEqual(['2025-04-30']);
    expect(readAhead(dates, '2025-01-01', false, { days: 0, months: 0 })).toEqual([]);
  });

  it('reads where the next two steps of the same stride land (the newest date on or before): a week, a month', () => {
    expect(readAhead(dates, '2025-01-26', true, { days: 7, months: 0 })).toEqual([
      '2025-02-01',
      '2025-02-09',
    ]);
    expect(readAhead(dates, '2025-01-01', true, { days: 0, months: 1 })).toEqual([
      '2025-02-01',
      '2025-02-28',
    ]);
    expect(readAhead(dates, '2025-04-15', false, { days: 0, months: -1 })).toEqual([
      '2025-03-15',
      '2025-02-15',
    ]);
  });

  it('never the date itself, never twice, at the ends of the range', () => {
    // A month past the last date: the step stops at the last date, so that is read.
    expect(readAhead(dates, '2025-04-10', true, { days: 0, months: 1 })).toEqual(['2025-04-30']);
    expect(readAhead(dates, '2025-04-30', true, { days: 0, months: 1 })).toEqual([]);
    expect(readAhead(dates, '2025-01-20', false, { days: 0, months: -1 })).toEqual(['2025-01-01']);
  });
});
