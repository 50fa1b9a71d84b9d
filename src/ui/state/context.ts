/**
 * The app's parts in Svelte context (issue #14), the way svelte-maplibre-gl provides its map: App.svelte provides
 * each rune class once (`provideParts`, through `setAppState`), and a panel or component takes only the parts it
 * reads, with a typed getter — `const timeline = getTimeline();` — instead of going through `AppState`.
 *
 * A getter called outside a component tree that App.svelte set up is programmer misuse: it throws, naming the part.
 */
import { getContext, hasContext, setContext } from 'svelte';
import type { FrontLineState } from '../frontLine.svelte.ts';
import type { MyAreas } from '../myAreas.svelte.ts';
import type { SecondOpinion } from '../secondOpinion.svelte.ts';
import type { ComparisonState } from './comparison.svelte.ts';
import type { RetryNotice } from './retryNotice.svelte.ts';
import type { Series } from './series.svelte.ts';
import type { SnapshotStore } from './snapshotStore.svelte.ts';
import type { TimelineState } from './timeline.svelte.ts';
import type { UserLayers } from './userLayers.svelte.ts';

/** Every part the app provides, one rune class per concern. */
export interface AppParts {
  store: SnapshotStore;
  timeline: TimelineState;
  comparison: ComparisonState;
  userLayers: UserLayers;
  series: Series;
  retryNotice: RetryNotice;
  front: FrontLineState;
  myAreas: MyAreas;
  /** The app's version, as reports and exports name the tool. */
  toolVersion: string;
}

const KEYS: { readonly [K in keyof AppParts]: symbol } = {
  store: Symbol('frontline-snapshot-store'),
  timeline: Symbol('frontline-timeline'),
  comparison: Symbol('frontline-comparison'),
  userLayers: Symbol('frontline-user-layers'),
  series: Symbol('frontline-series'),
  retryNotice: Symbol('frontline-retry-notice'),
  front: Symbol('frontline-front-line'),
  myAreas: Symbol('frontline-my-areas'),
  toolVersion: Symbol('frontline-tool-version'),
};

/**
 * Provides each part in context (App.svelte, once, during its initialisation).
 * @example provideParts(app.parts)
 */
export function provideParts(parts: AppParts): void {
  for (const name of Object.keys(KEYS) as (keyof AppParts)[]) setContext(KEYS[name], parts[name]);
}

function part<K extends keyof AppParts>(name: K): AppParts[K] {
  if (!hasContext(KEYS[name])) throw new Error(`no ${name} in context: App.svelte provides it (setAppState)`);
  return getContext<AppParts[K]>(KEYS[name]);
}

/** The active source's versions, pinned layers and the snapshots on screen. @example const store = getSnapshotStore(); */
export const getSnapshotStore = (): SnapshotStore => part('store');
/** The timeline's date, its snapshot and figure. @example const timeline = getTimeline(); */
export const getTimeline = (): TimelineState => part('timeline');
/** Compare dates A and B: dates, view, focus area, the report. @example const comparison = getComparison(); */
export const getComparison = (): ComparisonState => part('comparison');
/** Layers from the user's own files. @example const userLayers = getUserLayers(); */
export const getUserLayers = (): UserLayers => part('userLayers');
/** The month-end series for the charts. @example const series = getSeries(); */
export const getSeries = (): Series => part('series');
/** The source notice's "trying again". @example const notice = getRetryNotice(); */
export const getRetryNotice = (): RetryNotice => part('retryNotice');
/** The front line and its length (issue #15). @example const front = getFrontLine(); */
export const getFrontLine = (): FrontLineState => part('front');
/** Areas of your own (issue #5). @example const my = getMyAreas(); */
export const getMyAreas = (): MyAreas => part('myAreas');
/** The app's version, for reports and exports. @example const toolVersion = getToolVersion(); */
export const getToolVersion = (): string => part('toolVersion');

const OPINION = Symbol('frontline-second-opinion');

/**
 * Provides the second opinion (issue #16) in context: App.svelte makes it (it names the app's version) and provides
 * it once, beside the parts.
 * @example provideOpinion(new SecondOpinion(__APP_VERSION__))
 */
export function provideOpinion(opinion: SecondOpinion): SecondOpinion {
  return setContext(OPINION, opinion);
}
/** The second opinion: a second source compared with the active one. @example const opinion = getOpinion(); */
export const getOpinion = (): SecondOpinion => {
  if (!hasContext(OPINION))
    throw new Error('no second opinion in context: App.svelte provides it (provideOpinion)');
  return getContext<SecondOpinion>(OPINION);
};
