/**
 * Atomic file writes (Node): the data goes to a temporary file in the same folder, is flushed to disk, then renamed
 * over the target, so a reader — or a rerun after a crash — sees the old file or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Ending of the temporary files; whatever a killed process left behind is found and removed by it. */
export const TEMP_SUFFIX = '.frontline-tmp';

/**
 * Writes `data` to `path` atomically, creating the folder if needed.
 * @example await writeFileAtomic('mirror/history/public', bytes)
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  // Same folder as the target: rename is only atomic within one file system.
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/**
 * Removes temporary files a killed writer left under `dir` (recursively); returns how many. A missing folder is fine.
 * @example await removeStaleTemps('mirror') // 0
 */
export async function removeStaleTemps(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const stale = names.filter((n) => n.endsWith(TEMP_SUFFIX));
  await Promise.all(stale.map((n) => rm(join(dir, n), { force: true })));
  return stale.length;
}
