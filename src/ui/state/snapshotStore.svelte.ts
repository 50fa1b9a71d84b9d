/**
 * The active source on the page (issue #14): its version list, the pinned layers and their figures, and the snapshots
 * on screen. The snapshots themselves are fetched, parsed, validated and kept in the data worker; the page holds only
 * those it draws, by version id, and drops each once nothing shows it.
 */
import { nearestVersions, type Snapshot, type SnapshotAreas, type Version } from '../../core/index.ts';
import { message, type Text } from '../i18n/translate.ts';
import type { BrowserSourceId } from '../sourceIds.ts';
import { DATE_COLOURS, CONTESTED_OBLASTS } from '../style.ts';
import { ask } from '../worker/dataClient.ts';

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

/** The Alaska summit, the default "before" date of the 2025 comparisons. */
export const ALASKA_SUMMIT = '2025-08-15T12:00:00Z';

/** How many versions to try, newest first, before giving up on finding a default layer that loads. */
const MAX_PROBES = 800;
const PROBE_BATCH = 8;
/** The worker's bound on snapshots kept beyond those on screen (src/ui/worker/dataWorker.ts). */
const WORKER_HELD = 48;

export class SnapshotStore {
  sourceId = $state<BrowserSourceId>('deepstate-api');
  /** Where the source reads from, as reports name it (the worker's answer). */
  location = $state('');
  versions = $state.raw<Version[]>([]);
  listStatus = $state<'loading' | 'ready' | 'error'>('loading');
  listError = $state('');
  listWarnings = $state.raw<string[]>([]);
  /** Per version id. Replaced, never mutated, so readers re-run. */
  layers = $state.raw<Record<string, LayerInfo>>({});
  /** Visible (pinned) version ids, in the order they were switched on. */
  visible = $state.raw<string[]>([]);
  /** The snapshots on screen by version id (pinned, the timeline's, the comparison's): what the map draws. */
  snapshots = $state.raw<Record<string, Snapshot>>({});
  defaultsStatus = $state<Text>('');
  /** How many snapshots the worker keeps (last heard). */
  workerHeld = $state(0);
  /** Bumped on every source switch: answers for an older one are dropped. */
  generation = 0;
  /** Ids other parts of the page show (the timeline's, the comparison's), by who shows them. */
  #shownBy = new Map<string, string[]>();
  #defaultsRun = 0;

  constructor(sourceId: BrowserSourceId) {
    this.sourceId = sourceId;
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

  /** Forgets everything of the old source (the caller then starts the new one). */
  reset(id: BrowserSourceId): void {
    this.generation++;
    this.sourceId = id;
    this.versions = [];
    this.layers = {};
    this.visible = [];
    this.snapshots = {};
    this.#shownBy.clear();
    this.listStatus = 'loading';
  }

  /** Loads the version list. */
  async list(): Promise<boolean> {
    const gen = this.generation;
    try {
      const { versions, warnings, location } = await ask({ kind: 'versions', source: this.sourceId });
      if (gen !== this.generation) return false;
      this.versions = versions;
      this.listWarnings = warnings;
      this.location = location;
      this.listStatus = 'ready';
      return true;
    } catch (err) {
      if (gen !== this.generation) return false;
      this.listStatus = 'error';
      this.listError = (err as Error).message;
      return false;
    }
  }

  /** The user's own choice of layers (a state file) replaces the defaults still being looked for. */
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
    this.defaultsStatus = message('layers.lookingNewest');
    const latest = await this.firstThatLoads([...this.versions].reverse());
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
      const ok = await Promise.all(batch.map((v) => this.load(v.id, { keep: false })));
      const found = batch.find((_, k) => ok[k]);
      if (found) return found;
    }
    return null;
  }

  /**
   * Loads a version in the worker; resolves true when it is there. `keep`: the page holds its snapshot to draw it
   * (a pinned layer); probing for defaults only asks whether it loads.
   */
  async load(id: string, { keep = true }: { keep?: boolean } = {}): Promise<boolean> {
    if (this.snapshots[id]) return true;
    if (this.layers[id]?.status === 'error') return false;
    const gen = this.generation;
    this.setLayer(id, { status: 'loading' });
    try {
      const { snapshot, held } = await ask({ kind: 'load', ref: { source: this.sourceId, id } });
      if (gen !== this.generation) return false;
      this.workerHeld = held;
      if (keep || this.visible.includes(id)) this.hold(snapshot);
      this.setLayer(id, { status: 'ready' });
      return true;
    } catch (err) {
      if (gen !== this.generation) return false;
      this.setLayer(id, { status: 'error', error: (err as Error).message });
      return false;
    }
  }

  /** Keeps a snapshot the page draws. */
  hold(snapshot: Snapshot): void {
    // A version's snapshot never changes: the copy already held stays (a new copy would redraw its layers).
    if (this.snapshots[snapshot.version.id]) return;
    this.snapshots = { ...this.snapshots, [snapshot.version.id]: snapshot };
  }

  /**
   * Says which snapshots `who` (the timeline, the comparison) shows now; those nobody shows any more are let go
   * (the worker still keeps them, within its bound).
   */
  shownBy(who: string, ids: string[], snapshots: readonly Snapshot[] = []): void {
    this.#shownBy.set(who, ids);
    const keep = new Set([...this.visible, ...[...this.#shownBy.values()].flat()]);
    const next = Object.fromEntries(Object.entries(this.snapshots).filter(([id]) => keep.has(id)));
    // The copy already held stays, so a pinned layer the timeline passes over is not redrawn from a new copy.
    for (const s of snapshots) next[s.version.id] ??= s;
    this.snapshots = next;
  }

  /**
   * How many snapshots are held (by the worker), the bound on those nobody shows, and how many are on screen:
   * issue #6's long-playback test reads this through `window.__frontline.snapshotCache`.
   */
  cacheStats(): { held: number; limit: number; inUse: number } {
    return { held: this.workerHeld, limit: WORKER_HELD, inUse: Object.keys(this.snapshots).length };
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
    this.shownBy('layers', []);
  }

  /** Switches a version on or off (the layer list's checkbox). */
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
    const layer = this.layers[id];
    if (layer?.areas || layer?.computing) return;
    const gen = this.generation;
    this.setLayer(id, { computing: true, areaError: '' });
    try {
      const { areas } = await ask({
        kind: 'areas',
        ref: { source: this.sourceId, id },
        regionIds: CONTESTED_OBLASTS,
      });
      if (gen === this.generation) this.setLayer(id, { areas, computing: false });
    } catch (err) {
      if (gen === this.generation) this.setLayer(id, { areaError: (err as Error).message, computing: false });
    }
  }
}
