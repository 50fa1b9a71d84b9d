/**
 * A tiny static file server on 127.0.0.1 (port 0) for tests of sources laid out as plain files, like the daily
 * archive on raw.githubusercontent.com. A `hook` can answer a request itself (an outage, a slow answer, a 503) before
 * the file is served; a missing file answers 404 as the real host does.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';

export type Hook = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/**
 * @example const { baseUrl, close, requests } = await serveStaticFolder(`${ref}/deepstate-archive`);
 */
export async function serveStaticFolder(
  dir: string,
  hook?: Hook,
): Promise<{ baseUrl: string; close: () => Promise<void>; requests: string[] }> {
  const root = resolve(dir);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
      requests.push(path);
      if (hook && (await hook(req, res))) return;
      const file = resolve(root, `.${path}`);
      if (!file.startsWith(root + sep)) {
        res.writeHead(404).end('not found');
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('404: Not Found');
      }
    })();
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
