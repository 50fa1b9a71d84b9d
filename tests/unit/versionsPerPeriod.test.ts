import { describe, expect, it } from 'vitest';
import { periodOf, versionsPerPeriod, type Version } from '../../src/core/index.ts';

const v = (id: string, createdAt: string): Version => ({ id, createdAt, date: createdAt.slice(0, 10) });
// Deliberately out of order.
const versions = [
  v('5', '2025-08-04T08:00:00.000Z'),
  v('2', '2025-08-01T18:00:00.000Z'),
  v('1', '2025-08-01T09:00:00.000Z'),
  v('3', '2025-08-03T23:59:00.000Z'),
  v('0', '2025-07-31T12:00:00.000Z'),
  v('6', '2025-09-01T00:00:00.000Z'),
];

describe('periodOf', () => {
  it.each([
    ['2025-08-15', 'day', '2025-08-15'],
    ['2025-08-15', 'week', '2025-08-11'], // a Friday → its Monday
    ['2025-08-11', 'week', '2025-08-11'],
    ['2025-08-17', 'week', '2025-08-11'], // Sunday ends the ISO week
    ['2025-01-01', 'week', '2024-12-30'],
    ['2025-08-15', 'month', '2025-08'],
  ] as const)('%s by %s → %s', (date, step, period) => {
    expect(periodOf(date, step)).toBe(period);
  });
});

describe('versionsPerPeriod', () => {
  it('keeps the last version of each day within the range, oldest first', () => {
    expect(
      versionsPerPeriod(versions, { from: '2025-08-01', to: '2025-08-31', step: 'day' }).map((x) => x.id),
    ).toEqual(['2', '3', '5']);
  });

  it('by ISO week and by month', () => {
    expect(
      versionsPerPeriod(versions, { from: '2025-07-01', to: '2025-09-30', step: 'week' }).map((x) => x.id),
    ).toEqual(['3', '5', '6']);
    expect(
      versionsPerPeriod(versions, { from: '2025-07-01', to: '2025-09-30', step: 'month' }).map((x) => x.id),
    ).toEqual(['0', '5', '6']);
  });

  it('is empty for a range without versions, and does not mutate its input', () => {
    const before = structuredClone(versions);
    expect(versionsPerPeriod(versions, { from: '2026-01-01', to: '2026-01-31', step: 'day' })).toEqual([]);
    expect(versions).toEqual(before);
  });
});
