/** A one-line progress report on stderr: redrawn in place on a terminal, every 10% otherwise. */
import type { CliIo } from './io.ts';

export function progress(
  io: CliIo,
  total: number,
  label: string,
): { tick: (detail?: string) => void; done: () => void } {
  const start = Date.now();
  let n = 0;
  let lastPct = -1;
  return {
    tick(detail = '') {
      n++;
      const secs = (Date.now() - start) / 1000;
      const rate = n / Math.max(secs, 1e-3);
      const eta = Math.round((total - n) / rate);
      const line = `${label} ${n}/${total} · ${rate.toFixed(1)}/s · ETA ${eta}s ${detail}`;
      if (io.isTty) io.stderr(`\r${line}\x1b[K`);
      else {
        const pct = Math.floor((n / total) * 10);
        if (pct !== lastPct || n === total) io.stderr(`${line}\n`);
        lastPct = pct;
      }
    },
    done() {
      if (io.isTty) io.stderr('\n');
    },
  };
}
