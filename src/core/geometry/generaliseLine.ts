/**
 * Line generalisation for the front-line length (issue #15): Douglas–Peucker with a tolerance in metres, the way a
 * front is measured on a map at a given scale rather than along every wiggle of a detailed drawing (the
 * coastline paradox: the finer the line, the longer it gets).
 */
import type { Position } from 'geojson';

const M_PER_DEG = 111_320;

/**
 * The line simplified so that no dropped vertex lies further than `toleranceM` metres from the kept line (distances
 * in a local equirectangular frame at the line's mean latitude, accurate to < 1% over a few hundred km). The first
 * and last positions are always kept; a closed line stays closed. The input is not mutated.
 * @example generaliseLine(wigglyLine, 1000).length // fewer positions
 */
export function generaliseLine(line: readonly Position[], toleranceM: number): Position[] {
  const n = line.length;
  if (n <= 2) return line.slice();
  let meanLat = 0;
  for (const p of line) meanLat += p[1]!;
  const k = Math.cos(((meanLat / n) * Math.PI) / 180) * M_PER_DEG;
  // Typed arrays and a flat stack: the daily history generalises every changed stretch (issue #15's cost budget).
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = line[i]![0]! * k;
    ys[i] = line[i]![1]! * M_PER_DEG;
  }
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  // Pairs (a, b) of kept vertices whose span is still to be looked at.
  const stack: number[] = [];
  // A closed line has no chord from the first to the last position: split it at its farthest vertex first.
  if (xs[0] === xs[n - 1] && ys[0] === ys[n - 1]) {
    let far = 1;
    let best = -1;
    for (let i = 1; i < n - 1; i++) {
      const d = Math.hypot(xs[i]! - xs[0]!, ys[i]! - ys[0]!);
      if (d > best) {
        best = d;
        far = i;
      }
    }
    keep[far] = 1;
    stack.push(0, far, far, n - 1);
  } else stack.push(0, n - 1);
  const tol2 = toleranceM * toleranceM;
  while (stack.length) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    const ax = xs[a]!;
    const ay = ys[a]!;
    const dx = xs[b]! - ax;
    const dy = ys[b]! - ay;
    const len2 = dx * dx + dy * dy;
    let far = -1;
    let best = tol2;
    for (let i = a + 1; i < b; i++) {
      const px = xs[i]! - ax;
      const py = ys[i]! - ay;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
      const ex = px - t * dx;
      const ey = py - t * dy;
      const d2 = ex * ex + ey * ey;
      if (d2 > best) {
        best = d2;
        far = i;
      }
    }
    if (far >= 0) {
      keep[far] = 1;
      stack.push(a, far, far, b);
    }
  }
  const out: Position[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(line[i]!);
  return out;
}
