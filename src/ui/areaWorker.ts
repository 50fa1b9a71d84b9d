/**
 * Web Worker: the heavy geometry off the UI thread, so the map never freezes (STYLE.md habit 5):
 * per-class areas of a snapshot, and the change report between two snapshots (the same report the CLI writes).
 */
import {
  buildChangeReport,
  changeGeoJson,
  parseClaims,
  snapshotAreas,
  snapshotsFromFile,
  type ChangeClass,
  type FileSnapshots,
  type TerritoryClass,
  type ChangeReport,
  type Region,
  type Snapshot,
  type SnapshotAreas,
  type UsedSnapshot,
} from '../core/index.ts';
import registry from '../../geodata/reported-figures.json';
import type { FeatureCollection } from 'geojson';

export type WorkerRequest =
  | { id: number; kind: 'areas'; snapshot: Snapshot; urls: RegionUrls; regionIsos: readonly string[] }
  | {
      id: number;
      kind: 'change';
      a: UsedSnapshot;
      b: UsedSnapshot;
      cls: ChangeClass;
      source: { id: string; location: string };
      toolVersion: string;
      generatedAt: string;
      urls: RegionUrls;
    }
  | { id: number; kind: 'import'; file: File; fileDate?: string; defaultClass?: TerritoryClass };

/** Files larger than this are refused before they are read (stated in the error). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export interface RegionUrls {
  oblasts: string;
  focusAreas: string;
}

export type WorkerResponse =
  | { id: number; areas: SnapshotAreas }
  | { id: number; report: ChangeReport; geojson: FeatureCollection }
  | { id: number; imported: FileSnapshots }
  | { id: number; error: string };

const cache = new Map<string, Promise<Region[]>>();

/** Oblasts as regions; focus areas as regions whose `iso` is the focus area's id. */
function regions(url: string): Promise<Region[]> {
  let p = cache.get(url);
  if (!p) {
    p = fetch(url)
      .then((r) => r.json() as Promise<{ features: Region[] }>)
      .then((fc) =>
        fc.features.map((f) => {
          const props = f.properties as unknown as Record<string, string>;
          return props['iso']
            ? f
            : {
                ...f,
                properties: { iso: props['id']!, name_en: props['name_en']!, name_uk: props['name_uk'] },
              };
        }),
      );
    cache.set(url, p);
  }
  return p;
}

const claims = parseClaims(registry).claims;

/** Reads, parses and validates a user's file here, off the UI thread, so a big file never freezes the page. */
async function importFile(req: Extract<WorkerRequest, { kind: 'import' }>): Promise<FileSnapshots> {
  const name = req.file.name;
  const fail = (issue: string): FileSnapshots => ({
    snapshots: [],
    warnings: [],
    issues: [`${name}: ${issue}`],
  });
  if (req.file.size > MAX_IMPORT_BYTES) {
    return fail(
      `${(req.file.size / 1048576).toFixed(0)} MB is over the ${MAX_IMPORT_BYTES / 1048576} MB limit for files`,
    );
  }
  if (req.file.size === 0) return fail('the file is empty');
  let text = await req.file.text();
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return fail(
      /^\s*</u.test(text)
        ? 'this is an HTML page, not GeoJSON'
        : `not valid JSON (${(err as Error).message})`,
    );
  }
  return snapshotsFromFile(name, json, {
    ...(req.fileDate ? { fileDate: req.fileDate } : {}),
    ...(req.defaultClass ? { defaultClass: req.defaultClass } : {}),
  });
}
const post = (msg: WorkerResponse) => (self as unknown as Worker).postMessage(msg);

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  try {
    if (req.kind === 'import') {
      post({ id: req.id, imported: await importFile(req) });
    } else if (req.kind === 'areas') {
      const all = await regions(req.urls.oblasts);
      const picked = req.regionIsos
        .map((iso) => all.find((r) => r.properties.iso === iso))
        .filter((r): r is Region => !!r);
      post({ id: req.id, areas: snapshotAreas(req.snapshot, picked) });
    } else {
      const [oblasts, focusAreas] = await Promise.all([
        regions(req.urls.oblasts),
        regions(req.urls.focusAreas),
      ]);
      const { report, change } = buildChangeReport({ ...req, oblasts, focusAreas, claims });
      post({ id: req.id, report, geojson: changeGeoJson(report, change, oblasts) });
    }
  } catch (err) {
    post({ id: req.id, error: (err as Error).message });
  }
};
