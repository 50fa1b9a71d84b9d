/**
 * The DeepState archive over HTTP has no listing, so its versions are the calendar from its first day to today minus
 * the known gaps (src/sources/archive.ts). The calendar now comes from the one date stepper (stepDates, issue #14)
 * instead of a loop of its own: checked against days counted independently (milliseconds since the epoch),
 * across a leap day and a year end.
 */
import { describe, expect, it } from 'vitest';
import { ARCHIVE_FIRST_DAY, ARCHIVE_KNOWN_GAPS, createArchiveSource } from '../../src/sources/archive.ts';

const notFetched = () => Promise.reject(new Error('listing the calendar fetches nothing'));

/** Every UTC day from `from` to `to`, by adding a day's milliseconds: the oracle. */
function daysByMs(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

describe('archive calendar', () => {
  it.each(['2024-07-08', '2024-12-31', '2025-03-01', '2028-03-01'])(
    'lists every day from the first to %s but the known gaps',
    async (today) => {
      const source = createArchiveSource({ fetch: notFetched, today: () => today });
      const { versions, warnings } = await source.listVersions();
      const gaps = new Set(ARCHIVE_KNOWN_GAPS);
      expect(versions.map((v) => v.date)).toEqual(
        daysByMs(ARCHIVE_FIRST_DAY, today).filter((d) => !gaps.has(d)),
      );
      expect(warnings).toEqual([]);
    },
  );

  it('has 2028-02-29 and no day twice', async () => {
    const source = createArchiveSource({ fetch: notFetched, today: () => '2028-03-01' });
    const dates = (await source.listVersions()).versions.map((v) => v.date);
    expect(dates).toContain('2028-02-29');
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates[0]).toBe(ARCHIVE_FIRST_DAY);
  });
});
