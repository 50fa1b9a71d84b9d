/**
 * The snapshot for a date: the newest version published on or before it that loads. A date with no snapshot uses
 * the nearest earlier one, and says so (issue #4).
 */
import type { Snapshot, Version } from '../core/index.ts';
import { SourceError } from './fetchJson.ts';
import type { SnapshotSource } from './types.ts';

export interface SnapshotAtDate {
  requested: string;
  snapshot: Snapshot;
  /** Set when the snapshot is not from the requested date: says which was used and why. */
  note?: string;
}

const kyivDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Kyiv',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar day a version belongs to: its UTC date (the project's convention), or its date in Kyiv time — the
 * day DeepState counts it in. DeepState's monthly figures are the difference of its published areas between the last
 * versions of two months in Kyiv time (docs/engine-robustness.md: 0.44 km² mean residual over 16 months, against
 * 2.18 km² with UTC dates), so month steps and `check` use Kyiv days (issue #13).
 * @example versionDay({ createdAt: '2025-04-30T21:30:00Z', … }, 'kyiv') // '2025-05-01'
 */
export function versionDay(version: Version, days: 'utc' | 'kyiv'): string {
  return days === 'utc' ? version.date : kyivDay.format(new Date(version.createdAt));
}

/**
 * @example const { snapshot, note } = await snapshotAt(source, versions, '2025-08-15');
 * @example await snapshotAt(source, versions, '2025-04-30', { days: 'kyiv' }) // the last version before midnight in Kyiv
 */
export async function snapshotAt(
  source: SnapshotSource,
  versions: readonly Version[],
  date: string,
  {
    maxMissing = 400,
    signal,
    days = 'utc',
  }: { maxMissing?: number; signal?: AbortSignal; days?: 'utc' | 'kyiv' } = {},
): Promise<SnapshotAtDate> {
  const candidates = versions.filter((v) => versionDay(v, days) <= date).reverse();
  if (candidates.length === 0) {
    const first = versions[0]?.date ?? 'none';
    throw new SourceError(
      `${source.id}: no snapshot on or before ${date} (the first is ${first})`,
      0,
      source.location,
    );
  }
  let missing = 0;
  for (const version of candidates.slice(0, maxMissing + 1)) {
    try {
      const snapshot = await source.loadVersion(version, signal);
      if (versionDay(version, days) === date) return { requested: date, snapshot };
      const skipped = missing ? `; ${missing} newer version(s) not published there` : '';
      return {
        requested: date,
        snapshot,
        note: `${date}: no snapshot for that date in ${source.id}; used ${version.date} (version ${version.id}), the nearest earlier one${skipped}`,
      };
    } catch (err) {
      if (err instanceof SourceError && err.status === 404) {
        missing++;
        continue;
      }
      throw err;
    }
  }
  throw new SourceError(
    `${source.id}: none of the ${Math.min(candidates.length, maxMissing + 1)} versions on or before ${date} is published at ${source.location}`,
    404,
    source.location,
  );
}
