/**
 * The `folder` source (Node): a folder of GeoJSON FeatureCollections of polygons — ISW exports, a user's own
 * digitising — or a single such file (issue #3). Each file's date comes from, in order:
 * 1. the date the user gives (`fileDate`, `--file-date`), for every file;
 * 2. the file name, `*YYYY-MM-DD*` or `*YYYYMMDD*` (read without opening the file);
 * 3. a `date` member or property of the collection;
 * 4. the features' own `date` properties — a file holding several dates gives one snapshot per date.
 * Files sharing a date are merged into one snapshot (e.g. `2025-08-15-occupied.geojson` + `2025-08-15-grey.geojson`).
 * Classes come from each feature's `class`/`cls`/`status` property or the default class (src/core/parseUserCollection.ts).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import {
  collectionDates,
  dateFromName,
  datesInName,
  parseUserCollection,
  type Snapshot,
  type TerritoryClass,
  type Version,
} from '../core/index.ts';
import { SourceError } from './fetchJson.ts';
import type { SnapshotSource } from './types.ts';

export interface FolderOptions {
  /** A folder (searched recursively for `*.geojson` and `*.json`) or one file. */
  path: string;
  /** The date of every file, when neither names nor properties carry one. */
  fileDate?: string;
  defaultClass?: TerritoryClass;
  classProperty?: string;
}

interface Entry {
  /** Absolute path. */
  file: string;
  /** As shown in messages: relative to the folder. */
  name: string;
  /** Set when the date came from the features: only they belong to the snapshot. */
  onlyFeatureDate?: string;
}

const isGeoJsonName = (n: string): boolean =>
  /\.(geo)?json$/iu.test(n) && !n.endsWith('.meta.json') && !basename(n).startsWith('.');

/**
 * A folder-source version: id and date are the ISO date.
 * @example folderVersion('2025-08-15') // { id: '2025-08-15', date: '2025-08-15', createdAt: '2025-08-15T00:00:00.000Z' }
 */
export const folderVersion = (date: string): Version => ({
  id: date,
  date,
  createdAt: `${date}T00:00:00.000Z`,
});

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

/**
 * @example
 * const source = createFolderSource({ path: 'my-lines/', defaultClass: 'occupied' });
 * const { versions, warnings } = await source.listVersions();
 * const snapshot = await source.loadVersion(versions.at(-1)!);
 */
export function createFolderSource({
  path,
  fileDate,
  defaultClass,
  classProperty,
}: FolderOptions): SnapshotSource {
  const root = resolve(path);
  let scanned: Promise<{ byDate: Map<string, Entry[]>; warnings: string[] }> | null = null;

  async function scan(): Promise<{ byDate: Map<string, Entry[]>; warnings: string[] }> {
    let info;
    try {
      info = await stat(root);
    } catch {
      throw new SourceError(`${root}: no such file or folder`, 404, root);
    }
    const dir = info.isDirectory() ? root : resolve(root, '..');
    const names = info.isDirectory()
      ? (await readdir(root, { recursive: true })).filter(isGeoJsonName).sort()
      : [basename(root)];
    const byDate = new Map<string, Entry[]>();
    const warnings: string[] = [];
    const add = (date: string, entry: Entry): void => {
      byDate.set(date, [...(byDate.get(date) ?? []), entry]);
    };
    for (const n of names) {
      const file = join(dir, n);
      const name = relative(dir, file).split('\\').join('/');
      if (fileDate) {
        add(fileDate, { file, name });
        continue;
      }
      const fromName = dateFromName(name);
      if (fromName) {
        add(fromName, { file, name });
        continue;
      }
      const several = datesInName(basename(name));
      let json: unknown;
      try {
        json = await readJson(file);
      } catch (err) {
        warnings.push(`folder: ${name}: not readable JSON (${(err as Error).message}); skipped`);
        continue;
      }
      const dates = collectionDates(json);
      if (dates.collection) {
        add(dates.collection, { file, name });
      } else if (dates.features.length > 0) {
        for (const d of dates.features) add(d, { file, name, onlyFeatureDate: d });
        if (dates.undated > 0) {
          const n = dates.undated;
          warnings.push(
            `folder: ${name}: ${n} feature${n > 1 ? 's have' : ' has'} no "date" property; left out`,
          );
        }
      } else {
        const why = several.length > 1 ? `its name holds several dates (${several.join(', ')})` : 'no date';
        warnings.push(
          `folder: ${name}: ${why} — name it *YYYY-MM-DD* or *YYYYMMDD*, add a "date" property, or give --file-date; skipped`,
        );
      }
    }
    return { byDate, warnings };
  }

  const entries = (): Promise<{ byDate: Map<string, Entry[]>; warnings: string[] }> => (scanned ??= scan());

  return {
    id: 'folder',
    location: root,
    async listVersions() {
      scanned = null; // files may have been added since
      const { byDate, warnings } = await entries();
      return { versions: [...byDate.keys()].sort().map(folderVersion), warnings };
    },
    async loadVersion(version) {
      const list = (await entries()).byDate.get(version.date);
      if (!list) throw new SourceError(`folder ${root}: no file for ${version.date}`, 404, root);
      const snapshot: Snapshot = { source: 'folder', version, territories: [], markers: [], warnings: [] };
      for (const entry of list) {
        let json: unknown;
        try {
          json = await readJson(entry.file);
        } catch (err) {
          throw new SourceError(
            `${version.date} folder ${entry.name}: not readable JSON (${(err as Error).message})`,
            200,
            entry.file,
          );
        }
        const parsed = parseUserCollection(json, {
          version,
          file: entry.name,
          ...(defaultClass ? { defaultClass } : {}),
          ...(classProperty ? { classProperty } : {}),
          ...(entry.onlyFeatureDate ? { onlyFeatureDate: entry.onlyFeatureDate } : {}),
        });
        if (!parsed.ok) throw new SourceError(parsed.issues.join('; '), 200, entry.file);
        snapshot.territories.push(...parsed.value.territories);
        snapshot.warnings.push(...parsed.warnings);
      }
      return snapshot;
    },
  };
}
