/**
 * The `folder` source (Node): a folder of GeoJSON FeatureCollections of polygons — ISW exports, a user's own
 * digitising — or a single such file (issue #3). Each file's date comes from, in order:
 * 1. the date the user gives (`fileDate`, `--file-date`), for every file;
 * 2. the file name, `*YYYY-MM-DD*` or `*YYYYMMDD*` (read without opening the file);
 * 3. a `date` member or property of the collection;
 * 4. the features' own `date` properties — a file holding several dates gives one snapshot per date.
 * Files sharing a date are merged into one snapshot (e.g. `2025-08-15-occupied.geojson` + `2025-08-15-grey.geojson`).
 * Classes come from each feature's `class`/`cls`/`status` property or the default class (src/core/io/parseUserCollection.ts).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import {
  collectionDates,
  dateFromName,
  datesInName,
  impossibleDate,
  impossibleDatesInName,
  MAX_BYTES,
  parseGeoJsonText,
  parseUserCollection,
  propertyOf,
  sizeIssue,
  type Parsed,
  type Snapshot,
  type TerritoryClass,
  type Version,
} from '../../core/index.ts';
import { SourceError } from '../fetchJson.ts';
import type { SnapshotSource } from '../types.ts';

export interface FolderOptions {
  /** A folder (searched recursively for `*.geojson` and `*.json`) or one file. */
  path: string;
  /** The date of every file, when neither names nor properties carry one. */
  fileDate?: string;
  defaultClass?: TerritoryClass;
  classProperty?: string;
  /** Today's date (UTC), for the warning about files dated in the future; default: the clock's. */
  today?: () => string;
  /** Largest file read; bigger ones are refused from their size on disk, unread. Default 100 MB (MAX_BYTES). */
  maxBytes?: number;
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

/**
 * A file's JSON through the one first step for any text (src/core/io/parseGeoJsonText.ts). The size is checked on disk
 * first, so a 200 MB file is refused without being read. Unreadable files are issues too.
 */
async function readJson(file: string, label: string, maxBytes: number): Promise<Parsed<unknown>> {
  try {
    const tooBig = sizeIssue(label, (await stat(file)).size, maxBytes);
    if (tooBig) return { ok: false, issues: [tooBig] };
    return parseGeoJsonText(await readFile(file, 'utf8'), { label, maxBytes });
  } catch (err) {
    return { ok: false, issues: [`${label}: the file cannot be read (${(err as Error).message})`] };
  }
}

/** Why a file has no usable date, naming a date that was meant but is not in the calendar. */
function noDateReason(name: string, json: unknown): string {
  const several = datesInName(basename(name));
  if (several.length > 1) return `its name holds several dates (${several.join(', ')})`;
  const inName = impossibleDatesInName(basename(name));
  if (inName.length > 0) return `its name holds ${inName.join(', ')}, which is not a calendar date`;
  const fc = (json ?? {}) as { date?: unknown; properties?: unknown };
  const props = typeof fc.properties === 'object' && fc.properties ? fc.properties : {};
  const bad = impossibleDate(fc.date) ?? impossibleDate(propertyOf(props as Record<string, unknown>, 'date'));
  if (bad) return `its "date" ${JSON.stringify(bad)} is not a calendar date`;
  const features = Array.isArray((json as { features?: unknown } | null)?.features)
    ? ((json as { features: unknown[] }).features as { properties?: unknown }[])
    : [];
  for (const [i, f] of features.entries()) {
    const p = f?.properties;
    const badOfFeature =
      typeof p === 'object' && p ? impossibleDate(propertyOf(p as Record<string, unknown>, 'date')) : null;
    if (badOfFeature) return `feature ${i}'s "date" ${JSON.stringify(badOfFeature)} is not a calendar date`;
  }
  return 'no date';
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
  today = () => new Date().toISOString().slice(0, 10),
  maxBytes = MAX_BYTES,
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
      const read = await readJson(file, `folder: ${name}`, maxBytes);
      if (!read.ok) {
        warnings.push(...read.issues.map((i) => `${i}; skipped`));
        continue;
      }
      const json = read.value;
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
        const why = noDateReason(name, json);
        warnings.push(
          `folder: ${name}: ${why} — name it *YYYY-MM-DD* or *YYYYMMDD*, add a "date" property, or give --file-date; skipped`,
        );
      }
    }
    // A date after today is kept (the user may mean it) but is most likely a typo: say so.
    const now = today();
    for (const [date, list] of byDate) {
      if (date <= now) continue;
      for (const e of list) {
        warnings.push(
          `folder: ${e.name}: dated ${date}, after today (${now}); kept it — a typo in the date?`,
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
        const read = await readJson(entry.file, `${version.date} folder ${entry.name}`, maxBytes);
        if (!read.ok) throw new SourceError(read.issues.join('; '), 200, entry.file);
        snapshot.warnings.push(...read.warnings);
        const parsed = parseUserCollection(read.value, {
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
