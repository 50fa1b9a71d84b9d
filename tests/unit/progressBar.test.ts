import { describe, expect, it } from 'vitest';
import { formatDuration, progressBar } from '../../src/cli/progressBar.ts';

/** A bar with a clock the test moves. */
function setup(isTty: boolean) {
  let t = 0;
  let out = '';
  const bar = progressBar({ label: 'sync', isTty, write: (s) => void (out += s), now: () => t });
  return { bar, tick: (ms: number) => void (t += ms), out: () => out };
}

describe('progressBar', () => {
  it('shows count, percentage, rate and ETA from the elapsed time', () => {
    const { bar, tick, out } = setup(false);
    tick(10_000);
    bar.update({ done: 20, total: 100, detail: 'fetched 20' });
    expect(out()).toBe('sync  20/100  20%  2.0 files/s  ETA 0:40  fetched 20\n');
  });

  it('on a pipe prints a line per tenth of the way, not per file', () => {
    const { bar, tick, out } = setup(false);
    for (let i = 1; i <= 100; i++) {
      tick(10);
      bar.update({ done: i, total: 100 });
    }
    bar.finish();
    // The first file, then each tenth: 0–9 %, 10 %, …, 100 %.
    expect(out().trimEnd().split('\n')).toHaveLength(11);
    expect(out()).toMatch(/sync 100\/100 100% {2}100\.0 files\/s {2}in 0:01\n$/u);
  });

  it('on a terminal redraws in place at most ten times a second, and a note does not break the bar', () => {
    const { bar, tick, out } = setup(true);
    for (let i = 1; i <= 50; i++) {
      tick(10);
      bar.update({ done: i, total: 100 });
    }
    expect(out().split('\r\x1b[2K').length - 1).toBe(5);
    bar.log('not published: 2025-08-04');
    const CLEAR = '\r\x1b[2K';
    expect(out()).toContain(
      `${CLEAR}not published: 2025-08-04\nsync [${'#'.repeat(12)}${'-'.repeat(12)}]  50/100  50%`,
    );
    bar.finish();
    expect(out().endsWith('\n')).toBe(true);
  });

  it('formats durations', () => {
    expect([formatDuration(0), formatDuration(59.6), formatDuration(3725), formatDuration(Infinity)]).toEqual(
      ['0:00', '1:00', '1:02:05', '?'],
    );
  });
});
