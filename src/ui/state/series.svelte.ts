/**
 * Occupied area (since and before 24 Feb 2022) at the end of every month the source covers, for the charts (loaded
 * on demand). Net monthly gains are differences of consecutive month-end areas: last snapshot of month M−1 → last of
 * M, as the press reports them. Each figure is computed in the data worker on the snapshot it keeps.
 */
import { monthEnds } from '../../core/index.ts';
import { message, type Text } from '../i18n/translate.ts';
import { publishedSeries } from '../published.ts';
import { ask } from '../worker/dataClient.ts';
import type { SnapshotStore } from './snapshotStore.svelte.ts';

export interface SeriesPoint {
  date: string;
  snapshot: string;
  areaKm2: number;
}

export class Series {
  points = $state.raw<SeriesPoint[]>([]);
  status = $state<Text>('');

  constructor(private readonly store: SnapshotStore) {}

  clear(): void {
    this.points = [];
    this.status = '';
  }

  async load(): Promise<void> {
    const store = this.store;
    const gen = store.generation;
    const first = store.dates[0];
    const last = store.dates[store.dates.length - 1];
    if (!first || !last) return;
    const ends = monthEnds(first, last);
    const out: SeriesPoint[] = [];
    // Served from a `frontline publish` folder: the months it precomputed need no snapshot (src/ui/published.ts).
    if (ends[0])
      this.status = message('charts.loadingMonth', {
        index: 1,
        total: ends.length,
        month: ends[0].slice(0, 7),
      });
    const published = await publishedSeries(store.sourceId, ends);
    for (const [i, date] of ends.entries()) {
      if (gen !== store.generation) return;
      const known = published?.points.get(date);
      if (known) {
        out.push({ date, ...known });
        this.points = [...out];
        continue;
      }
      this.status = message('charts.loadingMonth', {
        index: i + 1,
        total: ends.length,
        month: date.slice(0, 7),
      });
      try {
        const answer = await ask({ kind: 'at', source: store.sourceId, date, totals: true });
        if (answer.kind !== 'at' || answer.totalKm2 === undefined) continue;
        out.push({ date, snapshot: answer.used.date, areaKm2: answer.totalKm2 });
      } catch {
        continue;
      }
      if (gen !== store.generation) return;
      this.points = [...out];
    }
    if (gen === store.generation) this.status = '';
  }
}
