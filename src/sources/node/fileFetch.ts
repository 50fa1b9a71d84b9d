/**
 * A `fetch` over a local folder laid out like a public source, so the same adapters read mirrors made by
 * `frontline sync` (Node only). A missing file answers 404, like the real server.
 */
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { FetchLike } from '../fetchJson.ts';

/**
 * @example const f = fileFetch('/data/mirror'); await f('/data/mirror/history/public')
 */
export function fileFetch(root: string): FetchLike {
  const dir = resolve(root);
  return async (input) => {
    const file = resolve(input);
    if (file !== dir && !file.startsWith(dir + sep))
      return new Response('outside the folder', { status: 404 });
    try {
      return new Response(await readFile(file), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR')
        return new Response('not found', { status: 404 });
      throw err;
    }
  };
}
