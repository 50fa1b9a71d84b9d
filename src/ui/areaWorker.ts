/**
 * Web Worker: area computations off the UI thread, so the map never freezes (STYLE.md habit 5).
 * Messages: { id, snapshot, regionsUrl } → { id, areas } | { id, error }.
 */
import { snapshotAreas, type Region, type Snapshot, type SnapshotAreas } from '../core/index.ts';

export interface AreaRequest {
  id: number;
  snapshot: Snapshot;
  regionsUrl: string;
  regionIsos: readonly string[];
}
export type AreaResponse = { id: number; areas: SnapshotAreas } | { id: number; error: string };

const regionCache = new Map<string, Promise<Region[]>>();

function regions(url: string, isos: readonly string[]): Promise<Region[]> {
  const key = `${url}|${isos.join(',')}`;
  let p = regionCache.get(key);
  if (!p) {
    p = fetch(url)
      .then((r) => r.json() as Promise<{ features: Region[] }>)
      .then((fc) =>
        isos.map((iso) => fc.features.find((f) => f.properties.iso === iso)).filter((f): f is Region => !!f),
      );
    regionCache.set(key, p);
  }
  return p;
}

self.onmessage = async (event: MessageEvent<AreaRequest>) => {
  const { id, snapshot, regionsUrl, regionIsos } = event.data;
  try {
    const areas = snapshotAreas(snapshot, await regions(regionsUrl, regionIsos));
    (self as unknown as Worker).postMessage({ id, areas } satisfies AreaResponse);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: (err as Error).message } satisfies AreaResponse);
  }
};
