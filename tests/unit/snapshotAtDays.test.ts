/**
 * Issue #13: month steps and `check` take the last version before midnight in Kyiv time, the day DeepState counts a
 * version in (its monthly figures are reproduced that way: docs/engine-robustness.md).
 */
import { describe, expect, it } from 'vitest';
import type { Snapshot, Version } from '../../src/core/index.ts';
import { snapshotAt, versionDay } from '../../src/sources/snapshotAt.ts';
import type { SnapshotSource } from '../../src/sources/types.ts';

const version = (createdAt: string): Version => ({
  id: String(Date.parse(createdAt) / 1000),
  createdAt,
  date: createdAt.slice(0, 10),
});
// 30 April: one version in the afternoon, one at 21:30 UTC (00:30 on 1 May in Kyiv, summer time); 1 May, noon.
const versions = [
  version('2025-04-30T14:00:00.000Z'),
  version('2025-04-30T21:30:00.000Z'),
  version('2025-05-01T12:00:00.000Z'),
];
const source: SnapshotSource = {
  id: 'deepstate-api',
  location: 'test',
  listVersions: async () => ({ versions, warnings: [] }),
  loadVersion: async (v): Promise<Snapshot> => ({
    source: 'deepstate-api',
    version: v,
    territories: [],
    markers: [],
    warnings: [],
  }),
};

describe('snapshotAt: UTC days and Kyiv days', () => {
  it('reads a version’s day in Kyiv time across midnight and the clock change', () => {
    expect(versionDay(versions[1]!, 'utc')).toBe('2025-04-30');
    expect(versionDay(versions[1]!, 'kyiv')).toBe('2025-05-01');
    // Winter (UTC+2): 21:30 UTC is still the same day, 22:30 UTC is not.
    expect(versionDay(version('2025-01-31T21:30:00.000Z'), 'kyiv')).toBe('2025-01-31');
    expect(versionDay(version('2025-01-31T22:30:00.000Z'), 'kyiv')).toBe('2025-02-01');
  });

  it('the end of April is the 14:00 UTC version in Kyiv days, the 21:30 UTC one in UTC days', async () => {
    expect((await snapshotAt(source, versions, '2025-04-30')).snapshot.version).toBe(versions[1]);
    const kyiv = await snapshotAt(source, versions, '2025-04-30', { days: 'kyiv' });
    expect(kyiv.snapshot.version).toBe(versions[0]);
    expect(kyiv.note).toBeUndefined();
    // 1 May in Kyiv: the 21:30 UTC version of 30 April belongs to it, and the noon one is newer.
    expect((await snapshotAt(source, versions, '2025-05-01', { days: 'kyiv' })).snapshot.version).toBe(
      versions[2],
    );
  });
});
