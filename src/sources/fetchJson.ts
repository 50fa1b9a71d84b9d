/**
 * Fetching JSON with a timeout and errors a person can read. `fetch` is injected so tests use local servers.
 */
import { MAX_BYTES, parseGeoJsonText } from '../core/index.ts';
import { BodyError, decodeUtf8, readBody, reasonOf } from './readBody.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class SourceError extends Error {
  constructor(
    message: string,
    /** HTTP status when there was a response; 0 for network errors and timeouts. */
    readonly status: number,
    readonly url: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

/**
 * GETs `url` and parses JSON, failing with a SourceError that says what went wrong: unreachable, timed out, stalled
 * or broken off after the headers, HTTP status, over the size cap, or a body that is not JSON (an HTML error page
 * served with 200, truncated JSON, …: every body goes through parseGeoJsonText, src/core/parseGeoJsonText.ts).
 * @example await fetchJson(fetch, '/api/deepstate/history/public', { timeoutMs: 20_000 })
 */
export async function fetchJson(
  fetchFn: FetchLike,
  url: string,
  {
    timeoutMs = 30_000,
    signal,
    maxBytes = MAX_BYTES,
  }: { timeoutMs?: number; signal?: AbortSignal; maxBytes?: number } = {},
): Promise<unknown> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const seconds = timeoutMs / 1000;
  /** The headers came but the body did not (all of it). */
  const brokenBody = (err: unknown, status: number): SourceError => {
    if (signal?.aborted) return new SourceError(`${url}: cancelled`, 0, url);
    if (timeout.aborted) {
      return new SourceError(
        `${url}: the answer stalled: it began but was not complete within ${seconds} s`,
        status,
        url,
      );
    }
    const reason = err instanceof BodyError ? err.message : reasonOf(err);
    return new SourceError(`${url}: the answer broke off (${reason})`, status, url);
  };
  let response: Response;
  try {
    response = await fetchFn(url, { signal: combined, headers: { accept: 'application/json' } });
  } catch (err) {
    // A wrapping fetch (the snapshot cache) that already said what happened, or that read a body which broke off.
    if (err instanceof SourceError) throw err;
    if (err instanceof BodyError) throw brokenBody(err, 200);
    if (timeout.aborted) throw new SourceError(`${url}: no answer within ${seconds} s`, 0, url);
    if (signal?.aborted) throw new SourceError(`${url}: cancelled`, 0, url);
    throw new SourceError(`${url}: unreachable (${reasonOf(err)})`, 0, url);
  }
  let text: string;
  try {
    text = decodeUtf8(await readBody(response, { url, maxBytes }));
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw brokenBody(err, response.status);
  }
  if (!response.ok) {
    const detail =
      response.status === 404
        ? 'not published (404)'
        : `HTTP ${response.status}${response.status === 429 ? ' (too many requests)' : ''}${waitAsked(response)}`;
    const reason = serverReason(text);
    throw new SourceError(`${url}: ${detail}${reason ? `: ${reason}` : ''}`, response.status, url);
  }
  const parsed = parseGeoJsonText(text, { label: url, subject: 'the answer', maxBytes });
  if (!parsed.ok) throw new SourceError(parsed.issues.join('; '), response.status, url);
  return parsed.value;
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
