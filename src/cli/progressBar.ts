/**
 * A progress bar on stderr with count, rate and ETA. On a terminal it redraws one line in place (at most ten times a
 * second); in a log or a pipe, where carriage returns make a mess, it prints a plain line at every tenth of the way
 * and at most every 10 seconds otherwise.
 */

export interface ProgressState {
  done: number;
  total: number;
  /** Short counters after the rate, e.g. `fetched 12 · cached 3`. */
  detail?: string;
}

export interface ProgressOptions {
  label: string;
  write: (text: string) => void;
  isTty: boolean;
  /** Milliseconds; injected so tests control time. */
  now?: () => number;
}

const BAR = 24;

/**
 * `m:ss` or `h:mm:ss`.
 * @example formatDuration(3725) // '1:02:05'
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * @example
 * const bar = progressBar({ label: 'sync archive', write: io.stderr, isTty: io.isTty });
 * bar.update({ done: 3, total: 31, detail: 'fetched 3' }); bar.log('not published: 2025-08-15'); bar.finish();
 */
export function progressBar({ label, write, isTty, now = () => Date.now() }: ProgressOptions) {
  const started = now();
  let last: ProgressState = { done: 0, total: 0 };
  let drawnAt = -Infinity;
  let printedTenth = -1;
  let lineShown = false;

  const line = (s: ProgressState): string => {
    const elapsed = (now() - started) / 1000;
    const rate = elapsed > 0 ? s.done / elapsed : 0;
    const eta = rate > 0 ? (s.total - s.done) / rate : Infinity;
    const frac = s.total > 0 ? s.done / s.total : 1;
    const filled = Math.round(frac * BAR);
    const bar = isTty ? ` [${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}]` : '';
    const width = String(s.total).length;
    return (
      `${label}${bar} ${String(s.done).padStart(width)}/${s.total} ${Math.floor(frac * 100)
        .toString()
        .padStart(3)}%  ${rate.toFixed(1)} files/s  ` +
      `${s.done < s.total ? `ETA ${formatDuration(eta)}` : `in ${formatDuration(elapsed)}`}` +
      (s.detail ? `  ${s.detail}` : '')
    );
  };

  const draw = (force: boolean): void => {
    const t = now();
    if (isTty) {
      if (!force && t - drawnAt < 100) return;
      write(`\r\x1b[2K${line(last)}`);
      lineShown = true;
    } else {
      const tenth = last.total > 0 ? Math.floor((last.done / last.total) * 10) : 10;
      if (!force && tenth === printedTenth && t - drawnAt < 10_000) return;
      printedTenth = tenth;
      write(`${line(last)}\n`);
    }
    drawnAt = t;
  };

  return {
    update(state: ProgressState): void {
      last = state;
      draw(state.done === state.total);
    },
    /** A note between redraws: clears the bar's line, prints, and redraws it. */
    log(text: string): void {
      if (isTty && lineShown) write('\r\x1b[2K');
      write(`${text}\n`);
      if (isTty && lineShown) write(line(last));
    },
    /** Ends the bar's line (a terminal keeps the last drawing). */
    finish(): void {
      if (isTty) {
        write(`\r\x1b[2K${line(last)}\n`);
        lineShown = false;
      } else if (printedTenth !== 10 || last.done !== last.total) {
        write(`${line(last)}\n`);
      }
    },
  };
}
