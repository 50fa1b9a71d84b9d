/**
 * The timeline's date, the snapshot it shows and its occupied-area figure. One request per date to the data worker
 * (the snapshot for the date by the CLI's rule, its territories and its total at once). Stepping by hand, a newer
 * date cancels the one still under way; playing, frames are not cancelled (each would be replaced before it is
 * ready) but an answer older than the one on screen is dropped.
 */
import { isSuperseded, ask } from '../worker/dataClient.ts';
import type { SnapshotStore } from './snapshotStore.svelte.ts';

export class TimelineState {
  /** The timeline's date (`YYYY-MM-DD`), '' when unset; its snapshot is drawn as the timeline layer. */
  date = $state('');
  /** The version shown for the timeline date: the newest on or before it that loads. */
  versionId = $state('');
  /** The date of the version shown. */
  shownDate = $state('');
  area = $state<number | null>(null);

  constructor(private readonly store: SnapshotStore) {}

  /** Forgets the date (a source switch). */
  clear(): void {
    this.date = '';
    this.versionId = '';
    this.shownDate = '';
    this.store.shownBy('timeline', []);
  }

  /**
   * Moves the timeline to a date. During playback any frame that arrives is shown if it is newer than the one on
   * screen and not past the timeline's date, so a slow frame never blocks the next and completed frames are never
   * thrown away; by hand (`playing` false), a newer date cancels the request for the older one.
   */
  async setDate(date: string, { playing = false }: { playing?: boolean } = {}): Promise<void> {
    const store = this.store;
    const gen = store.generation;
    this.date = date;
    let answer;
    try {
      answer = await ask(
        { kind: 'at', source: store.sourceId, date, view: true, totals: true },
        playing ? {} : { channel: 'timeline' },
      );
    } catch (err) {
      if (isSuperseded(err)) return;
      throw err;
    }
    if (gen !== store.generation || answer.kind !== 'at' || !answer.snapshot) return;
    store.workerHeld = answer.held;
    const v = answer.snapshot.version;
    const latestRequest = date === this.date;
    const forwardAndNewer = v.date > this.shownDate && v.date <= this.date;
    if (!latestRequest && !forwardAndNewer) return;
    store.shownBy('timeline', [v.id], [answer.snapshot]);
    this.versionId = v.id;
    this.shownDate = v.date;
    // Undefined: the figure stays empty; the layer is still shown.
    this.area = answer.totalKm2 ?? null;
  }

  /**
   * Reads these dates ahead in the worker (their snapshots, and with `totals` their figures) without showing them:
   * playback reads ahead, and so does stepping through the timeline by hand. Nothing comes back to the page.
   */
  prefetch(dates: readonly string[], { totals = false }: { totals?: boolean } = {}): void {
    if (dates.length === 0) return;
    void ask({ kind: 'prefetch', source: this.store.sourceId, dates, totals }).catch(() => {});
  }
}
