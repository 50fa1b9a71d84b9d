/**
 * One user file (dropped or picked in the browser) → its dated snapshots, by the folder source's rules
 * (src/sources/node/folder.ts, issue #3): the date the user gives, else the file name `*YYYY-MM-DD*`/`*YYYYMMDD*`, else a
 * `date` on the collection, else the features' own `date`s (one snapshot per date). Everything goes through the one
 * validation path (parseUserCollection → validateGeoJson). Pure: the caller reads the file.
 */
import { collectionDates, parseUserCollection } from './parseUserCollection.ts';
import { dateFromName, datesInName } from './dateFromName.ts';
import type { Snapshot, TerritoryClass, Version } from '../model/model.ts';

export interface FileSnapshots {
  snapshots: Snapshot[];
  warnings: string[];
  /** Why nothing could be loaded; empty when at least one snapshot was. */
  issues: string[];
}

const userVersion = (date: string, file: string): Version => ({
  id: `${date}:${file}`,
  date,
  createdAt: `${date}T00:00:00.000Z`,
});

/**
 * @example snapshotsFromFile('isw-2025-08-15.geojson', json, { defaultClass: 'occupied' }).snapshots[0]?.version.date
 */
export function snapshotsFromFile(
  file: string,
  json: unknown,
  {
    fileDate,
    defaultClass,
    classProperty,
  }: { fileDate?: string; defaultClass?: TerritoryClass; classProperty?: string } = {},
): FileSnapshots {
  const warnings: string[] = [];
  const issues: string[] = [];
  const snapshots: Snapshot[] = [];
  const options = {
    file,
    source: 'file',
    ...(defaultClass ? { defaultClass } : {}),
    ...(classProperty ? { classProperty } : {}),
  };
  const one = (date: string, onlyFeatureDate?: string): void => {
    const parsed = parseUserCollection(json, {
      ...options,
      version: userVersion(date, file),
      ...(onlyFeatureDate ? { onlyFeatureDate } : {}),
    });
    if (parsed.ok) {
      if (parsed.value.territories.length === 0)
        issues.push(`${file}: ${date}: no polygon to show`, ...parsed.warnings);
      else {
        snapshots.push(parsed.value);
        warnings.push(...parsed.warnings);
      }
    } else issues.push(...parsed.issues);
  };
  const date = fileDate ?? dateFromName(file) ?? collectionDates(json).collection;
  if (date) one(date);
  else {
    const dates = collectionDates(json);
    if (dates.features.length > 0) {
      for (const d of dates.features) one(d, d);
      if (dates.undated > 0)
        warnings.push(`${file}: ${dates.undated} feature(s) have no "date" property; left out`);
    } else {
      const several = datesInName(file);
      issues.push(
        `${file}: ${several.length > 1 ? `its name holds several dates (${several.join(', ')})` : 'no date'} — ` +
          'name it *YYYY-MM-DD*, add a "date" property, or give the date below',
      );
    }
  }
  return { snapshots, warnings, issues: snapshots.length ? [] : issues };
}
