/**
 * The error every source adapter throws when a source fails (unreachable, HTTP status, over the size cap, not
 * JSON, …), and the fetch it is given. Below both `fetchJson` and `readBody`, so neither imports the other for it.
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * @example throw new SourceError(`${url}: not published (404)`, 404, url)
 */
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
