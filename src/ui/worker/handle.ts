/**
 * What the data worker answers to each request of the protocol (src/ui/worker/protocol.ts): computed on the snapshots
 * it holds (src/ui/worker/heldSources.ts), with the same core the CLI runs.
 */
import {
  buildChangeReport,
  changeGeoJson,
  classGeometry,
  compareAssessments,
  comparisonGeoJson,
  frontLengthReport,
  frontLine,
  frontLineGeoJson,
  greyOuterGeometry,
  markOutsideUkraine,
  parseGeoJsonText,
  reportMeta,
  sizeIssue,
  snapshotAreas,
  snapshotsFromFile,
  type FileSnapshots,
  type Region,
  type Snapshot,
} from '../../core/index.ts';
import type { BrowserSourceId } from '../sourceIds.ts';
import { claims, focusAreas, front, land, oblasts, setAssetUrls, settlements } from './assets.ts';
import {
  abortable,
  checkpoint,
  keyOf,
  listWarnings,
  NoSnapshot,
  opened,
  snapshotOf,
  snapshots,
  totalOf,
  usedAt,
  userSnapshots,
  view,
} from './heldSources.ts';
import type { Answer, Request, UsedRef } from './protocol.ts';
import { SourceFailed } from './sourceFailed.ts';

let nextUser = 0;

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

/** The answer to one request; `signal` aborts when the page cancels it. */
export async function handle(req: Request, signal: AbortSignal): Promise<Answer> {
  switch (req.kind) {
    case 'init':
      setAssetUrls(req.urls);
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
      const picked = req.regionIds
        .map((iso) => all.find((r) => r.properties.id === iso))
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
      // Two sources: a failure of either says which one it is (a date with no snapshot already does).
      const side = (id: BrowserSourceId) =>
        usedAt(id, req.date, signal).catch((err: unknown) => {
          throw err instanceof NoSnapshot || signal.aborted
            ? err
            : new SourceFailed((err as Error).message, id);
        });
      const [a, b, all, clip] = await Promise.all([side(req.a), side(req.b), oblasts(), land()]);
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
      return { kind: 'front', report, geojson: frontLineGeoJson(report, fl, grey) };
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
