/**
 * terra-draw and its MapLibre adapter, loaded on demand (issue #17): they are not part of the JavaScript the first
 * map needs. `loadTerraDraw` is shared (src/ui/map/loadOnce.ts); `prefetchTerraDraw` asks for it once the page is
 * idle, so that drawing starts at once when someone asks for it.
 * @example const { td, adapter } = await loadTerraDraw();
 */
import { loadOnce } from './loadOnce.ts';

export const loadTerraDraw = loadOnce(async () => {
  const [td, adapter] = await Promise.all([import('terra-draw'), import('terra-draw-maplibre-gl-adapter')]);
  return { td, adapter };
});

export type TerraDrawLibrary = Awaited<ReturnType<typeof loadTerraDraw>>;

/** Loads terra-draw in the background after `delayMs`, when the browser is idle; a failure waits for real use. */
export function prefetchTerraDraw(delayMs = 2000): () => void {
  const idle = (fn: () => void): void => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(fn, { timeout: 5000 });
    else fn();
  };
  const timer = setTimeout(() => idle(() => void loadTerraDraw().catch(() => {})), delayMs);
  return () => clearTimeout(timer);
}
