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

/**
 * @example const { snapshot, note } = await snapshotAt(source, versions, '2025-08-15');
 */
export async function snapshotAt(
  source: SnapshotSource,
  versions: readonly Version[],
  date: string,
  { maxMissing = 400, signal }: { maxMissing?: number; signal?: AbortSignal } = {},
): Promise<SnapshotAtDate> {
  const candidates = versions.filter((v) => v.date <= date).reverse();
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
      if (version.date === date) return { requested: date, snapshot };
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
