import type { Version } from './model.ts';

/**
 * Versions ordered by distance in time from `isoTime` (nearest first; ties go to the earlier one).
 * Used to pick default layers: the newest that loads, the one nearest the Alaska summit that loads.
 * @example nearestVersions(versions, '2025-08-15T12:00:00Z')[0]
 */
export function nearestVersions(versions: readonly Version[], isoTime: string): Version[] {
  const t = Date.parse(isoTime);
  return [...versions].sort((a, b) => {
    const da = Math.abs(Date.parse(a.createdAt) - t);
    const db = Math.abs(Date.parse(b.createdAt) - t);
    return da - db || a.createdAt.localeCompare(b.createdAt);
  });
}
