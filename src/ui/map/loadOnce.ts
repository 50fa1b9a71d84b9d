/**
 * A loader whose promise is shared while it succeeds: map assets (basemap, oblasts) are fetched and prepared once
 * per page, and the comparison's second map, made each time swipe or side by side is turned on, reuses them. A
 * failure is not kept, so the next caller tries again.
 * @example const loadOblasts = loadOnce(() => fetch(url).then((r) => r.json()));
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((err: unknown) => {
      pending = undefined;
      throw err;
    }));
}
