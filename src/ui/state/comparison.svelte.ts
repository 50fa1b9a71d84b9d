/**
 * Compare dates A and B (issue #4): the change report, its polygons and the two snapshots, all from the data worker,
 * which picks each date's snapshot by the CLI's rule (src/sources/snapshotAt.ts), so the export equals
 * `frontline change --format json` but for `generatedAt`. A newer comparison supersedes an older one.
 */
import type { FeatureCollection } from 'geojson';
import type { ChangeReport, Region, Snapshot } from '../../core/index.ts';
import type { CompareView } from '../compareViews.ts';
import { message, type Message, type Text } from '../i18n/translate.ts';
import { ask, isSuperseded } from '../worker/dataClient.ts';
import type { SnapshotStore } from './snapshotStore.svelte.ts';
import { atErrorText, usedNote } from './usedText.ts';

export interface Comparison {
  status: 'idle' | 'loading' | 'computing' | 'ready' | 'error';
  error?: Text;
  report?: ChangeReport;
  geojson?: FeatureCollection;
  /** Shown in the interface language (messages), or as they are (a source's or the worker's error). */
  notes: Text[];
}

export const DEFAULT_COMPARE: readonly [string, string] = ['2025-08-15', '2025-11-20'];

export class ComparisonState {
  a = $state(DEFAULT_COMPARE[0]);
  b = $state(DEFAULT_COMPARE[1]);
  /** The comparison asked for last: its status, then its report and change polygons. */
  result = $state.raw<Comparison>({ status: 'idle', notes: [] });
  /** What the map shows of the comparison: the change polygons, A's or B's snapshot, both, a swipe or two maps. */
  view = $state<CompareView>('change');
  /** The snapshots the comparison used (for the A/B views). */
  snapshots = $state.raw<[Snapshot, Snapshot] | null>(null);
  /** The selected focus area's id ('' for none): highlighted on the map, its figures shown first (issue #5). */
  focusArea = $state('');
  /** The GeoNames id of the place picked in the comparison's list of places that changed hands (issue #12). */
  selectedPlace = $state<number | null>(null);

  constructor(
    private readonly store: SnapshotStore,
    private readonly toolVersion: string,
    /** The user's own areas, measured after the focus areas (`change --areas FILE`). */
    private readonly userAreas: () => readonly Region[],
  ) {}

  clear(): void {
    this.result = { status: 'idle', notes: [] };
    this.snapshots = null;
    this.store.shownBy('comparison', []);
  }

  /** Compares dates A and B: the change layer and the figures. A newer request supersedes an older one. */
  async compare(): Promise<void> {
    const [from, to] = [this.a, this.b];
    if (!from || !to) return;
    if (from > to) {
      this.result = { status: 'error', error: message('compare.aAfterB', { a: from, b: to }), notes: [] };
      return;
    }
    const gen = this.store.generation;
    this.result = { status: 'loading', notes: [] };
    let answer;
    try {
      answer = await ask(
        {
          kind: 'change',
          source: this.store.sourceId,
          from,
          to,
          cls: 'occupied_all',
          toolVersion: this.toolVersion,
          generatedAt: new Date().toISOString(),
          userAreas: $state.snapshot(this.userAreas()) as Region[],
        },
        { channel: 'comparison' },
      );
    } catch (err) {
      if (isSuperseded(err) || gen !== this.store.generation) return;
      this.result = { status: 'error', error: (err as Error).message, notes: [] };
      return;
    }
    if (gen !== this.store.generation) return;
    if (answer.kind === 'atError') {
      this.result = { status: 'error', error: atErrorText(answer.error), notes: [] };
      return;
    }
    const [ua, ub] = answer.used;
    const notes = [usedNote(ua), usedNote(ub)].filter((n): n is Message => !!n);
    this.store.shownBy('comparison', [ua.id, ub.id], answer.snapshots);
    this.snapshots = answer.snapshots;
    this.result = { status: 'ready', report: answer.report, geojson: answer.geojson, notes };
  }
}
