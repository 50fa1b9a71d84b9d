/**
 * A local HTTP server on 127.0.0.1 (port 0) that fails the way public sources do (issue #6): silence, 5xx, 429 with
 * Retry-After, a body that stalls after the headers, an HTML error page with 200, a connection reset mid-body, a
 * body that changes between fetches or while it is being sent, a size announced far over any cap.
 *
 * Each request is answered by the route's behaviour for that attempt (`sequence` steps through several, repeating
 * the last). Nothing here loops or waits on its own: stalled and silent answers stay open until the client gives up
 * or `close()` destroys every connection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;

const JSON_TYPE = { 'content-type': 'application/json' };

/** 200 with the body. */
export const answer =
  (body: string | Uint8Array, headers: Record<string, string> = JSON_TYPE): Behaviour =>
  (_req, res) => {
    res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) }).end(body);
  };

/** An error status, with optional headers (Retry-After) and body. */
export const status =
  (code: number, headers: Record<string, string> = {}, body = `${code}`): Behaviour =>
  (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/plain', ...headers }).end(body);
  };

/** Takes the request and never answers. */
export const silent = (): Behaviour => () => {};

/** Sends the headers (announcing the whole body) and the first `bytes` of it, then nothing more. */
export const stall =
  (body: string, bytes: number): Behaviour =>
  (_req, res) => {
    res.writeHead(200, { ...JSON_TYPE, 'content-length': Buffer.byteLength(body) });
    res.write(body.slice(0, bytes));
  };

/** Sends the headers and the first `bytes` of the body, then resets the connection (TCP RST). */
export const reset =
  (body: string, bytes: number): Behaviour =>
  (_req, res) => {
    res.writeHead(200, { ...JSON_TYPE, 'content-length': Buffer.byteLength(body) });
    res.write(body.slice(0, bytes), () => {
      const socket = res.socket as (Socket & { resetAndDestroy?: () => void }) | null;
      setImmediate(() => (socket?.resetAndDestroy ? socket.resetAndDestroy() : socket?.destroy()));
    });
  };

/** An HTML error page served with 200, as CDNs and captive portals do. */
export const htmlPage = (title: string, code = 200): Behaviour =>
  status(
    code,
    { 'content-type': 'text/html; charset=utf-8' },
    `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>\n`,
  );

/** The body changes while it is sent: the first `bytes` of `a`, then the rest of `b` (same length announced). */
export const switchMidBody =
  (a: string, b: string, bytes: number): Behaviour =>
  (_req, res) => {
    const body = a.slice(0, bytes) + b.slice(bytes, a.length);
    res.writeHead(200, { ...JSON_TYPE, 'content-length': Buffer.byteLength(body) }).end(body);
  };

/** Announces `bytes` in Content-Length, sends a little, then waits: only a client that checks the header is safe. */
export const hugeDeclared =
  (bytes: number): Behaviour =>
  (_req, res) => {
    res.writeHead(200, { ...JSON_TYPE, 'content-length': String(bytes) });
    res.write('{"type": "FeatureCollection", "features": [');
  };

/** A chunked body (no Content-Length) of `chunks` × `chunkBytes` spaces inside a JSON array, sent at once. */
export const chunked =
  (chunks: number, chunkBytes: number): Behaviour =>
  (_req, res) => {
    res.writeHead(200, JSON_TYPE);
    res.write('[');
    const pad = ' '.repeat(chunkBytes);
    for (let i = 0; i < chunks; i++) res.write(pad);
    res.end(']');
  };

/** Behaviours in turn, one per request to the route; the last repeats. */
export function sequence(...steps: Behaviour[]): Behaviour {
  let n = 0;
  return (req, res) => steps[Math.min(n++, steps.length - 1)]!(req, res);
}

/**
 * @example
 * const server = await misbehavingServer({ '/deepstatemap_data_20250815.geojson': sequence(status(503), answer(day)) });
 * await fetch(`${server.baseUrl}/deepstatemap_data_20250815.geojson`); // 503, then 200 on the retry
 * await server.close();
 */
export async function misbehavingServer(
  routes: Record<string, Behaviour>,
  fallback: Behaviour = status(404, {}, 'not found'),
): Promise<{ baseUrl: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push(path);
    (routes[path] ?? fallback)(req, res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
