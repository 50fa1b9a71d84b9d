/**
 * CSV of the area panel's numbers: RFC 4180 with a header row, written by csv-stringify, km² with two decimals.
 */
import { toCsv } from './toCsv.ts';
import { AREA_MODEL } from '../geometry/areaKm2.ts';
import type { SnapshotAreas } from './snapshotAreas.ts';
import type { Version } from '../model/model.ts';

export interface AreaRow {
  source: string;
  version: Version;
  areas: SnapshotAreas;
}

const km2 = (n: number): string => n.toFixed(2);

/**
 * One row per snapshot and region (`UA` for the whole snapshot, then each region), one column per class.
 * The first line is a `#` comment naming the tool, the area model and the sources, so a file found later still
 * says what it is; spreadsheet users can skip it with "comment character #".
 * @example areasToCsv([{ source: 'deepstate-api', version, areas }], '0.1.0')
 */
export function areasToCsv(rows: readonly AreaRow[], toolVersion: string): string {
  const header = [
    'date',
    'version_id',
    'source',
    'region_iso',
    'region',
    'occupied_km2',
    'occupied_pre2022_km2',
    'grey_km2',
    'liberated_km2',
  ];
  const records: string[][] = [];
  for (const { source, version, areas } of rows) {
    const base = [version.date, version.id, source];
    const t = areas.total;
    records.push([
      ...base,
      'UA',
      'Total (whole snapshot)',
      km2(t.occupied),
      km2(t.occupied_pre2022),
      km2(t.grey),
      km2(t.liberated),
    ]);
    for (const r of areas.byRegion) {
      const a = r.areas;
      records.push([
        ...base,
        r.iso,
        r.name,
        km2(a.occupied),
        km2(a.occupied_pre2022),
        km2(a.grey),
        km2(a.liberated),
      ]);
    }
  }
  const sources = [...new Set(rows.map((r) => r.source))].join(' ');
  return toCsv(
    header,
    records,
    `frontline ${toolVersion}; sources: ${sources || 'none'}; area model: ${AREA_MODEL}`,
  );
}
