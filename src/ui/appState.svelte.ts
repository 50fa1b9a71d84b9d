/**
 * The app's state: one class with rune fields, shared through context (STYLE.md). Big objects (versions,
 * snapshots, areas, change polygons) are `$state.raw` so they never become deep proxies.
 */
import type { FeatureCollection } from 'geojson';
import { getContext, setContext } from 'svelte';
import {
  monthEnds,
  nearestVersions,
  type ChangeReport,
  type Snapshot,
  type SnapshotAreas,
  type TerritoryClass,
  type UsedSnapshot,
  type Version,
} from '../core/index.ts';
import type { SnapshotSource } from '../sources/types.ts';
import { computeAreas, computeChange, computeTotals, importFile } from './areaClient.ts';
import { FrontLineState } from './frontLine.svelte.ts';
import { browserSource, type BrowserSourceId } from './browserSources.ts';
import { MyAreas } from './myAreas.svelte.ts';
import { browserStorage } from './myAreasStorage.ts';
import type { CompareView } from './compareViews.ts';
import { message, type Message, type Text } from './i18n/translate.ts';
import { DATE_COLOURS } from './style.ts';
import { publishedSeries } from './published.ts';

export type LayerStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface LayerInfo {
  status: LayerStatus;
  error?: string;
  /** Index into DATE_COLOURS/DATE_DASHES while visible. */
  colour?: number;
  areas?: SnapshotAreas;
  /** True while the worker computes this version's areas. */
  computing?: boolean;
  areaError?: string;
}

export interface Comparison {
  status: 'idle' | 'loading' | 'computing' | 'ready' | 'error';
  error?: Text;
  report?: ChangeReport;
  geojson?: FeatureCollection;
  /** Shown in the interface language (messages), or as they are (a source's or the worker's error). */
  notes: Text[];
}

/** The Alaska summit, the default "before" date of the 2025 comparisons. */
export const ALASKA_SUMMIT = '2025-08-15T12:00:00Z';
export const DEFAULT_COMPARE: readonly [string, string] = ['2025-08-15', '2025-11-20'];

/** Loaded snapshots kept beyond those on screen, least recently used dropped first (bounded memory in playback). */
const SNAPSHOT_CACHE = 48;

/** How many versions to try, newest first, before giving up on finding a default layer that loads. */
const MAX_PROBES = 800;
const PROBE_BATCH = 8;

