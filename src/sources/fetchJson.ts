/**
 * Fetching JSON with a timeout and errors a person can read. `fetch` is injected so tests use local servers.
 */
import { MAX_BYTES, parseGeoJsonText } from '../core/index.ts';
import { BodyError, decodeUtf8, readBody, reasonOf } from './readBody.ts';
import {
  retryableStatus,
  retryAfterMs,
  withRetry,
  type RetryJudge,
  type RetryPolicy,
} from './retryPolicy.ts';
import { SourceError, type FetchLike } from './sourceError.ts';

// Re-exported: most adapters import the error with the fetch that throws it.
export { SourceError, type FetchLike };

/** Errors of one attempt that another might not meet, with the wait the server asked for (ms). */
const transient = new WeakMap<SourceError, number>();

/**
 * GETs `url` and parses JSON, failing with a SourceError that says what went wrong: unreachable, timed out, stalled
 * or broken off after the headers, HTTP status, over the size cap, or a body that is not JSON (an HTML error page
 * served with 200, truncated JSON, …: every body goes through parseGeoJsonText, src/core/io/parseGeoJsonText.ts).
 * With `retry`, what is worth retrying is tried again after a growing, jittered delay (withRetry,
 * src/sources/retryPolicy.ts), each attempt with its own time limit; the final error then says how many attempts were
 * made.
 * @example await fetchJson(fetch, '/api/deepstate/history/public', { timeoutMs: 20_000 })
 * @example await fetchJson(fetch, url, { retry: { retries: 2, onRetry: ({ reason }) => console.error(reason) } })
 */
export async function fetchJson(
  fetchFn: FetchLike,
  url: string,
  options: FetchOptions = {},
): Promise<unknown> {
  return parseAnswer(await fetchBytes(fetchFn, url, options), url, options.maxBytes);
}

export interface FetchOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  maxBytes?: number;
  retry?: RetryPolicy;
}

/**
 * The JSON of an answer's bytes, through parseGeoJsonText (an HTML page served with 200, truncated JSON, … fail
 * here with the words fetchJson uses).
 * @example parseAnswer(await fetchBytes(fetch, url), url)
 */
export function parseAnswer(answer: FetchedBytes, url: string, maxBytes = MAX_BYTES): unknown {
  const parsed = parseGeoJsonText(decodeUtf8(answer.bytes), { label: url, subject: 'the answer', maxBytes });
  if (!parsed.ok) throw new SourceError(parsed.issues.join('; '), answer.status, url);
  return parsed.value;
}

export interface FetchedBytes {
  bytes: Uint8Array;
  status: number;
}

/**
 * fetchJson's request, retries and errors, up to the bytes of a successful answer (not parsed): for callers that
 * look at the bytes first (src/sources/snapshotMemo.ts skips validating bytes already validated).
 * @example const { bytes } = await fetchBytes(fetch, url, { retry: { retries: 2 } })
 */
export async function fetchBytes(
  fetchFn: FetchLike,
  url: string,
  options: FetchOptions = {},
): Promise<FetchedBytes> {
  const { retry, signal } = options;
  if (!retry) return fetchBytesOnce(fetchFn, url, options);
  return withRetry(url, () => fetchBytesOnce(fetchFn, url, options), fetchJudge(url), {
    ...retry,
    ...(signal ? { signal } : {}),
  });
}

/** fetchBytesOnce's failures noted in `transient` are retried; the final error says how many attempts were made. */
const fetchJudge = (url: string): RetryJudge => ({
  transient: (err) => {
    if (!(err instanceof SourceError)) return null;
    const askedMs = transient.get(err);
    if (askedMs === undefined) return null;
    const reason = err.message.startsWith(`${url}: `) ? err.message.slice(url.length + 2) : err.message;
    return { reason, askedMs };
  },
  exhausted: (err, attempts) => {
    const last = err as SourceError;
    return attempts === 1
      ? last
      : new SourceError(`${last.message}, after ${attempts} attempts`, last.status, url);
  },
});

/** One attempt of fetchBytes; errors another attempt might not meet are noted in `transient`. */
async function fetchBytesOnce(
  fetchFn: FetchLike,
  url: string,
  {
    timeoutMs = 30_000,
    signal,
    maxBytes = MAX_BYTES,
  }: { timeoutMs?: number; signal?: AbortSignal; maxBytes?: number },
): Promise<FetchedBytes> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const seconds = timeoutMs / 1000;
  /** A SourceError that another attempt might not meet (after `waitMs`, if the server asked). */
  const passing = (message: string, status: number, waitMs = 0): SourceError => {
    const err = new SourceError(message, status, url);
    transient.set(err, waitMs);
    return err;
  };
  /** The headers came but the body did not (all of it). */
  const brokenBody = (err: unknown, status: number): SourceError => {
    if (signal?.aborted) return new SourceError(`${url}: cancelled`, 0, url);
    if (timeout.aborted) {
      return passing(`${url}: the answer stalled: it began but was not complete within ${seconds} s`, status);
    }
    const reason = err instanceof BodyError ? err.message : reasonOf(err);
    return passing(`${url}: the answer broke off (${reason})`, status);
  };
  let response: Response;
  try {
    response = await fetchFn(url, { signal: combined, headers: { accept: 'application/json' } });
  } catch (err) {
    // A wrapping fetch (the snapshot cache) that already said what happened, or that read a body which broke off.
    if (err instanceof SourceError) throw err;
    if (err instanceof BodyError) throw brokenBody(err, 200);
    if (timeout.aborted) throw passing(`${url}: no answer within ${seconds} s`, 0);
    if (signal?.aborted) throw new SourceError(`${url}: cancelled`, 0, url);
    throw passing(`${url}: unreachable (${reasonOf(err)})`, 0);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBody(response, { url, maxBytes });
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw brokenBody(err, response.status);
  }
  if (!response.ok) {
    const text = decodeUtf8(bytes);
    const detail =
      response.status === 404
        ? 'not published (404)'
        : `HTTP ${response.status}${response.status === 429 ? ' (too many requests)' : ''}${waitAsked(response)}`;
    const reason = serverReason(text);
    const message = `${url}: ${detail}${reason ? `: ${reason}` : ''}`;
    if (retryableStatus(response.status)) throw passing(message, response.status, retryAfterMs(response));
    throw new SourceError(message, response.status, url);
  }
  return { bytes, status: response.status };
}

/** `, the server asks to wait 120 s` from a Retry-After header (seconds or an HTTP date), or ''. */
function waitAsked(response: Response): string {
  const value = response.headers.get('retry-after')?.trim();
  if (!value) return '';
  if (/^\d+$/u.test(value)) return `, the server asks to wait ${value} s`;
  const at = Date.parse(value);
  return Number.isNaN(at) ? '' : `, the server asks to wait until ${new Date(at).toISOString()}`;
}

/** The short plain-text reason our own proxy sends (`{"error": "..."}`), if any. */
function serverReason(text: string): string {
  try {
    const j = JSON.parse(text) as { error?: unknown };
    return typeof j.error === 'string' ? j.error.slice(0, 300) : '';
  } catch {
    return '';
  }
}
