/** The metadata every CLI export carries (JSON `meta`, CSV comment line). */
import { readFileSync } from 'node:fs';
import { AREA_MODEL } from '../core/index.ts';
import type { SnapshotSource } from '../sources/types.ts';

export const TOOL_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface Meta {
  tool: string;
  toolVersion: string;
  source: string;
  location: string;
  areaModel: string;
  generatedAt: string;
  snapshots: { requested: string; date: string; versionId: string; note?: string }[];
}

export function meta(source: SnapshotSource, snapshots: Meta['snapshots']): Meta {
  return {
    tool: 'frontline',
    toolVersion: TOOL_VERSION,
    source: source.id,
    location: source.location,
    areaModel: AREA_MODEL,
    generatedAt: new Date().toISOString(),
    snapshots,
  };
}

/** The CSV comment line for the same metadata. */
export function metaComment(m: Meta): string {
  const snaps = m.snapshots.map((s) => `${s.requested}→${s.date} (${s.versionId})`).join(', ');
  return `frontline ${m.toolVersion}; source: ${m.source} (${m.location}); snapshots: ${snaps}; area model: ${m.areaModel}`;
}

/** km² with two decimals, as a number. */
export const km2 = (n: number): number => Math.round(n * 100) / 100;
