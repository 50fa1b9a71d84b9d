import type { MapHandle } from './mapContext.ts';

/**
 * Resolves once the map `get` returns has been drawn with what it has (an `idle`), or after `timeoutMs` whatever
 * happens: work the first view does not need (the default comparison) waits for it rather than compete with it.
 * @example await firstIdle(() => mainMap); void app.compare();
 */
export function firstIdle(get: () => MapHandle | null, timeoutMs = 3000): Promise<void> {
  return new Promise((resolve) => {
    let settled = false;
    const done = () => {
      settled = true;
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const wait = () => {
      if (settled) return;
      const map = get();
      if (!map) return void setTimeout(wait, 50);
      if (map.loaded() && map.areTilesLoaded() && !map.isMoving()) done();
      else map.once('idle', done);
    };
    wait();
  });
}
