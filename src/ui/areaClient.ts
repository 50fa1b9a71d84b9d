/** Promise wrapper around the geometry worker (src/ui/areaWorker.ts). */
import type { FeatureCollection } from 'geojson';
import type {
  ChangeClass,
  ChangeReport,
  FileSnapshots,
  Region,
  Snapshot,
  SnapshotAreas,
  TerritoryClass,
  UsedSnapshot,
} from '../core/index.ts';
import type { RegionUrls, WorkerRequest, WorkerResponse } from './areaWorker.ts';
import focusUrl from '../../geodata/focus-areas.geojson?url';
import oblastsUrl from '../../geodata/oblasts.geojson?url';
import settlementsUrl from '../../geodata/settlements.geojson?url';
import { CONTESTED_OBLASTS } from './style.ts';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./areaWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const job = pending.get(event.data.id);
      if (!job) return;
      pending.delete(event.data.id);
      if ('error' in event.data) job.reject(new Error(event.data.error));
      else job.resolve(event.data);
    };
    worker.onerror = (event) => {
      for (const job of pending.values()) job.reject(new Error(`geometry worker failed: ${event.message}`));
      pending.clear();
      worker = null;
    };
  }
  return worker;
}

const urls = (): RegionUrls => ({
  oblasts: new URL(oblastsUrl, location.href).href,
  focusAreas: new URL(focusUrl, location.href).href,
  settlements: new URL(settlementsUrl, location.href).href,
});

type Request = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

function ask(request: Request): Promise<WorkerResponse> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    getWorker().postMessage({ ...request, id } as WorkerRequest);
  });
}

/**
 * Areas per class over the whole snapshot only (no regional split): what the timeline needs, much faster.
 * @example (await computeTotals(snapshot)).total.occupied
 */
export async function computeTotals(snapshot: Snapshot): Promise<SnapshotAreas> {
  const r = await ask({ kind: 'areas', snapshot, urls: urls(), regionIsos: [] });
  if (!('areas' in r)) throw new Error('unexpected worker answer');
  return r.areas;
}

/**
 * Areas per class, in total and within each contested oblast.
 * @example const areas = await computeAreas(snapshot);
 */
export async function computeAreas(snapshot: Snapshot): Promise<SnapshotAreas> {
  const r = await ask({ kind: 'areas', snapshot, urls: urls(), regionIsos: CONTESTED_OBLASTS });
  if (!('areas' in r)) throw new Error('unexpected worker answer');
  return r.areas;
}

/**
 * The change report between two snapshots and its gained/lost polygons as GeoJSON; the user's own areas, if any,
 * join the focus areas in `byFocusArea` (after them, as `user-N`), as in `frontline change --areas FILE`.
 * @example const { report, geojson } = await computeChange(a, b, 'occupied_all', source, '0.1.0', myAreas.regions);
 */
export async function computeChange(
  a: UsedSnapshot,
  b: UsedSnapshot,
  cls: ChangeClass,
  source: { id: string; location: string },
  toolVersion: string,
  userAreas: readonly Region[] = [],
): Promise<{ report: ChangeReport; geojson: FeatureCollection }> {
  const r = await ask({
    kind: 'change',
    a,
    b,
    cls,
    source,
    toolVersion,
    generatedAt: new Date().toISOString(),
    urls: urls(),
    userAreas,
  });
  if (!('report' in r)) throw new Error('unexpected worker answer');
  return { report: r.report, geojson: r.geojson };
}

/**
 * A user's GeoJSON file, read, parsed and validated in the worker: its dated snapshots, or the issues why not.
 * @example const { snapshots, issues } = await importFile(file, { defaultClass: 'occupied' });
 */
export async function importFile(
  file: File,
  options: { fileDate?: string; defaultClass?: TerritoryClass } = {},
): Promise<FileSnapshots> {
  const r = await ask({ kind: 'import', file, ...options });
  if (!('imported' in r)) throw new Error('unexpected worker answer');
  return r.imported;
}
