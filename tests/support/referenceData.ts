/**
 * Access to the real reference data, a folder outside the repository named by FRONTLINE_REFERENCE_DATA (its use:
 * docs/reliability.md).
 * Real-data tests skip with a printed reason when it is absent; they never copy it into the project.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { deepstateMiddleware } from '../../src/server/deepstateMiddleware.ts';

/** The reference folder, or null with the reason printed once. */
export function referenceDir(): string | null {
  const value = process.env['FRONTLINE_REFERENCE_DATA'];
  if (!value) {
    console.warn(
      'SKIP real-data tests: FRONTLINE_REFERENCE_DATA is not set (e.g. FRONTLINE_REFERENCE_DATA=../shared/geodata)',
    );
    return null;
  }
  const dir = resolve(value);
  if (!existsSync(resolve(dir, 'deepstate-api/history/public'))) {
    console.warn(`SKIP real-data tests: ${dir} has no deepstate-api/history/public`);
    return null;
  }
  return dir;
}

/**
 * Serves a folder laid out like the DeepStateMap API on 127.0.0.1 (the same middleware the dev server uses).
 * @example const { baseUrl, close } = await serveDeepStateFolder(`${ref}/deepstate-api`);
 */
export async function serveDeepStateFolder(
  dir: string,
): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const handler = deepstateMiddleware({ kind: 'folder', dir: resolve(dir) });
  const server: Server = createServer((req, res) => handler(req, res, () => res.end()));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
