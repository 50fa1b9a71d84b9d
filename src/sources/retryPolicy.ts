/**
 * The one retry loop (`withRetry`) and what is worth retrying, shared by `fetchWithRetry` (sync) and `fetchJson` (every
 * other read): network errors, timeouts, bodies that stall or break off, 5xx, 408, 425 and 429 (after `Retry-After`
 * when the server sends one). Not 404, which is an answer ("not published"), nor other 4xx, which will not change on
 * a retry. Waits grow exponentially with equal jitter, so workers that failed together do not retry together
 * (docs/architecture.md, "One retry helper").
 */
import { SourceError } from './sourceError.ts';

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
  /** Ceiling of the delay before the first retry; it doubles on each further one. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of any delay, `Retry-After` included. Default 30 s. */
  maxDelayMs?: number;
  /** Injected so tests check the delays without waiting. */
  sleep?: Sleep;
  /** Uniform in [0, 1): the jitter's source. Default Math.random; tests inject a fixed one to stay deterministic. */
  random?: () => number;
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
 * The wait before retry `attempt` (1, 2, …), with equal jitter: the ceiling `baseDelayMs · 2^(attempt−1)` (never over
 * `maxDelayMs`), of which the first half is always waited and the second half drawn from `random`, so the wait lies in
 * [ceiling/2, ceiling]. What the server asked (`Retry-After`) is a floor; `maxDelayMs` caps everything.
 * @example backoffMs(2, 0, { baseDelayMs: 500, random: () => 0.5 }) // 750: in [500, 1000]
 */
export function backoffMs(
  attempt: number,
  askedMs: number,
  { baseDelayMs = 500, maxDelayMs = 30_000, random = Math.random }: Omit<RetryPolicy, 'retries'> = {},
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  const jittered = ceiling / 2 + (ceiling / 2) * random();
  return Math.min(maxDelayMs, Math.max(askedMs, jittered));
}

/** A failed attempt that another might not meet: why (said in the retry notice) and how long the server asked to wait. */
export interface TransientFailure {
  reason: string;
  askedMs: number;
}

/** How withRetry tells a failure worth retrying from a final one, and what it throws when the retries are spent. */
export interface RetryJudge {
  /** The failure's reason and asked wait if another attempt might succeed, else null (the error is thrown as is). */
  transient: (err: unknown) => TransientFailure | null;
  /** The error thrown after `attempts` attempts all failed transiently (`err` is the last one's). */
  exhausted: (err: unknown, attempts: number, failure: TransientFailure) => Error;
}

/**
 * Runs `attempt` (1, 2, …) until it returns, fails for good, or `policy.retries` retries are spent, waiting
 * backoffMs between attempts and telling `policy.onRetry` before each wait. An abort during the wait throws
 * SourceError `<url>: cancelled`; an abort seen after a failure rethrows that failure.
 * @example
 * const bytes = await withRetry(url, () => fetchOnce(url), judge, { retries: 4, onRetry: (r) => log(retryNote(r)) });
 */
export async function withRetry<T>(
  url: string,
  attempt: (n: number) => Promise<T>,
  judge: RetryJudge,
  policy: RetryPolicy & { signal?: AbortSignal },
): Promise<T> {
  const { signal } = policy;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      const failure = judge.transient(err);
      if (!failure || signal?.aborted) throw err;
      if (n > policy.retries) throw judge.exhausted(err, n, failure);
      const delayMs = backoffMs(n, failure.askedMs, policy);
      policy.onRetry?.({ url, attempt: n, delayMs, reason: failure.reason });
      try {
        await (policy.sleep ?? realSleep)(delayMs, signal);
      } catch {
        throw new SourceError(`${url}: cancelled`, 0, url);
      }
    }
  }
}
