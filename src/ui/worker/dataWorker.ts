/**
 * The data worker (issue #14): the browser's data lives here. It opens the sources, fetches, parses, validates and
 * keeps the snapshots, and computes on them what the page shows (areas, change, front line, a second opinion) — the
 * same core the CLI runs, on the same snapshot objects from one request to the next, so the core's caches hit. The
 * page sends ids and dates (src/ui/worker/protocol.ts) and gets back what it draws and the figures.
 */
import type { FeatureCollection, Point } from 'geojson';
import {
  buildChangeReport,
  changeGeoJson,
  classGeometry,
  compareAssessments,
  comparisonGeoJson,
  frontContext,
  frontLengthReport,
  frontLine,
  frontLineGeoJson,
  greyOuterGeometry,
  landOutline,
  markOutsideUkraine,
  parseClaims,
  parseGeoJsonText,
  reportMeta,
  settlementsFrom,
  sizeIssue,
  snapshotAreas,
  snapshotsFromFile,
  type FileSnapshots,
  type FrontOutlineCollection,
  type Region,
  type SettlementProperties,
  type Snapshot,
  type Version,
} from '../../core/index.ts';
import registry from '../../../geodata/reported-figures.json';
import { SourceError } from '../../sources/fetchJson.ts';
import { snapshotAt } from '../../sources/snapshotAt.ts';
import type { SnapshotSource } from '../../sources/types.ts';
import { browserSource } from '../browserSources.ts';
import { loadOnce } from '../map/loadOnce.ts';
import type { BrowserSourceId } from '../sourceIds.ts';
import { HeldSnapshots } from './heldSnapshots.ts';
import type {
  Answer,
  AssetUrls,
  AtError,
  FromWorker,
  Request,
  SnapshotRef,
  ToWorker,
  UsedRef,
} from './protocol.ts';

/** Snapshots kept beyond those in use: playback reads ahead, and a step back finds the last dates still here. */
const HELD = 48;

const post = (msg: FromWorker) => (self as unknown as Worker).postMessage(msg);

let urls: AssetUrls | null = null;
const assetUrls = (): AssetUrls => {
  if (!urls) throw new Error('data worker: asked before init');
  return urls;
};

async function fetchJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${new URL(url).pathname}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

/** Oblasts as regions; focus areas as regions whose `iso` is the focus area's id. */
const asRegions = (fc: { features: Region[] }): Region[] =>
  fc.features.map((f) => {
    const props = f.properties as unknown as Record<string, string>;
    return props['iso']
      ? f
      : { ...f, properties: { iso: props['id']!, name_en: props['name_en']!, name_uk: props['name_uk'] } };
  });

// Each fetched and prepared once per worker while it succeeds; a failure is forgotten, so a retry fetches again.
const oblasts = loadOnce(async () => asRegions(await fetchJson(assetUrls().oblasts)));
const focusAreas = loadOnce(async () => asRegions(await fetchJson(assetUrls().focusAreas)));
const settlements = loadOnce(async () =>
  settlementsFrom(await fetchJson<FeatureCollection<Point, SettlementProperties>>(assetUrls().settlements)),
);
const land = loadOnce(async () => landOutline((await oblasts()).map((r) => r.geometry)));
const front = loadOnce(async () =>
  frontContext(await fetchJson<FrontOutlineCollection>(assetUrls().frontOutline), await oblasts()),
);
const claims = parseClaims(registry).claims;

/** The sources opened so far, and their version lists (a failed list is forgotten too). */
const sources = new Map<BrowserSourceId, { source: SnapshotSource; versions: () => Promise<Version[]> }>();
const listWarnings = new Map<BrowserSourceId, string[]>();

