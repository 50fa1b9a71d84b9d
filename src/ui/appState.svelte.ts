/**
 * The app's state, split by concern (issue #14): small rune classes that each own one thing — the active source's
 * versions and layers (SnapshotStore), the timeline, the comparison, the user's file layers, the chart series, the
 * retry notice, the front line and the user's areas — each provided through its own context, as svelte-maplibre-gl
 * does. The data behind them lives in the data worker (src/ui/worker/); the page holds ids, dates and what it draws.
 *
 * `AppState` ties them together (a source switch resets them all) and keeps the names the panels read
 * (`app.compareA`, `app.timelineDate`, …) as plain accessors onto the classes that own them.
 */
import { getContext, setContext } from 'svelte';
import type { TerritoryClass } from '../core/index.ts';
import { FrontLineState } from './frontLine.svelte.ts';
import { MyAreas } from './myAreas.svelte.ts';
import { browserStorage } from './myAreasStorage.ts';
import type { CompareView } from './compareViews.ts';
import type { BrowserSourceId } from './sourceIds.ts';
import { ComparisonState } from './state/comparison.svelte.ts';
import { RetryNotice } from './state/retryNotice.svelte.ts';
import { Series } from './state/series.svelte.ts';
import { SnapshotStore } from './state/snapshotStore.svelte.ts';
import { TimelineState } from './state/timeline.svelte.ts';
import { UserLayers } from './state/userLayers.svelte.ts';

export { ALASKA_SUMMIT, type LayerInfo, type LayerStatus } from './state/snapshotStore.svelte.ts';
export { DEFAULT_COMPARE, type Comparison } from './state/comparison.svelte.ts';

export class AppState {
  readonly store: SnapshotStore;
  readonly timeline: TimelineState;
  readonly comparing: ComparisonState;
  readonly user = new UserLayers();
  readonly seriesState: Series;
  readonly notice: RetryNotice;
  /** The front line and its length (issue #15). */
  readonly front = new FrontLineState();
  /**
   * Areas of your own (drawn or imported, kept in local storage): measured in every comparison after the focus
   * areas; a change to them recomputes a comparison already asked for.
   */
  readonly myAreas: MyAreas = new MyAreas(browserStorage, () => {
    if (this.comparison.status !== 'idle') void this.compare();
  });

  constructor(
    sourceId: BrowserSourceId,
    readonly toolVersion: string,
  ) {
    this.store = new SnapshotStore(sourceId);
    this.timeline = new TimelineState(this.store);
    this.comparing = new ComparisonState(this.store, toolVersion, () => this.myAreas.regions);
    this.seriesState = new Series(this.store);
    this.notice = new RetryNotice(() => this.store.sourceId);
  }

  /** Switches the active source: everything shown from the old one is dropped. */
  async setSource(id: BrowserSourceId, { defaults = true } = {}): Promise<void> {
    if (id === this.store.sourceId && this.store.listStatus === 'ready') return;
    this.store.reset(id);
    this.comparing.clear();
    this.timeline.clear();
    this.seriesState.clear();
    this.front.clear();
    await this.start({ defaults });
  }

  /** Loads the version list, then (optionally) switches on the default layers. */
  async start({ defaults = true } = {}): Promise<void> {
    if ((await this.store.list()) && defaults) await this.store.showDefaults();
  }

  // The names the panels read, onto the classes that own them.
  get sourceId() {
    return this.store.sourceId;
  }
  get source() {
    return { id: this.store.sourceId, location: this.store.location };
  }
  get versions() {
    return this.store.versions;
  }
  get listStatus() {
    return this.store.listStatus;
  }
  set listStatus(v: 'loading' | 'ready' | 'error') {
    this.store.listStatus = v;
  }
  get listError() {
    return this.store.listError;
  }
  get listWarnings() {
    return this.store.listWarnings;
  }
  get layers() {
    return this.store.layers;
  }
  get visible() {
    return this.store.visible;
  }
  get visibleVersions() {
    return this.store.visibleVersions;
  }
  get snapshots() {
    return this.store.snapshots;
  }
  get dates() {
    return this.store.dates;
  }
  get defaultsStatus() {
    return this.store.defaultsStatus;
  }
  get retrying() {
    return this.notice.retrying;
  }
  show(id: string): void {
    this.store.show(id);
  }
  hide(id: string): void {
    this.store.hide(id);
  }
  toggle(id: string, on: boolean): void {
    if (on) this.store.show(id);
    else this.store.hide(id);
  }
  retry(id: string): void {
    this.store.retry(id);
  }
  cancelDefaults(): void {
    this.store.cancelDefaults();
  }
  snapshotCacheStats() {
    return this.store.cacheStats();
  }

  get compareA() {
    return this.comparing.a;
  }
  set compareA(v: string) {
    this.comparing.a = v;
  }
  get compareB() {
    return this.comparing.b;
  }
  set compareB(v: string) {
    this.comparing.b = v;
  }
  get compareView() {
    return this.comparing.view;
  }
  set compareView(v: CompareView) {
    this.comparing.view = v;
  }
  get focusArea() {
    return this.comparing.focusArea;
  }
  set focusArea(v: string) {
    this.comparing.focusArea = v;
  }
  get selectedPlace() {
    return this.comparing.selectedPlace;
  }
  set selectedPlace(v: number | null) {
    this.comparing.selectedPlace = v;
  }
  get comparison() {
    return this.comparing.comparison;
  }
  get compareSnapshots() {
    return this.comparing.snapshots;
  }
  compare(): Promise<void> {
    return this.comparing.compare();
  }

  get timelineDate() {
    return this.timeline.date;
  }
  set timelineDate(v: string) {
    this.timeline.date = v;
  }
  get timelineVersionId() {
    return this.timeline.versionId;
  }
  get timelineArea() {
    return this.timeline.area;
  }
  setTimelineDate(date: string, options?: { playing?: boolean }): Promise<void> {
    return this.timeline.setDate(date, options);
  }
  prefetch(dates: readonly string[], options?: { totals?: boolean }): void {
    this.timeline.prefetch(dates, options);
  }

  get userLayers() {
    return this.user.layers;
  }
  get importStatus() {
    return this.user.status;
  }
  get importProblems() {
    return this.user.problems;
  }
  get importWarnings() {
    return this.user.warnings;
  }
  importUserFile(file: File, options?: { fileDate?: string; defaultClass?: TerritoryClass }): Promise<void> {
    return this.user.import(file, options);
  }
  removeUserLayer(key: string): void {
    this.user.remove(key);
  }

  get series() {
    return this.seriesState.points;
  }
  get seriesStatus() {
    return this.seriesState.status;
  }
  loadSeries(): Promise<void> {
    return this.seriesState.load();
  }
}

const KEY = Symbol('frontline-app-state');
const TIMELINE = Symbol('frontline-timeline');
const STORE = Symbol('frontline-snapshot-store');
const COMPARISON = Symbol('frontline-comparison');

/** Provides the app and each of its parts in context (call once, in App.svelte). */
export function setAppState(state: AppState): AppState {
  setContext(STORE, state.store);
  setContext(TIMELINE, state.timeline);
  setContext(COMPARISON, state.comparing);
  return setContext(KEY, state);
}

export function getAppState(): AppState {
  return getContext<AppState>(KEY);
}

export const getSnapshotStore = (): SnapshotStore => getContext<SnapshotStore>(STORE);
export const getTimeline = (): TimelineState => getContext<TimelineState>(TIMELINE);
export const getComparison = (): ComparisonState => getContext<ComparisonState>(COMPARISON);
