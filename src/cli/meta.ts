/** The tool version and metadata every CLI export carries (JSON `meta`, CSV comment line). */
import { reportMeta, type ReportMeta } from '../core/index.ts';
import type { SnapshotSource } from '../sources/types.ts';
import { shippedText } from './shipped.ts';

export { metaComment, round2 as km2 } from '../core/index.ts';

export const TOOL_VERSION = (JSON.parse(shippedText('package.json')) as { version: string }).version;

export function meta(source: SnapshotSource, snapshots: ReportMeta['snapshots']): ReportMeta {
  return reportMeta(source, TOOL_VERSION, new Date().toISOString(), snapshots);
}
