/** Promise wrapper around the area worker. One worker, requests answered in order of arrival. */
import type { Snapshot, SnapshotAreas } from '../core/index.ts';
import type { AreaRequest, AreaResponse } from './areaWorker.ts';
import oblastsUrl from '../../geodata/oblasts.geojson?url';
import { CONTESTED_OBLASTS } from './style.ts';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (a: SnapshotAreas) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./areaWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<AreaResponse>) => {
      const job = pending.get(event.data.id);
      if (!job) return;
      pending.delete(event.data.id);
      if ('areas' in event.data) job.resolve(event.data.areas);
      else job.reject(new Error(event.data.error));
    };
    worker.onerror = (event) => {
      for (const job of pending.values()) job.reject(new Error(`area worker failed: ${event.message}`));
      pending.clear();
    };
  }
  return worker;
}

/**
 * Areas per class, in total and within each contested oblast, computed in the worker.
 * @example const areas = await computeAreas(snapshot);
 */
export function computeAreas(snapshot: Snapshot): Promise<SnapshotAreas> {
  const id = nextId++;
  const regionsUrl = new URL(oblastsUrl, location.href).href;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    getWorker().postMessage({
      id,
      snapshot,
      regionsUrl,
      regionIsos: CONTESTED_OBLASTS,
    } satisfies AreaRequest);
  });
}
