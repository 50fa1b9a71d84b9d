import type { Version } from '../../core/index.ts';

/**
 * Stable id of a snapshot's map source; its layers append `-fill` and `-line`.
 * @example snapshotLayerId({ id: '1754077960', date: '2025-08-01', createdAt: '…' }) // 'snapshot-2025-08-01-1754077960'
 */
export function snapshotLayerId(version: Version, prefix: 'snapshot' | 'timeline' = 'snapshot'): string {
  return `${prefix}-${version.date}-${version.id}`;
}
