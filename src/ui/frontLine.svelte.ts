/**
 * The front line in the browser (issue #15): its length on the timeline's date, the line and the excluded border and
 * coast for the map, and the length at every month end for the chart, each computed once per snapshot in the worker
 * (the same report and GeoJSON as `frontline length`).
 */
import type { FeatureCollection } from 'geojson';
import type { FrontLengthReport } from '../core/index.ts';
import type { BrowserSourceId } from './sourceIds.ts';
import { ask } from './worker/dataClient.ts';
import type { SnapshotRef } from './worker/protocol.ts';
import { publishedHistory, publishedLength } from './published.ts';

export interface FrontAnswer {
  key: string;
  report: FrontLengthReport;
  geojson: FeatureCollection;
}

/**
 * How many snapshots' lines are kept (each a few hundred kB of GeoJSON): the one shown and the next steps. Playback
 * must not grow the page's heap (tests/e2e/heap.spec.ts allows 3 MB), so this stays small; the worker keeps the
 * per-edge memo that makes recomputing cheap.
 */
const KEEP = 3;
/**
 * How long the timeline must rest on a date before its front line is measured, ms. Measuring redraws the map when
 * the line comes back; a shorter rest did so between day steps taken by hand and raised their p95 in bench:ui
 * (figures in docs/performance.md). Half a second lets stepping and playback run unhindered; the length shows half
 * a second after the timeline stops.
 */
const SETTLE_MS = 500;

export class FrontLineState {
  /** The line drawn on the map. */
  showLine = $state(true);
  /** The border and coast stretches taken out, drawn for inspection. */
  showExcluded = $state(false);
  /** The front line of the timeline's snapshot, once computed. */
  current = $state.raw<FrontAnswer | null>(null);
  computing = $state(false);
  error = $state('');
  /** Length at each month end of the area chart's series. */
  series = $state.raw<{ date: string; lengthKm: number; withoutDniproKm: number }[]>([]);

  private answers = new Map<string, Promise<FrontAnswer>>();
  private showRun = 0;
  private seriesRun = 0;

  /** The front line of the snapshot `ref` names (the worker holds it), computed once (kept for the last {@link KEEP}). */
  of(ref: SnapshotRef, toolVersion: string): Promise<FrontAnswer> {
    const key = `${ref.source}:${ref.id}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = ask({ kind: 'front', ref, toolVersion, generatedAt: new Date().toISOString() }).then(
        ({ report, geojson }) => ({ key, report, geojson }),
      );
      answer.catch(() => this.answers.delete(key));
      this.answers.set(key, answer);
      if (this.answers.size > KEEP) this.answers.delete(this.answers.keys().next().value!);
    }
    return answer;
  }

  private settle: ReturnType<typeof setTimeout> | undefined;

  /**
   * Shows the front line of the timeline's snapshot once the timeline has rested on it for {@link SETTLE_MS} (a later
   * call wins over an earlier one): playback at speed measures only the dates it pauses on, and the worker stays free
   * for the frames' areas.
   */
  show(ref: SnapshotRef, toolVersion: string): void {
    const run = ++this.showRun;
    this.computing = true;
    clearTimeout(this.settle);
    this.settle = setTimeout(() => void this.compute(run, ref, toolVersion), SETTLE_MS);
  }

  private async compute(run: number, ref: SnapshotRef, toolVersion: string): Promise<void> {
    if (run !== this.showRun) return;
    try {
      const answer = await this.of(ref, toolVersion);
      if (run !== this.showRun) return;
      this.current = answer;
      this.error = '';
    } catch (err) {
      if (run === this.showRun) this.error = (err as Error).message;
    } finally {
      if (run === this.showRun) this.computing = false;
    }
  }

  /** Forgets the line shown (source switched, or no timeline date). */
  clear(): void {
    this.showRun++;
    this.seriesRun++;
    clearTimeout(this.settle);
    this.current = null;
    this.computing = false;
    this.series = [];
  }

  /**
   * The length at each month end of the area series, one date after another, each on the snapshot the worker picks
   * for that date (the CLI's rule).
   * @example await front.loadSeries(app.series, 'archive', '0.1.0')
   */
  async loadSeries(
    points: readonly { date: string }[],
    source: BrowserSourceId,
    toolVersion: string,
  ): Promise<void> {
    const run = ++this.seriesRun;
    const out: { date: string; lengthKm: number; withoutDniproKm: number }[] = [];
    // Served from a `frontline publish` folder: its history holds the lengths (src/ui/published.ts).
    const published = await publishedHistory(source);
    for (const p of points) {
      const known = publishedLength(published, p.date);
      if (known) {
        if (run !== this.seriesRun) return;
        out.push({ date: p.date, ...known });
        this.series = [...out];
        continue;
      }
      try {
        // Not through the cache: the chart needs the figures only, not every month's line.
        const answer = await ask({
          kind: 'frontAt',
          source,
          date: p.date,
          toolVersion,
          generatedAt: new Date().toISOString(),
        });
        if (run !== this.seriesRun) return;
        if (answer.kind !== 'frontAt') continue;
        const { report } = answer;
        out.push({ date: p.date, lengthKm: report.lengthKm, withoutDniproKm: report.withoutDniproKm });
      } catch {
        continue;
      }
      if (run !== this.seriesRun) return;
      this.series = [...out];
    }
  }
}
