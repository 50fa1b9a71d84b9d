/**
 * The app's state, split by concern (issue #14): small rune classes that each own one thing — the active source's
 * versions and layers (SnapshotStore), the timeline, the comparison, the user's file layers, the chart series, the
 * retry notice, the front line and the user's areas. Each is provided in its own context (src/ui/state/context.ts),
 * as svelte-maplibre-gl provides its map, and panels take the parts they read from there. The data behind them lives
 * in the data worker (src/ui/worker/); the page holds ids, dates and what it draws.
 *
 * `AppState` only composes them: it builds them with what they share, wires them together (your areas changing
 * recompute a comparison already asked for) and switches the source, which resets them all.
 */
import { getContext, setContext } from 'svelte';
import { FrontLineState } from './frontLine.svelte.ts';
import { MyAreas } from './myAreas.svelte.ts';
import { browserStorage } from './myAreasStorage.ts';
import type { BrowserSourceId } from './sourceIds.ts';
import { ComparisonState } from './state/comparison.svelte.ts';
import { provideParts, type AppParts } from './state/context.ts';
import { RetryNotice } from './state/retryNotice.svelte.ts';
import { Series } from './state/series.svelte.ts';
import { SnapshotStore } from './state/snapshotStore.svelte.ts';
import { TimelineState } from './state/timeline.svelte.ts';
import { UserLayers } from './state/userLayers.svelte.ts';

export { DEFAULT_COMPARE } from './state/comparison.svelte.ts';

export class AppState {
  readonly store: SnapshotStore;
  readonly timeline: TimelineState;
  readonly comparing: ComparisonState;
  readonly userLayers = new UserLayers();
  readonly series: Series;
  readonly retryNotice: RetryNotice;
  /** The front line and its length (issue #15). */
  readonly front = new FrontLineState();
  /**
   * Areas of your own (drawn or imported, kept in local storage): measured in every comparison after the focus
   * areas; a change to them recomputes a comparison already asked for.
   */
  readonly myAreas: MyAreas = new MyAreas(browserStorage, () => {
    if (this.comparing.result.status !== 'idle') void this.comparing.compare();
  });

  constructor(
    sourceId: BrowserSourceId,
    readonly toolVersion: string,
  ) {
    this.store = new SnapshotStore(sourceId);
    this.timeline = new TimelineState(this.store);
    this.comparing = new ComparisonState(this.store, toolVersion, () => this.myAreas.regions);
    this.series = new Series(this.store);
    this.retryNotice = new RetryNotice(() => this.store.sourceId);
  }

  /** Every part, for the context (src/ui/state/context.ts). */
  get parts(): AppParts {
    return {
      store: this.store,
      timeline: this.timeline,
      comparison: this.comparing,
      userLayers: this.userLayers,
      series: this.series,
      retryNotice: this.retryNotice,
      front: this.front,
      myAreas: this.myAreas,
      toolVersion: this.toolVersion,
    };
  }

  /** Switches the active source: everything shown from the old one is dropped. */
  async setSource(id: BrowserSourceId, { defaults = true } = {}): Promise<void> {
    if (id === this.store.sourceId && this.store.listStatus === 'ready') return;
    this.store.reset(id);
    this.comparing.clear();
    this.timeline.clear();
    this.series.clear();
    this.front.clear();
    await this.start({ defaults });
  }

  /** Loads the version list, then (optionally) switches on the default layers. */
  async start({ defaults = true } = {}): Promise<void> {
    if ((await this.store.list()) && defaults) await this.store.showDefaults();
  }
}

const KEY = Symbol('frontline-app-state');

/** Provides the app and each of its parts in context (call once, in App.svelte). */
export function setAppState(state: AppState): AppState {
  provideParts(state.parts);
  return setContext(KEY, state);
}

/** The composer: for what switches or restarts the source (SourcePicker, SourceNotice, the state file). */
export function getAppState(): AppState {
  return getContext<AppState>(KEY);
}
