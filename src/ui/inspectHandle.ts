/**
 * `window.__frontline`: read-only handles for tests and power users (issue #2). Each part of the app adds its own
 * entry and keeps the others'; the object itself stays frozen.
 */
type Handles = NonNullable<Window['__frontline']>;

/**
 * Publishes `value` as `window.__frontline[key]`, or removes that entry when `value` is undefined.
 * @example publishInspectHandle('snapshotCache', () => app.snapshotCacheStats());
 */
export function publishInspectHandle<K extends keyof Handles>(key: K, value: Handles[K] | undefined): void {
  const handles: Record<string, unknown> = { ...window.__frontline };
  if (value === undefined) delete handles[key];
  else handles[key] = value;
  Object.defineProperty(window, '__frontline', {
    value: Object.freeze(handles),
    writable: false,
    configurable: true,
  });
}
