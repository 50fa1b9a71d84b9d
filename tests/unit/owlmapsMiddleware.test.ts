/**
 * The same-origin UA Control Map route (issue #16): only `base.json` and `YYYYMMDD.json` are served or passed on,
 * from a folder or a base URL; anything else is refused. Real `node:http` servers on 127.0.0.1.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { owlmapsMiddleware, type DeepStateTarget } from '../../src/server/deepstateMiddleware.ts';

const servers: Server[] = [];
async function serve(target: DeepStateTarget): Promise<string> {
  const handler = owlmapsMiddleware(target, { timeoutMs: 2000 });
  const server = createServer((req, res) => handler(req, res, () => res.end('next')));
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterAll(() => Promise.all(servers.map((s) => new Promise<void>((ok) => s.close(() => ok())))));

describe('owlmapsMiddleware', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'owl-mw-'));
    writeFileSync(join(dir, 'base.json'), JSON.stringify({ dates: ['20250901'] }));
    writeFileSync(join(dir, '20250901.json'), JSON.stringify({ areas: [], areas_ua: [] }));
    writeFileSync(join(dir, 'secret.json'), '{"no": "way"}');
  });

  it('serves base.json and day files from a folder, refuses other paths', async () => {
    const origin = await serve({ kind: 'folder', dir });
    expect(((await (await fetch(`${origin}/base.json`)).json()) as { dates: string[] }).dates).toEqual([
      '20250901',
    ]);
    expect((await fetch(`${origin}/20250901.json`)).status).toBe(200);
    expect((await fetch(`${origin}/20250902.json`)).status).toBe(404);
    const refused = await fetch(`${origin}/secret.json`);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toMatch(/not a UA Control Map data path/u);
    expect((await fetch(`${origin}/base.json`, { method: 'POST' })).status).toBe(405);
  });

  it('forwards allowed paths to the base URL, and says how to work offline when it is unreachable', async () => {
    const upstream = await serve({ kind: 'folder', dir });
    const origin = await serve({ kind: 'url', base: upstream });
    expect((await fetch(`${origin}/20250901.json`)).status).toBe(200);
    const down = await serve({ kind: 'url', base: 'http://127.0.0.1:9' });
    const r = await fetch(`${down}/base.json`);
    expect(r.status).toBe(502);
    expect(await r.text()).toMatch(/FRONTLINE_OWLMAPS=/u);
  });
});