export class AppState {
  sourceId = $state<BrowserSourceId>('deepstate-api');
  source: SnapshotSource;
  versions = $state.raw<Version[]>([]);
  listStatus = $state<'loading' | 'ready' | 'error'>('loading');
  /**
   * Set when a request failed in a passing way (no answer, 5xx, 429) and waits to be tried again, for the wait and
   * 2 s more; by then the version has loaded or shows its own error. Loads run side by side, so the notice is not
   * tied to one of them. Its reason comes from the server and is only ever shown as text.
   */
  retrying = $state.raw<{ reason: string; seconds: number } | null>(null);
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onRetry = ({ reason, delayMs }: { reason: string; delayMs: number }) => {
    this.retrying = { reason: reason.slice(0, 300), seconds: delayMs / 1000 };
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => (this.retrying = null), delayMs + 2000);
  };
  listError = $state('');
  listWarnings = $state.raw<string[]>([]);
  /** Per version id. Replaced, never mutated, so readers re-run. */
  layers = $state.raw<Record<string, LayerInfo>>({});
  /** Visible (pinned) version ids, in the order they were switched on. */
  visible = $state.raw<string[]>([]);
  /** Parsed snapshots by version id (large: raw). */
  snapshots = $state.raw<Record<string, Snapshot>>({});
  defaultsStatus = $state<Text>('');
  toolVersion: string;

  compareA = $state(DEFAULT_COMPARE[0]);
  compareB = $state(DEFAULT_COMPARE[1]);
  comparison = $state.raw<Comparison>({ status: 'idle', notes: [] });
  /** What the map shows of the comparison: the change polygons, A's or B's snapshot, both, a swipe or two maps. */
  compareView = $state<CompareView>('change');
  /** The snapshots the comparison used (for the A/B views). */
  compareSnapshots = $state.raw<[Snapshot, Snapshot] | null>(null);
  /** The selected focus area's id ('' for none): highlighted on the map, its figures shown first (issue #5). */
  focusArea = $state('');
  /** The GeoNames id of the place picked in the comparison's list of places that changed hands (issue #12). */
  selectedPlace = $state<number | null>(null);
  /**
   * Areas of your own (drawn or imported, kept in local storage): measured in every comparison after the focus
   * areas; a change to them recomputes a comparison already asked for.
   */
  myAreas = new MyAreas(browserStorage, () => {
    if (this.comparison.status !== 'idle') void this.compare();
  });

  /** The timeline's date (`YYYY-MM-DD`), '' when unset; its snapshot is drawn as the timeline layer. */
  timelineDate = $state('');
  /** The version shown for the timeline date: the newest loaded one on or before it. */
  timelineVersionId = $state('');
  timelineArea = $state<number | null>(null);

  /** Layers from the user's own files (kept across source switches; never replaced by a failed import). */
  userLayers = $state.raw<{ key: string; file: string; snapshot: Snapshot; areas?: SnapshotAreas }[]>([]);
  /** Keys of imported layers come from a counter: a key built from the list's length repeats after a removal. */
  #nextUserLayer = 0;
  importStatus = $state<Text>('');
  importProblems = $state.raw<Text[]>([]);
  importWarnings = $state.raw<string[]>([]);

  /** Occupied area at each month end of the active source, for the charts (loaded on demand). */
  series = $state.raw<{ date: string; snapshot: string; areaKm2: number }[]>([]);
  seriesStatus = $state<Text>('');
  /** The front line and its length (issue #15). */
  readonly front = new FrontLineState();

  private generation = 0;
  /** Version ids in order of last use, for evicting snapshots nobody shows. */
  private recent: string[] = [];
  /** Snapshots the comparison uses (kept while it is on screen). */
  private compared: string[] = [];
  private compareRun = 0;
  /** Loads under way, by generation and version id (so a date asked for twice is fetched once). */
  private loading = new Map<string, Promise<boolean>>();
  private timelineRun = 0;

  constructor(sourceId: BrowserSourceId, toolVersion: string, source?: SnapshotSource) {
    this.sourceId = sourceId;
    this.source = source ?? browserSource(sourceId, this.onRetry);
    this.toolVersion = toolVersion;
  }

  visibleVersions = $derived.by(() => {
    const byId = new Map(this.versions.map((v) => [v.id, v]));
    return this.visible.map((id) => byId.get(id)).filter((v): v is Version => !!v);
  });

  /** Distinct dates of the active source, oldest first (the timeline's steps). */
  dates = $derived([...new Set(this.versions.map((v) => v.date))]);

  private setLayer(id: string, patch: Partial<LayerInfo>): void {
    const prev = this.layers[id] ?? { status: 'idle' };
    this.layers = { ...this.layers, [id]: { ...prev, ...patch } };
  }

  /** Switches the active source: everything loaded from the old one is dropped. */
  async setSource(id: BrowserSourceId, { defaults = true } = {}): Promise<void> {
    if (id === this.sourceId && this.listStatus === 'ready') return;
    this.generation++;
    this.sourceId = id;
    this.source = browserSource(id, this.onRetry);
    this.versions = [];
    this.layers = {};
    this.visible = [];
    this.snapshots = {};
    this.comparison = { status: 'idle', notes: [] };
    this.timelineDate = '';
    this.timelineVersionId = '';
    this.recent = [];
    this.compared = [];
    this.totals = new Map();
    this.series = [];
    this.seriesStatus = '';
    this.front.clear();
    this.listStatus = 'loading';
    await this.start({ defaults });
  }

  /** Loads the version list, then (optionally) switches on the default layers. */
  async start({ defaults = true } = {}): Promise<void> {
    const gen = this.generation;
    try {
      const { versions, warnings } = await this.source.listVersions();
      if (gen !== this.generation) return;
      this.versions = versions;
      this.listWarnings = warnings;
      this.listStatus = 'ready';
    } catch (err) {
      if (gen !== this.generation) return;
      this.listStatus = 'error';
      this.listError = (err as Error).message;
      return;
    }
    if (defaults) await this.showDefaults();
  }

  /** Bumped by {@link cancelDefaults}: default layers still being looked for are then not added. */
  #defaultsRun = 0;

  /**
   * The user's own choice of layers (a state file) replaces the defaults: those still being looked for are not
   * added once found, which would have pinned two more dates than the file holds.
   */
  cancelDefaults(): void {
    this.#defaultsRun++;
    this.defaultsStatus = '';
  }

  /**
   * Default layers: the newest version that loads and the one nearest the Alaska summit that loads (issue #2).
   * Versions are tried in order, a few at a time; the ones that fail keep their error in the list.
   */
  async showDefaults(): Promise<void> {
    const gen = this.generation;
    const run = this.#defaultsRun;
    const newest = [...this.versions].reverse();
    this.defaultsStatus = message('layers.lookingNewest');
    const latest = await this.firstThatLoads(newest);
    this.defaultsStatus = message('layers.lookingAlaska');
    const alaska = await this.firstThatLoads(nearestVersions(this.versions, ALASKA_SUMMIT));
    if (gen !== this.generation || run !== this.#defaultsRun) return;
    this.defaultsStatus = latest || alaska ? '' : message('layers.noneLoads');
    for (const v of [alaska, latest]) if (v && !this.visible.includes(v.id)) this.show(v.id);
  }

  private async firstThatLoads(candidates: readonly Version[]): Promise<Version | null> {
    const gen = this.generation;
    const list = candidates.slice(0, MAX_PROBES);
    for (let i = 0; i < list.length;) {
      if (gen !== this.generation) return null;
      // Try the very first alone (the usual case: it loads), then a few at a time.
      const size = i === 0 ? 1 : PROBE_BATCH;
      const batch = list.slice(i, i + size);
      i += size;
      const ok = await Promise.all(batch.map((v) => this.load(v.id)));
      const found = batch.find((_, k) => ok[k]);
      if (found) return found;
    }
    return null;
  }

  /** Fetches and parses a version unless already there; resolves true when it is ready. */
  async load(id: string): Promise<boolean> {
    this.recent = [...this.recent.filter((r) => r !== id), id];
    if (this.snapshots[id]) return true;
    // One request per version at a time: playback's read-ahead asks for the same dates on every tick.
    const key = `${this.generation}:${id}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.fetchVersion(id).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  /**
   * How many parsed snapshots are held, the LRU bound on those nobody shows, and how many are on screen (kept
   * whatever the bound): issue #6's long-playback test reads this through `window.__frontline.snapshotCache`.
   */
  snapshotCacheStats(): { held: number; limit: number; inUse: number } {
    const inUse = new Set([...this.visible, this.timelineVersionId, ...this.compared]);
    const held = Object.keys(this.snapshots);
    return { held: held.length, limit: SNAPSHOT_CACHE, inUse: held.filter((id) => inUse.has(id)).length };
  }

  private async fetchVersion(id: string): Promise<boolean> {
    const version = this.versions.find((v) => v.id === id);
    if (!version) return false;
    if (this.layers[id]?.status === 'error') return false;
    const gen = this.generation;
    this.setLayer(id, { status: 'loading' });
    try {
      const snapshot = await this.source.loadVersion(version);
      if (gen !== this.generation) return false;
      this.snapshots = { ...this.snapshots, [id]: snapshot };
      this.setLayer(id, { status: 'ready' });
      this.evict();
      return true;
    } catch (err) {
      if (gen !== this.generation) return false;
      this.setLayer(id, { status: 'error', error: (err as Error).message });
      return false;
    }
  }

  /** Drops the least recently used snapshots that no layer, timeline or comparison shows, beyond SNAPSHOT_CACHE. */
  private evict(): void {
    const keep = new Set([...this.visible, this.timelineVersionId, ...this.compared]);
    const loaded = this.recent.filter((id) => this.snapshots[id]);
    const spare = loaded.filter((id) => !keep.has(id));
    const excess = loaded.length - SNAPSHOT_CACHE;
    if (excess <= 0 || spare.length === 0) return;
    const drop = new Set(spare.slice(0, excess));
    this.snapshots = Object.fromEntries(Object.entries(this.snapshots).filter(([id]) => !drop.has(id)));
    this.recent = this.recent.filter((id) => !drop.has(id));
    // Their computed areas go too; a layer switched on again recomputes them.
    this.layers = Object.fromEntries(
      Object.entries(this.layers).map(([id, l]) => [
        id,
        drop.has(id)
          ? { status: l.status === 'error' ? l.status : 'idle', ...(l.error ? { error: l.error } : {}) }
          : l,
      ]),
    ) as Record<string, LayerInfo>;
  }

  /**
   * The snapshot for a date: the newest version on or before it that loads (cached), with a note when it is not
   * from that very date. Null, with the reason, when there is none. `note` (English) goes into the report's
   * metadata, as the CLI writes it; `noteText`/`errorText` are the same for the page, in its language.
   */
  async snapshotFor(
    date: string,
  ): Promise<(UsedSnapshot & { noteText?: Message }) | { error: string; errorText: Message }> {
    const candidates = this.versions.filter((v) => v.date <= date).reverse();
    if (candidates.length === 0)
      return {
        error: `${this.sourceId} has no snapshot on or before ${date}`,
        errorText: message('compare.noSnapshot', { source: this.sourceId, date }),
      };
    const found = await this.firstThatLoads(candidates);
    if (!found)
      return {
        error: `none of the versions on or before ${date} could be loaded`,
        errorText: message('compare.noneLoaded', { date }),
      };
    const snapshot = this.snapshots[found.id]!;
    if (found.date === date) return { requested: date, snapshot };
    const skipped = candidates.indexOf(found);
    const params = { date, used: found.date, id: found.id };
    return {
      requested: date,
      snapshot,
      note:
        `${date}: no snapshot that day; used ${found.date} (version ${found.id}), the nearest earlier one` +
        (skipped ? `; ${skipped} newer version(s) could not be loaded` : ''),
      noteText: skipped
        ? message('compare.usedEarlierSkipped', { ...params, count: skipped })
        : message('compare.usedEarlier', params),
    };
  }

  /** Switches a version on: loads it if needed, assigns it a date colour, computes its areas. */
  show(id: string): void {
    if (this.visible.includes(id)) return;
    const used = new Set(this.visible.map((v) => this.layers[v]?.colour));
    const colour = DATE_COLOURS.findIndex((_, i) => !used.has(i));
    this.visible = [...this.visible, id];
    this.setLayer(id, { colour: colour < 0 ? this.visible.length % DATE_COLOURS.length : colour });
    void this.load(id).then((ok) => {
      if (ok) void this.ensureAreas(id);
    });
  }

  hide(id: string): void {
    this.visible = this.visible.filter((v) => v !== id);
  }

  toggle(id: string, on: boolean): void {
    if (on) this.show(id);
    else this.hide(id);
  }

  /** Retries a version whose load failed. */
  retry(id: string): void {
    this.setLayer(id, { status: 'idle', error: '' });
    void this.load(id).then((ok) => {
      if (ok && this.visible.includes(id)) void this.ensureAreas(id);
    });
  }

  private async ensureAreas(id: string): Promise<void> {
    const snapshot = this.snapshots[id];
    const layer = this.layers[id];
    if (!snapshot || layer?.areas || layer?.computing) return;
    this.setLayer(id, { computing: true, areaError: '' });
    try {
      this.setLayer(id, { areas: await computeAreas(snapshot), computing: false });
    } catch (err) {
      this.setLayer(id, { areaError: (err as Error).message, computing: false });
    }
  }

  /** Compares dates A and B: the change layer and the figures. A newer request supersedes an older one. */
  async compare(): Promise<void> {
    const run = ++this.compareRun;
    const [from, to] = [this.compareA, this.compareB];
    if (!from || !to) return;
    if (from > to) {
      this.comparison = { status: 'error', error: message('compare.aAfterB', { a: from, b: to }), notes: [] };
      return;
    }
    this.comparison = { status: 'loading', notes: [] };
    const [a, b] = await Promise.all([this.snapshotFor(from), this.snapshotFor(to)]);
    if (run !== this.compareRun) return;
    if ('error' in a || 'error' in b) {
      this.comparison = {
        status: 'error',
        error: 'error' in a ? a.errorText : (b as { errorText: Message }).errorText,
        notes: [],
      };
      return;
    }
    const notes = [a.noteText, b.noteText].filter((n): n is Message => !!n);
    this.compared = [a.snapshot.version.id, b.snapshot.version.id];
    this.compareSnapshots = [a.snapshot, b.snapshot];
    this.comparison = { status: 'computing', notes };
    try {
      const { report, geojson } = await computeChange(
        a,
        b,
        'occupied_all',
        { id: this.source.id, location: this.source.location },
        this.toolVersion,
        this.myAreas.regions,
      );
      if (run !== this.compareRun) return;
      this.comparison = { status: 'ready', report, geojson, notes };
    } catch (err) {
      if (run !== this.compareRun) return;
      this.comparison = { status: 'error', error: (err as Error).message, notes };
    }
  }

  /**
   * Imports a user's GeoJSON file as dated layers. The file is validated on the same path as every source; if it
   * yields nothing, its problems are listed and nothing already loaded changes.
   */
  async importUserFile(
    file: File,
    options: { fileDate?: string; defaultClass?: TerritoryClass } = {},
  ): Promise<void> {
    this.importStatus = message('import.reading', { file: file.name });
    this.importProblems = [];
    this.importWarnings = [];
    try {
      const result = await importFile(file, options);
      if (result.snapshots.length === 0) {
        this.importProblems = result.issues.length
          ? result.issues
          : [message('import.nothingToShow', { file: file.name })];
        return;
      }
      this.importWarnings = result.warnings;
      const added = result.snapshots.map((snapshot) => ({
        key: `${++this.#nextUserLayer}-${snapshot.version.id}`,
        file: file.name,
        snapshot,
      }));
      this.userLayers = [...this.userLayers, ...added];
      for (const layer of added) {
        void computeAreas(layer.snapshot).then((areas) => {
          this.userLayers = this.userLayers.map((l) => (l.key === layer.key ? { ...l, areas } : l));
        });
      }
    } catch (err) {
      this.importProblems = [`${file.name}: ${(err as Error).message}`];
    } finally {
      this.importStatus = '';
    }
  }

  removeUserLayer(key: string): void {
    this.userLayers = this.userLayers.filter((l) => l.key !== key);
  }

  /**
   * Occupied area (since and before 24 Feb 2022) at the end of every month the source covers. Net monthly gains are
   * differences of consecutive month-end areas: last snapshot of month M−1 → last of M, as the press reports them.
   */
  async loadSeries(): Promise<void> {
    const gen = this.generation;
    const first = this.dates[0];
    const last = this.dates[this.dates.length - 1];
    if (!first || !last) return;
    const ends = monthEnds(first, last);
    const out: { date: string; snapshot: string; areaKm2: number }[] = [];
    // Served from a `frontline publish` folder: the months it precomputed need no snapshot (src/ui/published.ts).
    if (ends[0])
      this.seriesStatus = message('charts.loadingMonth', {
        index: 1,
        total: ends.length,
        month: ends[0].slice(0, 7),
      });
    const published = await publishedSeries(this.sourceId, ends);
    for (const [i, date] of ends.entries()) {
      if (gen !== this.generation) return;
      const known = published?.points.get(date);
      if (known) {
        out.push({ date, ...known });
        this.series = [...out];
        continue;
      }
      this.seriesStatus = message('charts.loadingMonth', {
        index: i + 1,
        total: ends.length,
        month: date.slice(0, 7),
      });
      const used = await this.snapshotFor(date);
      if ('error' in used) continue;
      const areas = await computeAreas(used.snapshot);
      const area =
        areas.total.occupied + (used.snapshot.occupiedIncludesPre2022 ? 0 : areas.total.occupied_pre2022);
      out.push({ date, snapshot: used.snapshot.version.date, areaKm2: area });
      this.series = [...out];
    }
    if (gen === this.generation) this.seriesStatus = '';
  }

  /** Occupied totals (since and before 2022) by version id, for the timeline figure. */
  private totals = new Map<string, number>();

  /**
   * Moves the timeline to a date. Any snapshot that finishes loading is shown if it is newer than the one on screen
   * and not past the timeline's date, so during playback a slow frame never blocks the next and completed frames
   * are never thrown away; the figure follows the frame on screen.
   */
  async setTimelineDate(date: string): Promise<void> {
    const gen = this.generation;
    this.timelineDate = date;
    const used = await this.snapshotFor(date);
    if (gen !== this.generation || 'error' in used) return;
    const v = used.snapshot.version;
    const shown = this.snapshots[this.timelineVersionId]?.version.date ?? '';
    const latestRequest = date === this.timelineDate;
    const forwardAndNewer = v.date > shown && v.date <= this.timelineDate;
    if (!latestRequest && !forwardAndNewer) return;
    this.timelineVersionId = v.id;
    const known = this.totals.get(v.id);
    if (known !== undefined) {
      this.timelineArea = known;
      return;
    }
    this.timelineArea = null;
    const area = await this.totalOf(used.snapshot);
    // Null: the figure stays empty; the layer is still shown.
    if (area !== null && this.timelineVersionId === v.id) this.timelineArea = area;
  }

  /** Totals being computed, by version id (so a read-ahead and the frame itself ask the worker once). */
  private totalsPending = new Map<string, Promise<number | null>>();

  /** The occupied total (since and before 2022) of a snapshot, computed once in the worker; null if that failed. */
  private totalOf(snapshot: Snapshot): Promise<number | null> {
    const id = snapshot.version.id;
    const known = this.totals.get(id);
    if (known !== undefined) return Promise.resolve(known);
    let pending = this.totalsPending.get(id);
    if (!pending) {
      pending = computeTotals(snapshot)
        .then(({ total: t }) => {
          const area = t.occupied + (snapshot.occupiedIncludesPre2022 ? 0 : t.occupied_pre2022);
          this.totals.set(id, area);
          return area;
        })
        .catch(() => null)
        .finally(() => this.totalsPending.delete(id));
      this.totalsPending.set(id, pending);
    }
    return pending;
  }

  /**
   * Starts loading the snapshots for these dates without showing them: playback reads ahead, and so does stepping
   * through the timeline by hand. `totals` computes their timeline figures as well (stepping: one date at a time,
   * so the worker has the time; playback skips frames and leaves it to the frames it shows).
   */
  prefetch(dates: readonly string[], { totals = false }: { totals?: boolean } = {}): void {
    const gen = this.generation;
    for (const d of dates) {
      const used = this.snapshotFor(d);
      if (totals)
        void used.then((u) => {
          if (gen === this.generation && !('error' in u)) void this.totalOf(u.snapshot);
        });
    }
  }
}

const KEY = Symbol('frontline-app-state');

export function setAppState(state: AppState): AppState {
  return setContext(KEY, state);
}

export function getAppState(): AppState {
  return getContext<AppState>(KEY);
}
