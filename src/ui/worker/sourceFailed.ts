/**
 * A request that reads two sources (the second opinion) failed on one of them: the worker names it, so the page can
 * say which source could not be read instead of guessing (issue #14). The worker throws it; the page's `ask`
 * rejects with it, `source` carried across in the error message (src/ui/worker/protocol.ts).
 */
import type { BrowserSourceId } from '../sourceIds.ts';

export class SourceFailed extends Error {
  constructor(
    message: string,
    readonly source: BrowserSourceId,
  ) {
    super(message);
  }
}

/**
 * The source a failure names, if it names one.
 * @example failedSource(new SourceFailed('HTTP 500', 'archive')) // 'archive'
 */
export function failedSource(err: unknown): BrowserSourceId | undefined {
  return err instanceof SourceFailed ? err.source : undefined;
}
