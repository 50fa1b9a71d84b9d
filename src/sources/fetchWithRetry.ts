/**
 * GET with retries (withRetry: exponential backoff with equal jitter, src/sources/retryPolicy.ts), for mirroring many
 * files from a public server (issue #3, `sync`).
 * Retried: network errors, timeouts, 5xx, 408, 425 and 429 (after `Retry-After` when the server sends one).
 * Not retried: 404, which is an answer ("not published"), and other 4xx, which will not change on a retry.
 * The sleep is injected so tests check the delays without waiting.
 */
import { MAX_BYTES } from '../core/index.ts';
import { SourceError, type FetchLike } from './fetchJson.ts';
import { readBody, reasonOf } from './readBody.ts';
import { retryableStatus, retryAfterMs, withRetry, type RetryPolicy } from './retryPolicy.ts';

/** The retry policy (retries default 4: 5 attempts in all), with each attempt's limits and a way to stop. */
export interface RetryOptions extends Partial<RetryPolicy> {
  /** Per-attempt time limit. Default 60 s. */
  timeoutMs?: number;
  /** Largest body read; a bigger one fails at once, not retried. Default MAX_BYTES (src/core/io/parseGeoJsonText.ts). */
  maxBytes?: number;
  signal?: AbortSignal;
}

export type Fetched =
  { status: 'ok'; body: Uint8Array; attempts: number } | { status: 'missing'; attempts: number };

/**
 * Fetches `url`'s bytes, retrying transient failures; a 404 is `{ status: 'missing' }`. Throws SourceError when the
 * server refuses (other 4xx), when every attempt failed, or when `signal` aborts.
 * @example
 * const got = await fetchWithRetry(fetch, `${base}/history/1754077960/geojson`, { retries: 4 });
 * if (got.status === 'missing') console.log('not published');
 */
export async function fetchWithRetry(
  fetchFn: FetchLike,
  url: string,
  { retries = 4, timeoutMs = 60_000, maxBytes = MAX_BYTES, signal, ...policy }: RetryOptions = {},
): Promise<Fetched> {
  const cancelled = (): SourceError => new SourceError(`${url}: cancelled`, 0, url);
  // The last HTTP status seen, kept through later network failures: the final error reports it.
  let lastStatus = 0;
  const once = async (attempt: number): Promise<Fetched> => {
    if (signal?.aborted) throw cancelled();
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let headersCame = false;
    try {
      const response = await fetchFn(url, { signal: combined });
      if (response.status === 404) {
        await response.body?.cancel();
        return { status: 'missing', attempts: attempt };
      }
      if (response.ok) {
        headersCame = true;
        return { status: 'ok', body: await readBody(response, { url, maxBytes }), attempts: attempt };
      }
      await response.body?.cancel();
      if (!retryableStatus(response.status)) {
        throw new SourceError(`${url}: HTTP ${response.status}, not retried`, response.status, url);
      }
      lastStatus = response.status;
      throw new Transient(`HTTP ${response.status}`, retryAfterMs(response));
    } catch (err) {
      if (err instanceof SourceError || err instanceof Transient) throw err;
      if (signal?.aborted) throw cancelled();
      // After the headers, the body itself stalled or broke off (connection reset): retried like a failed request.
      if (headersCame) {
        throw new Transient(
          timeout.aborted
            ? `the answer stalled: it began but was not complete within ${timeoutMs / 1000} s`
            : `the answer broke off (${reasonOf(err)})`,
        );
      }
      throw new Transient(
        timeout.aborted ? `no answer within ${timeoutMs / 1000} s` : `unreachable (${reasonOf(err)})`,
      );
    }
  };
  return withRetry(
    url,
    once,
    {
      transient: (err) => (err instanceof Transient ? err : null),
      exhausted: (_err, attempts, { reason }) =>
        new SourceError(`${url}: ${reason}, after ${attempts} attempts`, lastStatus, url),
    },
    { ...policy, retries, ...(signal ? { signal } : {}) },
  );
}

/** One attempt's failure that another might not meet (withRetry's TransientFailure). */
class Transient extends Error {
  constructor(
    readonly reason: string,
    readonly askedMs = 0,
  ) {
    super(reason);
  }
}
