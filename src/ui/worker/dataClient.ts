/**
 * The page's side of the data worker (src/ui/worker/dataWorker.ts): one typed `ask` per request of the protocol
 * (src/ui/worker/protocol.ts). A request sent on a `channel` supersedes the one before it on that channel: the
 * worker is told to cancel it and its answer, should one still come, rejects with {@link Superseded}, which callers
 * ignore (a newer timeline date wins).
 */
import focusUrl from '../../../geodata/focus-areas.geojson?url';
import oblastsUrl from '../../../geodata/oblasts.geojson?url';
import settlementsUrl from '../../../geodata/settlements.geojson?url';
import outlineUrl from '../../../geodata/front-outline.geojson?url';
import type { AnswerTo, FromWorker, Request, ToWorker } from './protocol.ts';
import { SourceFailed } from './sourceFailed.ts';

/** The rejection of a request a newer one replaced. */
export class Superseded extends Error {
  constructor() {
    super('superseded by a newer request');
  }
}

export const isSuperseded = (err: unknown): boolean => err instanceof Superseded;

type RetryListener = (notice: { source: string; reason: string; delayMs: number }) => void;

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (a: FromWorker) => void; reject: (e: Error) => void }>();
const channels = new Map<string, number>();
const retryListeners = new Set<RetryListener>();

function getWorker(): Worker {
  if (!worker) {
    const w = new Worker(new URL('./dataWorker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (event: MessageEvent<FromWorker>) => {
      const msg = event.data;
      if (msg.kind === 'retry') {
        for (const listener of retryListeners) listener(msg);
        return;
      }
      const job = pending.get(msg.id);
      if (!job) return;
      pending.delete(msg.id);
      if (msg.kind === 'error')
        job.reject(msg.source ? new SourceFailed(msg.error, msg.source) : new Error(msg.error));
      else if (msg.kind === 'cancelled') job.reject(new Superseded());
      else job.resolve(msg);
    };
    w.onerror = (event) => {
      for (const job of pending.values()) job.reject(new Error(`data worker failed: ${event.message}`));
      pending.clear();
      worker = null;
    };
    const urls = {
      oblasts: new URL(oblastsUrl, location.href).href,
      focusAreas: new URL(focusUrl, location.href).href,
      settlements: new URL(settlementsUrl, location.href).href,
      frontOutline: new URL(outlineUrl, location.href).href,
    };
    // Messages are handled in order, so init is in place before any request.
    w.postMessage({ id: nextId++, kind: 'init', urls } satisfies ToWorker);
    worker = w;
  }
  return worker;
}

/**
 * Sends a request; resolves with its answer. With `channel`, a request still under way on that channel is cancelled.
 * @example const { versions } = await ask({ kind: 'versions', source: 'archive' });
 */
export function ask<R extends Request>(
  request: R,
  { channel }: { channel?: string } = {},
): Promise<AnswerTo<R['kind']>> {
  const w = getWorker();
  const id = nextId++;
  if (channel) {
    const previous = channels.get(channel);
    if (previous !== undefined) cancel(previous);
    channels.set(channel, id);
  }
  return new Promise<FromWorker>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ ...request, id } as ToWorker);
  }).finally(() => {
    if (channel && channels.get(channel) === id) channels.delete(channel);
  }) as Promise<AnswerTo<R['kind']>>;
}

/** Cancels a request: the worker stops it, and the page never sees its answer. */
function cancel(id: number): void {
  const job = pending.get(id);
  if (!job) return;
  pending.delete(id);
  job.reject(new Superseded());
  worker?.postMessage({ kind: 'cancel', id } satisfies ToWorker);
}

/**
 * Hears of every request the worker's sources wait to try again (for the source notice); returns the unsubscribe.
 * @example onRetry(({ reason, delayMs }) => notice.show(reason, delayMs));
 */
export function onRetry(listener: RetryListener): () => void {
  retryListeners.add(listener);
  return () => retryListeners.delete(listener);
}
