/**
 * Reading a response body with a size cap (issue #6): a server that sends 10 GB, or says it will, is stopped at the
 * cap instead of filling memory, and a body that breaks off or stalls after the headers is told apart from a server
 * that never answered.
 */
import { formatMegabytes, MAX_BYTES } from '../core/index.ts';
import { SourceError } from './sourceError.ts';

/**
 * The body of a response failed after its headers arrived (connection reset, stalled stream aborted by a timeout).
 * Thrown by fetch wrappers that read the body themselves (the snapshot cache), so that `fetchJson` words it as a
 * broken answer rather than an unreachable server.
 */
export class BodyError extends Error {
  constructor(readonly reason: unknown) {
    super(reasonOf(reason));
    this.name = 'BodyError';
  }
}

/**
 * An error's message with its cause, as undici nests them (`fetch failed: connect ECONNREFUSED 127.0.0.1:9`,
 * `terminated: other side closed`).
 * @example reasonOf(new TypeError('terminated', { cause: new Error('other side closed') })) // 'terminated: other side closed'
 */
export function reasonOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  const inner =
    cause instanceof Error && cause.message && !err.message.includes(cause.message) ? cause.message : '';
  return inner ? `${err.message}: ${inner}` : err.message;
}

/**
 * All of a response's bytes, refusing more than `maxBytes` (from `Content-Length` before reading, or while reading).
 * Throws SourceError for an answer over the cap, BodyError when the body cannot be read to its end.
 * @example const bytes = await readBody(response, { url, maxBytes: 100_000_000 });
 */
export async function readBody(
  response: Response,
  { url, maxBytes = MAX_BYTES }: { url: string; maxBytes?: number },
): Promise<Uint8Array<ArrayBuffer>> {
  const tooBig = (size: string): SourceError =>
    new SourceError(
      `${url}: the answer is ${size}, over the ${formatMegabytes(maxBytes)} cap for one file; not read`,
      response.status,
      url,
    );
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooBig(formatMegabytes(declared));
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooBig(`more than ${formatMegabytes(maxBytes)}`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new BodyError(err);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Bytes → text for parseGeoJsonText: UTF-8, keeping a byte-order mark so that it is reported rather than silently
 * dropped, and bytes that are not UTF-8 as U+FFFD (which parseGeoJsonText recognises).
 * @example decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d])) // '\uFEFF{}'
 */
export const decodeUtf8 = (bytes: Uint8Array): string =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
