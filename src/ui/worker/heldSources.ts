/**
 * The sources and snapshots the worker holds: each source opened once, its version list, the snapshots by source and
 * version id (the same object for every computation, so the core's identity-keyed caches hit), the user's file
 * layers, and the snapshot for a date by the CLI's own rule (src/sources/snapshotAt.ts).
 */
import { markOutsideUkraine, snapshotAreas, type Snapshot, type Version } from '../../core/index.ts';
import { SourceError } from '../../sources/fetchJson.ts';
import { snapshotAt } from '../../sources/snapshotAt.ts';
import type { SnapshotSource } from '../../sources/types.ts';
import type { RetryPolicy } from '../../sources/retryPolicy.ts';
import { browserSource } from '../browserSources.ts';
import { loadOnce } from '../map/loadOnce.ts';
import type { BrowserSourceId } from '../sourceIds.ts';
import { oblasts } from './assets.ts';
import { HeldSnapshots } from './heldSnapshots.ts';
import type { AtError, SnapshotRef, UsedRef } from './protocol.ts';

/** Snapshots kept beyond those in use: playback reads ahead, and a step back finds the last dates still here. */
const HELD = 48;

type RetryNotice = (
  source: BrowserSourceId,
  notice: Parameters<NonNullable<RetryPolicy['onRetry']>>[0],
) => void;
let retryNotice: RetryNotice = () => {};
/** Who hears of the sources' retries (the worker tells the page). */
export function onSourceRetry(listener: RetryNotice): void {
  retryNotice = listener;
}

/** The sources opened so far, and their version lists (a failed list is forgotten too). */
const sources = new Map<BrowserSourceId, { source: SnapshotSource; versions: () => Promise<Version[]> }>();
export const listWarnings = new Map<BrowserSourceId, string[]>();

export function opened(id: BrowserSourceId) {
  let entry = sources.get(id);
  if (!entry) {
    const source = browserSource(id, (notice) => retryNotice(id, notice));
    const versions = loadOnce(async () => {
      const list = await source.listVersions();
      listWarnings.set(id, list.warnings);
      return list.versions;
    });
    // Loads go through the held snapshots: snapshotAt, the layers and the read-ahead share one copy of each.
    const held: SnapshotSource = {
      ...source,
      // Not aborted with the request that started it: another may be waiting for the same version.
      loadVersion: (v) => snapshots.get(`${id}:${v.id}`, () => source.loadVersion(v)),
    };
    entry = { source: held, versions };
    sources.set(id, entry);
  }
  return entry;
}

export const snapshots = new HeldSnapshots(HELD);
/** The user's own files' layers: never dropped by the bound, only when the user removes them. */
export const userSnapshots = new Map<string, Snapshot>();

/** Occupied totals (since and before 2022) by snapshot key, for the timeline. */
const totals = new Map<string, Promise<number>>();

export const keyOf = (ref: SnapshotRef) => `${ref.source}:${ref.id}`;

export async function snapshotOf(ref: SnapshotRef): Promise<Snapshot> {
  if (ref.source === 'user') {
    const s = userSnapshots.get(ref.id);
    if (!s) throw new Error(`no such layer: ${ref.id}`);
    return s;
  }
  const { source, versions } = opened(ref.source);
  const version = (await versions()).find((v) => v.id === ref.id);
  if (!version) throw new Error(`${ref.source} has no version ${ref.id}`);
  return source.loadVersion(version);
}

/** What the page draws of a snapshot: everything but the markers, which nothing on the page uses. */
export const view = (s: Snapshot): Snapshot => ({ ...s, markers: [] });

export class NoSnapshot extends Error {
  constructor(readonly detail: AtError) {
    super(detail.message);
  }
}

/** The snapshot for a date, chosen by the CLI's own rule (src/sources/snapshotAt.ts). */
export async function usedAt(
  sourceId: BrowserSourceId,
  date: string,
  signal: AbortSignal,
): Promise<{ used: UsedRef; snapshot: Snapshot }> {
  const { source, versions } = opened(sourceId);
  const list = await versions();
  const candidates = list.filter((v) => v.date <= date).reverse();
  if (candidates.length === 0) {
    throw new NoSnapshot({
      code: 'noSnapshot',
      source: sourceId,
      date,
      message: `${sourceId}: no snapshot on or before ${date} (the first is ${list[0]?.date ?? 'none'})`,
    });
  }
  try {
    const at = await abortable(snapshotAt(source, list, date, { signal }), signal);
    const v = at.snapshot.version;
    const skipped = candidates.findIndex((c) => c.id === v.id);
    return {
      used: {
        source: sourceId,
        id: v.id,
        requested: date,
        date: v.date,
        skipped,
        ...(at.note ? { note: at.note } : {}),
      },
      snapshot: at.snapshot,
    };
  } catch (err) {
    if (err instanceof SourceError && err.status === 404)
      throw new NoSnapshot({ code: 'noneLoaded', source: sourceId, date, message: err.message });
    throw err;
  }
}

export function totalOf(key: string, snapshot: Snapshot): Promise<number> {
  let pending = totals.get(key);
  if (!pending) {
    pending = oblasts().then((all) => {
      const t = snapshotAreas(markOutsideUkraine(snapshot, all), []).total;
      return t.occupied + (snapshot.occupiedIncludesPre2022 ? 0 : t.occupied_pre2022);
    });
    pending.catch(() => totals.delete(key));
    totals.set(key, pending);
  }
  return pending;
}

/** Resolves as `p` does, or rejects at once when the page cancels the request. */
export function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new DOMException('cancelled', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new DOMException('cancelled', 'AbortError'));
    signal.addEventListener('abort', stop, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/** Stops before the next heavy step when the request was cancelled meanwhile. */
export function checkpoint(signal: AbortSignal): void {
  if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
}
