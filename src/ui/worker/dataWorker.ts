/**
 * The data worker (issue #14): the browser's data lives here. It opens the sources, fetches, parses, validates and
 * keeps the snapshots, and computes on them what the page shows (areas, change, front line, a second opinion) — the
 * same core the CLI runs, on the same snapshot objects from one request to the next, so the core's caches hit. The
 * page sends ids and dates (src/ui/worker/protocol.ts) and gets back what it draws and the figures. A request the
 * page cancels is aborted (its waits end at once, its heavy steps are skipped) and answered `cancelled`.
 */
import { handle } from './handle.ts';
import { NoSnapshot, onSourceRetry } from './heldSources.ts';
import { SourceFailed } from './sourceFailed.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const post = (msg: FromWorker) => (self as unknown as Worker).postMessage(msg);

onSourceRetry((source, { reason, delayMs }) => post({ id: 0, kind: 'retry', source, reason, delayMs }));

const running = new Map<number, AbortController>();

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.kind === 'cancel') {
    running.get(msg.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(msg.id, controller);
  try {
    const answer = await handle(msg, controller.signal);
    post({ ...answer, id: msg.id } as FromWorker);
  } catch (err) {
    if (err instanceof NoSnapshot) post({ id: msg.id, kind: 'atError', error: err.detail });
    else if (controller.signal.aborted) post({ id: msg.id, kind: 'cancelled' });
    else
      post({
        id: msg.id,
        kind: 'error',
        error: (err as Error).message,
        ...(err instanceof SourceFailed ? { source: err.source } : {}),
      });
  } finally {
    running.delete(msg.id);
  }
};
