/** The tool version and metadata every CLI export carries (JSON `meta`, CSV comment line). */
import { readFileSync } from 'node:fs';
import { reportMeta, type ReportMeta } from '../core/index.ts';
import type { SnapshotSource } from '../sources/types.ts';

export { metaComment, round2 as km2 } from '../core/index.ts';

export const TOOL_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export function meta(source: SnapshotSource, snapshots: ReportMeta['snapshots']): ReportMeta {
  return reportMeta(source, TOOL_VERSION, new Date().toISOString(), snapshots);
}
