/**
 * The snapshots the data worker holds, by source and version id, least recently used dropped first past a bound.
 * The same object is handed to every computation, so the core's identity-keyed caches (edgeChange, overlapKm2,
 * markOutsideUkraine) hit from one request to the next. A load asked for twice is fetched once; a failed load is not
 * kept, so asking again tries again.
 */
import type { Snapshot } from '../../core/index.ts';

export class HeldSnapshots {
  readonly #held = new Map<string, Snapshot>();
  readonly #loading = new Map<string, Promise<Snapshot>>();

  constructor(readonly limit: number) {}

  /** The snapshot under `key`, loaded by `load` unless held or already loading. */
  get(key: string, load: () => Promise<Snapshot>): Promise<Snapshot> {
    const held = this.#held.get(key);
    if (held) {
      // Most recently used last (a Map keeps insertion order).
      this.#held.delete(key);
      this.#held.set(key, held);
      return Promise.resolve(held);
    }
    let pending = this.#loading.get(key);
    if (!pending) {
      pending = load()
        .then((snapshot) => {
          this.put(key, snapshot);
          return snapshot;
        })
        .finally(() => this.#loading.delete(key));
      this.#loading.set(key, pending);
    }
    return pending;
  }

  /** Holds a snapshot that was not loaded (a layer of the user's file). */
  put(key: string, snapshot: Snapshot): void {
    this.#held.delete(key);
    this.#held.set(key, snapshot);
    for (const old of this.#held.keys()) {
      if (this.#held.size <= this.limit) break;
      this.#held.delete(old);
    }
  }

  peek(key: string): Snapshot | undefined {
    return this.#held.get(key);
  }

  forget(key: string): void {
    this.#held.delete(key);
  }

  get size(): number {
    return this.#held.size;
  }
}
