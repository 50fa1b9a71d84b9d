/**
 * `window.__frontline`: read-only handles for tests and power users (issue #2). Each part of the app adds its own
 * entry and keeps the others'; the object itself stays frozen.
 */
type Handles = NonNullable<Window['__frontline']>;

/**
 * @example publishInspectHandle('snapshotCache', () => app.snapshotCacheStats());
 */
export function publishInspectHandle<K extends keyof Handles>(key: K, value: Handles[K]): void {
  Object.defineProperty(window, '__frontline', {
    value: Object.freeze({ ...window.__frontline, [key]: value }),
    writable: false,
    configurable: true,
  });
}
