/**
 * Issue #13 (STYLE.md habit 15): a change whose gained − lost contradicts net, or whose pieces did not link, is
 * recomputed on the exact path, logged and counted — never returned. The edge engine is made to contradict itself
 * here (its gained figure pushed 1 km² off, or its answer withheld) to prove the check takes the exact path.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  changeBetween,
  changeEngineStats,
  overlayChange,
  resetChangeEngineStats,
} from '../../src/core/index.ts';
import { boxPolygon } from '../support/shapes.ts';

const mode = vi.hoisted(() => ({ current: 'honest' as 'honest' | 'off-by-one' | 'unlinked' }));

vi.mock('../../src/core/geometry/edgeChange.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/geometry/edgeChange.ts')>();
  return {
    ...real,
    edgeChange: (...args: Parameters<typeof real.edgeChange>) => {
      const c = real.edgeChange(...args);
      if (mode.current === 'unlinked') return null;
      return mode.current === 'off-by-one' && c ? { ...c, gainedKm2: c.gainedKm2 + 1 } : c;
    },
  };
});

const a = boxPolygon(37, 48, 37.2, 48.2);
const b = boxPolygon(37.1, 48.1, 37.3, 48.3);

describe('the runtime check gained − lost = net (issue #13)', () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    resetChangeEngineStats();
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    warn.mockRestore();
    mode.current = 'honest';
  });

  it('an honest change is returned as it is, with no fallback', () => {
    const c = changeBetween(a, b);
    expect(Math.abs(c.gainedKm2 - c.lostKm2 - c.netKm2)).toBeLessThan(1e-6);
    expect(changeEngineStats().fallbacks).toBe(0);
    expect(warn).not.toHaveBeenCalled();
  });

  it('a contradiction is recomputed on the exact path, logged and counted, never returned', () => {
    mode.current = 'off-by-one';
    const c = changeBetween(a, b);
    const exact = overlayChange(a, b);
    expect(Math.abs(c.gainedKm2 - exact.gainedKm2)).toBeLessThan(1e-6);
    expect(Math.abs(c.gainedKm2 - c.lostKm2 - c.netKm2)).toBeLessThan(1e-6);
    expect(changeEngineStats().fallbacks).toBe(1);
    expect(changeEngineStats().reasons[0]).toMatch(/^gained − lost − net = 1\.000e\+0 km²/u);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/recomputed a change on the exact path/u);
  });

  it('pieces that do not link take the exact path too', () => {
    mode.current = 'unlinked';
    const c = changeBetween(a, b);
    expect(Math.abs(c.lostKm2 - overlayChange(a, b).lostKm2)).toBeLessThan(1e-6);
    expect(changeEngineStats()).toEqual({
      fallbacks: 1,
      reasons: ['the split edges did not close into rings'],
    });
    resetChangeEngineStats();
    expect(changeEngineStats().fallbacks).toBe(0);
  });
});
