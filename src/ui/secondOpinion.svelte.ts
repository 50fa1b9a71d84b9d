/**
 * A second opinion (issue #16): the active source against another on one date — where and by how much the two
 * assessments disagree. One small rune class; the comparison runs in the geometry worker.
 */
import type { FeatureCollection } from 'geojson';
import { stepDates, type AssessmentComparison } from '../core/index.ts';
import { BROWSER_SOURCES, type BrowserSourceId } from './sourceIds.ts';
import type { OpinionFailure } from './opinionFailure.ts';
import { atErrorText } from './state/usedText.ts';
import { ask, isSuperseded } from './worker/dataClient.ts';
import { failedSource } from './worker/sourceFailed.ts';
import { t } from './i18n/locale.svelte.ts';
import { message, type Text } from './i18n/translate.ts';

/**
 * A source id as the interface names it (its title in the current language); an id we don't offer as it is.
 * @example sourceTitle('owlmaps') // 'UA Control Map'
 */
export function sourceTitle(id: string): string {
  const known = BROWSER_SOURCES.find((s) => s.id === id);
  return known ? t(`source.${known.id}.title`) : id;
}

export type OpinionStatus = 'idle' | 'loading' | 'computing' | 'ready' | 'error';

/** What the primary side offers: its source (the worker picks each date's snapshot, as the CLI does). */
export interface PrimarySide {
  sourceId: BrowserSourceId;
}

export class SecondOpinion {
  /** The second source; '' while none is chosen. */
  withId = $state<BrowserSourceId | ''>('');
  date = $state('');
  status = $state<OpinionStatus>('idle');
  report = $state.raw<AssessmentComparison | null>(null);
  geojson = $state.raw<FeatureCollection | null>(null);
  error = $state<Text>('');
  /** Set instead of `error` when one of the two sources could not be read: which one, and why. */
  failure = $state.raw<OpinionFailure | null>(null);
  notes = $state.raw<string[]>([]);
  /** Both sources over time, each month end, on the same land (what `history --with` gives). */
  series = $state.raw<{ date: string; aKm2: number; bKm2: number; iou: number | null }[]>([]);
  seriesStatus = $state<Text>('');
  private run = 0;
  private seriesRun = 0;

  constructor(private readonly toolVersion: string) {}

  /** Forgets the result (a new primary source, or no second source). */
  clear(): void {
    this.run++;
    this.seriesRun++;
    this.series = [];
    this.seriesStatus = '';
    this.status = 'idle';
    this.report = null;
    this.geojson = null;
    this.error = '';
    this.failure = null;
    this.notes = [];
  }

  /** Both sides on `date`, compared in the data worker (which loads and keeps both sources' snapshots). */
  private assess(primary: PrimarySide, withId: BrowserSourceId, date: string, channel?: string) {
    return ask(
      {
        kind: 'assess',
        date,
        a: primary.sourceId,
        b: withId,
        toolVersion: this.toolVersion,
        generatedAt: new Date().toISOString(),
      },
      channel ? { channel } : {},
    );
  }

  /**
   * Compares the primary source with `withId` on `date`. A newer request supersedes an older one.
   * @example await opinion.compare(app)
   */
  async compare(primary: PrimarySide): Promise<void> {
    const withId = this.withId;
    const date = this.date;
    if (!withId || !date) return this.clear();
    const run = ++this.run;
    this.status = 'loading';
    this.error = '';
    this.failure = null;
    const sideOf = (source: string): OpinionFailure['side'] =>
      source === primary.sourceId ? 'primary' : 'second';
    try {
      const answer = await this.assess(primary, withId, date, 'opinion');
      if (run !== this.run) return;
      if (answer.kind === 'atError') {
        this.status = 'error';
        const e = answer.error;
        // None of the versions loads: said with the source it is of (a date with none names its source itself).
        if (e.code === 'noneLoaded' && (e.source === primary.sourceId || e.source === withId))
          this.failure = { side: sideOf(e.source), source: e.source, error: atErrorText(e) };
        else this.error = atErrorText(e);
        return;
      }
      this.notes = answer.notes;
      this.report = answer.report;
      this.geojson = answer.geojson;
      this.status = 'ready';
    } catch (err) {
      if (isSuperseded(err) || run !== this.run) return;
      this.status = 'error';
      const failed = failedSource(err);
      if (failed) this.failure = { side: sideOf(failed), source: failed, error: (err as Error).message };
      else this.error = message('opinion.failed', { error: (err as Error).message });
    }
  }

  /**
   * Both sources' land-clipped areas and their IoU at every month end both cover, `from` → `to` (the primary's range),
   * for the chart of both lines. A month either source can't answer is left out.
   * @example await opinion.loadSeries(app, app.dates[0], app.dates.at(-1))
   */
  async loadSeries(primary: PrimarySide, from: string, to: string): Promise<void> {
    const withId = this.withId;
    if (!withId || !from || !to) return;
    const run = ++this.seriesRun;
    this.series = [];
    try {
      const { versions } = await ask({ kind: 'versions', source: withId });
      const start = [from, versions[0]?.date ?? to].sort()[1]!;
      const ends = stepDates(start, to, 'month');
      const out: { date: string; aKm2: number; bKm2: number; iou: number | null }[] = [];
      for (const [i, date] of ends.entries()) {
        if (run !== this.seriesRun) return;
        this.seriesStatus = message('charts.loadingMonth', {
          index: i + 1,
          total: ends.length,
          month: date.slice(0, 7),
        });
        let answer;
        try {
          answer = await this.assess(primary, withId, date);
        } catch {
          continue;
        }
        if (run !== this.seriesRun) return;
        if (answer.kind === 'atError') continue;
        const { report } = answer;
        out.push({ date, aKm2: report.a.areaKm2, bKm2: report.b.areaKm2, iou: report.iou });
        this.series = [...out];
      }
    } catch (err) {
      if (run === this.seriesRun) this.error = (err as Error).message;
    }
    if (run === this.seriesRun) this.seriesStatus = '';
  }
}
