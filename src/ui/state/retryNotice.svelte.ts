/**
 * The source notice's "trying again" (issue #3): set when one of the worker's requests failed in a passing way (no
 * answer, 5xx, 429) and waits to be tried again, for the wait and 2 s more; by then the version has loaded or shows
 * its own error. Loads run side by side, so the notice is not tied to one of them. Its reason comes from the server
 * and is only ever shown as text.
 */
import { onRetry } from '../worker/dataClient.ts';

export class RetryNotice {
  retrying = $state.raw<{ reason: string; seconds: number } | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Listens to the worker's retries of `source()` (the active source; another's retries are not its notice). */
  constructor(source: () => string) {
    onRetry(({ source: from, reason, delayMs }) => {
      if (from !== source()) return;
      this.retrying = { reason: reason.slice(0, 300), seconds: delayMs / 1000 };
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => (this.retrying = null), delayMs + 2000);
    });
  }
}
