/**
 * A source whose snapshots have their liberated ground outside Ukraine (the Kursk-area incursion) marked `inRussia`:
 * drawn, not counted in Ukraine's totals, as DeepState's own figures do (src/core/geometry/markOutsideUkraine.ts, issue #13).
 */
import { markOutsideUkraine, type Region } from '../core/index.ts';
import type { SnapshotSource } from '../sources/types.ts';
import { loadOblasts } from './geodata.ts';

let oblasts: Region[] | undefined;

/**
 * @example const source = withinUkraine(openSource('deepstate-api', dir));
 */
export function withinUkraine(source: SnapshotSource): SnapshotSource {
  return {
    id: source.id,
    location: source.location,
    listVersions: (signal) => source.listVersions(signal),
    loadVersion: async (version, signal) =>
      markOutsideUkraine(await source.loadVersion(version, signal), (oblasts ??= loadOblasts())),
  };
}