function opened(id: BrowserSourceId) {
  let entry = sources.get(id);
  if (!entry) {
    const source = browserSource(id, ({ reason, delayMs }) =>
      post({ id: 0, kind: 'retry', source: id, reason, delayMs }),
    );
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

const snapshots = new HeldSnapshots(HELD);
/** The user's own files' layers: never dropped by the bound, only when the user removes them. */
const userSnapshots = new Map<string, Snapshot>();
let nextUser = 0;

/** Occupied totals (since and before 2022) by snapshot key, for the timeline. */
const totals = new Map<string, Promise<number>>();

const keyOf = (ref: SnapshotRef) => `${ref.source}:${ref.id}`;

async function snapshotOf(ref: SnapshotRef): Promise<Snapshot> {
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
const view = (s: Snapshot): Snapshot => ({ ...s, markers: [] });

class NoSnapshot extends Error {
  constructor(readonly detail: AtError) {
    super(detail.message);
  }
}

/** The snapshot for a date, chosen by the CLI's own rule (src/sources/snapshotAt.ts). */
async function usedAt(
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
      throw new NoSnapshot({ code: 'noneLoaded', date, message: err.message });
    throw err;
  }
}

function totalOf(key: string, snapshot: Snapshot): Promise<number> {
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
function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new DOMException('cancelled', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new DOMException('cancelled', 'AbortError'));
    signal.addEventListener('abort', stop, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/** Stops before the next heavy step when the request was cancelled meanwhile. */
function checkpoint(signal: AbortSignal): void {
  if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
}

/** Reads, parses and validates a user's file here, off the UI thread, so a big file never freezes the page. */
async function importFile(req: Extract<Request, { kind: 'import' }>): Promise<FileSnapshots> {
  const name = req.file.name;
  // The size cap is checked before reading; the text then takes the path every file and answer takes.
  const big = sizeIssue(name, req.file.size);
  if (big) return { snapshots: [], warnings: [], issues: [big] };
  const text = parseGeoJsonText(await req.file.text(), { label: name });
  if (!text.ok) return { snapshots: [], warnings: [], issues: text.issues };
  const result = snapshotsFromFile(name, text.value, {
    ...(req.fileDate ? { fileDate: req.fileDate } : {}),
    ...(req.defaultClass ? { defaultClass: req.defaultClass } : {}),
  });
  return { ...result, warnings: [...text.warnings, ...result.warnings] };
}

const sourceMeta = (id: BrowserSourceId) => {
  const { source } = opened(id);
  return { id: source.id, location: source.location };
};

async function handle(req: Request, signal: AbortSignal): Promise<Answer> {
  switch (req.kind) {
    case 'init':
      urls = req.urls;
      return { kind: 'init' };
    case 'versions': {
      const { source, versions } = opened(req.source);
      const list = await versions();
      return {
        kind: 'versions',
        versions: list,
        warnings: listWarnings.get(req.source) ?? [],
        location: source.location,
      };
    }
    case 'load':
      return {
        kind: 'load',
        snapshot: view(await abortable(snapshotOf(req.ref), signal)),
        held: snapshots.size,
      };
    case 'at': {
      const { used, snapshot } = await usedAt(req.source, req.date, signal);
      checkpoint(signal);
      const totalKm2 = req.totals ? await totalOf(keyOf(used), snapshot) : undefined;
      checkpoint(signal);
      return {
        kind: 'at',
        used,
        held: snapshots.size,
        ...(req.view ? { snapshot: view(snapshot) } : {}),
        ...(totalKm2 !== undefined ? { totalKm2 } : {}),
      };
    }
    case 'prefetch': {
      for (const date of req.dates) {
        if (signal.aborted) break;
        try {
          const { used, snapshot } = await usedAt(req.source, date, signal);
          if (req.totals) await totalOf(keyOf(used), snapshot);
        } catch {
          // Read-ahead only: the date itself says why when it is asked for.
        }
      }
      return { kind: 'prefetch' };
    }
    case 'areas': {
      const [snapshot, all] = await Promise.all([snapshotOf(req.ref), oblasts()]);
      checkpoint(signal);
      const picked = req.regionIsos
        .map((iso) => all.find((r) => r.properties.iso === iso))
        .filter((r): r is Region => !!r);
      // Liberated ground in Russia (Kursk, 2024-08 → 2025-03) drawn but not counted (issue #13).
      return { kind: 'areas', areas: snapshotAreas(markOutsideUkraine(snapshot, all), picked) };
    }
    case 'change': {
      const [a, b] = await Promise.all([
        usedAt(req.source, req.from, signal),
        usedAt(req.source, req.to, signal),
      ]);
      const [all, focus, places] = await Promise.all([oblasts(), focusAreas(), settlements()]);
      checkpoint(signal);
      const usedSnapshot = (u: { used: UsedRef; snapshot: Snapshot }) => ({
        requested: u.used.requested,
        snapshot: markOutsideUkraine(u.snapshot, all),
        ...(u.used.note ? { note: u.used.note } : {}),
      });
      // The cached array alone while there are no user areas, so its region grid stays cached too.
      const { report, change } = buildChangeReport({
        source: sourceMeta(req.source),
        toolVersion: req.toolVersion,
        generatedAt: req.generatedAt,
        a: usedSnapshot(a),
        b: usedSnapshot(b),
        cls: req.cls,
        oblasts: all,
        focusAreas: req.userAreas.length ? [...focus, ...req.userAreas] : focus,
        claims,
        settlements: places,
      });
      return {
        kind: 'change',
        report,
        geojson: changeGeoJson(report, change, all),
        used: [a.used, b.used],
        snapshots: [view(a.snapshot), view(b.snapshot)],
      };
    }
    case 'assess': {
      const [a, b, all, clip] = await Promise.all([
        usedAt(req.a, req.date, signal),
        usedAt(req.b, req.date, signal),
        oblasts(),
        land(),
      ]);
      checkpoint(signal);
      const { report, disagreement } = compareAssessments({
        date: req.date,
        a: { requested: req.date, snapshot: a.snapshot, ...(a.used.note ? { note: a.used.note } : {}) },
        b: { requested: req.date, snapshot: b.snapshot, ...(b.used.note ? { note: b.used.note } : {}) },
        sources: { a: sourceMeta(req.a), b: sourceMeta(req.b) },
        toolVersion: req.toolVersion,
        generatedAt: req.generatedAt,
        land: clip,
        oblasts: all,
      });
      const notes = [a.used.note, b.used.note].filter((n): n is string => !!n);
      return { kind: 'assess', report, geojson: comparisonGeoJson(report, disagreement, all), notes };
    }
    case 'front':
    case 'frontAt': {
      let snapshot: Snapshot;
      let requested: string;
      let meta: { id: string; location: string };
      if (req.kind === 'front') {
        snapshot = await snapshotOf(req.ref);
        requested = snapshot.version.date;
        meta = req.ref.source === 'user' ? { id: 'file', location: 'file' } : sourceMeta(req.ref.source);
      } else {
        const at = await usedAt(req.source, req.date, signal);
        snapshot = at.snapshot;
        requested = req.date;
        meta = sourceMeta(req.source);
      }
      const ctx = await front();
      checkpoint(signal);
      const v = snapshot.version;
      const fl = frontLine(classGeometry(snapshot, 'occupied_all'), ctx);
      const greyGeometry = greyOuterGeometry(snapshot);
      const grey = greyGeometry ? frontLine(greyGeometry, ctx) : null;
      const reportFor = reportMeta(meta, req.toolVersion, req.generatedAt, [
        { requested, date: v.date, versionId: v.id },
      ]);
      const report = frontLengthReport(reportFor, v.date, { date: v.date, versionId: v.id }, fl, grey);
      if (req.kind === 'frontAt') return { kind: 'frontAt', report };
      return { kind: 'front', report, geojson: frontLineGeoJson(report, fl) };
    }
    case 'import': {
      const imported = await importFile(req);
      const refs = imported.snapshots.map((s) => {
        const id = `u${++nextUser}`;
        userSnapshots.set(id, s);
        return { source: 'user' as const, id };
      });
      return {
        kind: 'import',
        imported: { ...imported, snapshots: imported.snapshots.map(view) },
        refs,
      };
    }
    case 'forget':
      for (const ref of req.refs) {
        if (ref.source === 'user') userSnapshots.delete(ref.id);
        else snapshots.forget(keyOf(ref));
      }
      return { kind: 'forget' };
    case 'stats':
      return { kind: 'stats', held: snapshots.size, limit: snapshots.limit };
  }
}

const running = new Map<number, AbortController>();

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.kind === 'cancel') {
    running.get(msg.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(msg.id, controller);
  try {
    const answer = await handle(msg, controller.signal);
    post({ ...answer, id: msg.id } as FromWorker);
  } catch (err) {
    if (err instanceof NoSnapshot) post({ id: msg.id, kind: 'atError', error: err.detail });
    else if (controller.signal.aborted) post({ id: msg.id, kind: 'cancelled' });
    else post({ id: msg.id, kind: 'error', error: (err as Error).message });
  } finally {
    running.delete(msg.id);
  }
};
