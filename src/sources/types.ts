import type { Snapshot, Version } from '../core/index.ts';

/** The catalogued sources (geodata/sources.json). */
export type SourceId = 'deepstate-api' | 'archive' | 'folder' | 'owlmaps' | 'arcgis';
export const SOURCE_IDS: readonly SourceId[] = ['deepstate-api', 'archive', 'folder', 'owlmaps', 'arcgis'];

/** What every source adapter offers the app and the CLI. */
export interface SnapshotSource {
  readonly id: SourceId;
  /** Where it reads from (a base URL or a folder), for messages and export metadata. */
  readonly location: string;
  /** Available versions, oldest first, with warnings about anything skipped. */
  listVersions(signal?: AbortSignal): Promise<{ versions: Version[]; warnings: string[] }>;
  /** One version's snapshot; throws SourceError when it cannot be fetched or parsed. */
  loadVersion(version: Version, signal?: AbortSignal): Promise<Snapshot>;
}
