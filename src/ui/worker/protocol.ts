/**
 * The one protocol between the page and the data worker (issue #14, docs/browser-data-path.md). The worker opens the
 * sources, fetches, parses, validates and keeps the snapshots; the page names them by {@link SnapshotRef} and gets
 * back only what it draws (a snapshot's territories) and figures. Every request has an `id`; an answer carries the
 * same `id`. `cancel` aborts a request the page no longer wants (a newer timeline date): the worker stops waiting for
 * it and answers `{ id, cancelled: true }`, which the page ignores.
 */
import type { FeatureCollection } from 'geojson';
import type {
  AssessmentComparison,
  ChangeClass,
  ChangeReport,
  FileSnapshots,
  FrontLengthReport,
  Region,
  Snapshot,
  SnapshotAreas,
  TerritoryClass,
  Version,
} from '../../core/index.ts';
import type { BrowserSourceId } from '../sourceIds.ts';

/** A snapshot the worker holds: a source's version, or a layer of the user's own file (`source: 'user'`). */
export interface SnapshotRef {
  source: BrowserSourceId | 'user';
  id: string;
}

/** Where the worker fetches the project's own data (URLs of the built assets, resolved by the page). */
export interface AssetUrls {
  oblasts: string;
  focusAreas: string;
  settlements: string;
  frontOutline: string;
}

/**
 * Which snapshot a date used (the CLI's `snapshotAt`, src/sources/snapshotAt.ts): `note` is its English note as the
 * report's metadata and the CLI carry it; `skipped` counts newer versions not published, for the page's own words.
 */
export interface UsedRef extends SnapshotRef {
  requested: string;
  date: string;
  note?: string;
  skipped: number;
}

/** Why a date has no snapshot: none on or before it, none of those loads, or another failure (its message). */
export type AtError =
  | { code: 'noSnapshot'; source: string; date: string; message: string }
  | { code: 'noneLoaded'; source: string; date: string; message: string }
  | { code: 'failed'; message: string };

/** A source as the report's metadata names it. */
export interface SourceMeta {
  id: string;
  location: string;
}

export type Request =
  | { kind: 'init'; urls: AssetUrls }
  | { kind: 'versions'; source: BrowserSourceId }
  /** One version, loaded and kept; answers what the page draws. */
  | { kind: 'load'; ref: SnapshotRef }
  /**
   * The snapshot for a date. `view`: answer its territories too; `totals`: the occupied total (since and before
   * 2022) for the timeline; `regions`: areas per class within those oblasts (the monthly series: none).
   */
  | { kind: 'at'; source: BrowserSourceId; date: string; view?: boolean; totals?: boolean }
  /** Loads these dates' snapshots (and their totals) ahead of being asked; answers nothing of them. */
  | { kind: 'prefetch'; source: BrowserSourceId; dates: readonly string[]; totals: boolean }
  | { kind: 'areas'; ref: SnapshotRef; regionIds: readonly string[] }
  | {
      kind: 'change';
      source: BrowserSourceId;
      from: string;
      to: string;
      cls: ChangeClass;
      toolVersion: string;
      generatedAt: string;
      /** The user's own areas (`user-N`), measured after the focus areas as `change --areas FILE` does. */
      userAreas: readonly Region[];
    }
  | {
      kind: 'assess';
      date: string;
      a: BrowserSourceId;
      b: BrowserSourceId;
      toolVersion: string;
      generatedAt: string;
    }
  | { kind: 'front'; ref: SnapshotRef; toolVersion: string; generatedAt: string }
  | { kind: 'frontAt'; source: BrowserSourceId; date: string; toolVersion: string; generatedAt: string }
  | { kind: 'import'; file: File; fileDate?: string; defaultClass?: TerritoryClass }
  | { kind: 'forget'; refs: readonly SnapshotRef[] }
  | { kind: 'stats' };

export type Answer =
  | { kind: 'init' }
  | { kind: 'versions'; versions: Version[]; warnings: string[]; location: string }
  | { kind: 'load'; snapshot: Snapshot; held: number }
  /** `held`: how many snapshots the worker now keeps (the heap test's view of the bound). */
  | { kind: 'at'; used: UsedRef; snapshot?: Snapshot; totalKm2?: number; held: number }
  | { kind: 'atError'; error: AtError }
  | { kind: 'prefetch' }
  | { kind: 'areas'; areas: SnapshotAreas }
  | {
      kind: 'change';
      report: ChangeReport;
      geojson: FeatureCollection;
      used: [UsedRef, UsedRef];
      /** The two snapshots, for the A/B views of the map. */
      snapshots: [Snapshot, Snapshot];
    }
  | { kind: 'assess'; report: AssessmentComparison; geojson: FeatureCollection; notes: string[] }
  | { kind: 'front'; report: FrontLengthReport; geojson: FeatureCollection }
  | { kind: 'frontAt'; report: FrontLengthReport }
  | { kind: 'import'; imported: FileSnapshots; refs: SnapshotRef[] }
  | { kind: 'forget' }
  | { kind: 'stats'; held: number; limit: number };

/** What goes to the worker: a request with its id, or the cancellation of one. */
export type ToWorker = (Request & { id: number }) | { kind: 'cancel'; id: number };

/** What comes back: an answer, a failure, a cancelled request, or a retry notice (not tied to a request). */
export type FromWorker =
  | (Answer & { id: number })
  /** `source`: the one source the failure is of, when the request read two (src/ui/worker/sourceFailed.ts). */
  | { id: number; kind: 'error'; error: string; source?: BrowserSourceId }
  | { id: number; kind: 'cancelled' }
  | { id: 0; kind: 'retry'; source: BrowserSourceId; reason: string; delayMs: number };

/** The answer kind for a request kind (the client's typed `ask`). */
export type AnswerTo<K extends Request['kind']> = K extends DatedKind
  ? Extract<Answer, { kind: K | 'atError' }>
  : Extract<Answer, { kind: K }>;

/** The requests that pick a snapshot for a date: answered `atError` when there is none. */
export type DatedKind = 'at' | 'change' | 'assess' | 'frontAt';
