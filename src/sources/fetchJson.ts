/**
 * Fetching JSON with a timeout and errors a person can read. `fetch` is injected so tests use local servers.
 */
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
 * GETs `url` and parses JSON, failing with a SourceError that says what went wrong: unreachable, timed out,
 * HTTP status, or a body that is not JSON (e.g. an HTML error page).
 * @example await fetchJson(fetch, '/api/deepstate/history/public', { timeoutMs: 20_000 })
 */
export async function fetchJson(
  fetchFn: FetchLike,
  url: string,
  { timeoutMs = 30_000, signal }: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<unknown> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetchFn(url, { signal: combined, headers: { accept: 'application/json' } });
  } catch (err) {
    if (timeout.aborted) throw new SourceError(`${url}: no answer within ${timeoutMs / 1000} s`, 0, url);
    if (signal?.aborted) throw new SourceError(`${url}: cancelled`, 0, url);
    throw new SourceError(`${url}: unreachable (${(err as Error).message})`, 0, url);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    throw new SourceError(`${url}: the answer broke off (${(err as Error).message})`, response.status, url);
  }
  if (!response.ok) {
    const detail = response.status === 404 ? 'not published (404)' : `HTTP ${response.status}`;
    const reason = serverReason(text);
    throw new SourceError(`${url}: ${detail}${reason ? `: ${reason}` : ''}`, response.status, url);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const looksHtml = /^\s*</u.test(text);
    throw new SourceError(
      `${url}: the answer is not JSON${looksHtml ? ' (an HTML page, perhaps an error page)' : ''}`,
      response.status,
      url,
    );
  }
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
