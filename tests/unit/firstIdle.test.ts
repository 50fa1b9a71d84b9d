/** firstIdle: the default comparison waits for the first map to be drawn, or for the timeout. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MapHandle } from '../../src/ui/map/mapContext.ts';
import { firstIdle } from '../../src/ui/map/firstIdle.ts';

function fakeMap(idle: boolean) {
  const handlers: (() => void)[] = [];
  const map = {
    loaded: () => idle,
    areTilesLoaded: () => idle,
    isMoving: () => false,
    once: (event: string, fn: () => void) => {
      expect(event).toBe('idle');
      handlers.push(fn);
    },
  };
  return { map: map as unknown as MapHandle, fire: () => handlers.splice(0).forEach((f) => f()), handlers };
}

describe('firstIdle', () => {
  afterEach(() => vi.useRealTimers());

  it('resolves at once when the map is already idle', async () => {
    vi.useFakeTimers();
    const { map } = fakeMap(true);
    let done = false;
    void firstIdle(() => map).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('waits for the map to exist, then for its idle event, not for the timeout', async () => {
    vi.useFakeTimers();
    const fake = fakeMap(false);
    let current: MapHandle | null = null;
    let done = false;
    void firstIdle(() => current, 3000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(200);
    expect(done).toBe(false);
    current = fake.map;
    await vi.advanceTimersByTimeAsync(100);
    expect(fake.handlers).toHaveLength(1);
    expect(done).toBe(false);
    fake.fire();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('gives up waiting after the timeout when no map ever comes, and stops polling', async () => {
    vi.useFakeTimers();
    let asked = 0;
    let done = false;
    void firstIdle(() => (asked++, null), 1000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    const after = asked;
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked).toBe(after);
  });
});
