/**
 * The app's state: one class with rune fields, shared through context (STYLE.md). Big objects (versions,
 * snapshots, areas) are `$state.raw` so they never become deep proxies.
 */
import { getContext, setContext } from 'svelte';
import { nearestVersions, type Snapshot, type SnapshotAreas, type Version } from '../core/index.ts';
import type { DeepStateApi } from '../sources/deepstateApi.ts';
import { computeAreas } from './areaClient.ts';
import { DATE_COLOURS } from './style.ts';

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

export class AppState {
  versions = $state.raw<Version[]>([]);
  listStatus = $state<'loading' | 'ready' | 'error'>('loading');
  listError = $state('');
  listWarnings = $state.raw<string[]>([]);
  /** Per version id. Replaced, never mutated, so readers re-run. */
  layers = $state.raw<Record<string, LayerInfo>>({});
  /** Visible version ids, in the order they were switched on. */
  visible = $state.raw<string[]>([]);
  /** Parsed snapshots by version id (large: raw). */
  snapshots = $state.raw<Record<string, Snapshot>>({});
  defaultsStatus = $state('');

  readonly api: DeepStateApi;

  constructor(api: DeepStateApi) {
    this.api = api;
  }

  visibleVersions = $derived.by(() => {
    const byId = new Map(this.versions.map((v) => [v.id, v]));
    return this.visible.map((id) => byId.get(id)).filter((v): v is Version => !!v);
  });

  private setLayer(id: string, patch: Partial<LayerInfo>): void {
    const prev = this.layers[id] ?? { status: 'idle' };
    this.layers = { ...this.layers, [id]: { ...prev, ...patch } };
  }

  /** Loads the version list, then switches on the defaults. */
  async start(): Promise<void> {
    try {
      const { versions, warnings } = await this.api.listVersions();
      this.versions = versions;
      this.listWarnings = warnings;
      this.listStatus = 'ready';
    } catch (err) {
      this.listStatus = 'error';
      this.listError = (err as Error).message;
      return;
    }
    await this.showDefaults();
  }

  /**
   * Default layers: the newest version that loads and the one nearest the Alaska summit that loads (issue #2).
   * Versions are tried in order, a few at a time; the ones that fail keep their error in the list.
   */
  async showDefaults(): Promise<void> {
    const newest = [...this.versions].reverse();
    this.defaultsStatus = 'Looking for the newest version that loads…';
    const latest = await this.firstThatLoads(newest);
    this.defaultsStatus = 'Looking for the version nearest 15 Aug 2025 that loads…';
    const alaska = await this.firstThatLoads(nearestVersions(this.versions, ALASKA_SUMMIT));
    this.defaultsStatus = latest || alaska ? '' : 'No version could be loaded from the source.';
    for (const v of [alaska, latest]) if (v && !this.visible.includes(v.id)) this.show(v.id);
  }

  private async firstThatLoads(candidates: readonly Version[]): Promise<Version | null> {
    const list = candidates.slice(0, MAX_PROBES);
    for (let i = 0; i < list.length;) {
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
    if (this.snapshots[id]) return true;
    const version = this.versions.find((v) => v.id === id);
    if (!version) return false;
    if (this.layers[id]?.status === 'error') return false;
    this.setLayer(id, { status: 'loading' });
    try {
      const snapshot = await this.api.loadVersion(version);
      this.snapshots = { ...this.snapshots, [id]: snapshot };
      this.setLayer(id, { status: 'ready' });
      return true;
    } catch (err) {
      this.setLayer(id, { status: 'error', error: (err as Error).message });
      return false;
    }
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
}

const KEY = Symbol('frontline-app-state');

export function setAppState(state: AppState): AppState {
  return setContext(KEY, state);
}

export function getAppState(): AppState {
  return getContext<AppState>(KEY);
}
