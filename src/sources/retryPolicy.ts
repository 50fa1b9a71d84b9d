/**
 * What is worth retrying and how long to wait, shared by `fetchWithRetry` (sync) and `fetchJson` (every other read):
 * network errors, timeouts, bodies that stall or break off, 5xx, 408, 425 and 429 (after `Retry-After` when the
 * server sends one). Not 404, which is an answer ("not published"), nor other 4xx, which will not change on a retry.
 */

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** One retry about to happen: which request, which retry (1, 2, …), after how long, and why. */
export interface RetryInfo {
  url: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

/** How a request is retried (what is worth it is decided here, not by the caller). */
export interface RetryPolicy {
  /** Retries after the first attempt (0: none). */
  retries: number;
  /** Delay before the first retry; it doubles on each further one. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of any delay, `Retry-After` included. Default 30 s. */
  maxDelayMs?: number;
  /** Injected so tests check the delays without waiting. */
  sleep?: Sleep;
  /** Told about each retry before its delay (for progress output). */
  onRetry?: (info: RetryInfo) => void;
}

/**
 * A retry as the command line says it on stderr.
 * @example retryNote({ url, attempt: 1, delayMs: 500, reason: 'HTTP 503' }) // 'retry 1 in 0.5 s: <url>: HTTP 503'
 */
export const retryNote = ({ url, attempt, delayMs, reason }: RetryInfo): string =>
  `retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s: ${url}: ${reason}`;

/**
 * A timer that an abort cuts short (rejecting with the abort reason).
 * @example await realSleep(500, signal)
 */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

const RETRY_STATUS = new Set([408, 425, 429]);

/**
 * Whether an HTTP status is worth another try.
 * @example retryableStatus(503) // true
 */
export const retryableStatus = (status: number): boolean => status >= 500 || RETRY_STATUS.has(status);

/**
 * `Retry-After` in ms (seconds or an HTTP date), or 0.
 * @example retryAfterMs(new Response(null, { status: 429, headers: { 'retry-after': '3' } })) // 3000
 */
export function retryAfterMs(response: Response): number {
  const value = response.headers.get('retry-after');
  if (!value) return 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.max(0, at - Date.now());
}

/**
 * The wait before retry `attempt` (1, 2, …): `baseDelayMs` doubled each time, or what the server asked if longer,
 * never over `maxDelayMs`.
 * @example backoffMs(2, 0, 500, 30_000) // 1000
 */
export const backoffMs = (
  attempt: number,
  askedMs: number,
  baseDelayMs: number,
  maxDelayMs: number,
): number => Math.min(maxDelayMs, Math.max(askedMs, baseDelayMs * 2 ** (attempt - 1)));
