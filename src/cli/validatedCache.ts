/**
 * The CLI's memo of validated snapshots (src/sources/snapshotMemo.ts, issue #17), in the cache folder:
 * `<cache dir>/validated/<key>.snap`, the key being the SHA-256 of the validator's version (validatorVersion, the
 * hash of the parsing and validation code), the source, the version and the SHA-256 of the file's bytes. Same bytes
 * and same code: the stored snapshot is used; anything else is validated again and stored.
 *
 * A local file (a folder source) is first looked up by its identity instead of its bytes: path, size, inode and
 * the modification and change times in nanoseconds (`stat`). A hit reads neither the file nor its hash — for the
 * whole archive that was reading and hashing 60 MB on every run. Any write to the file changes its change time
 * (which no tool can set back), so an edited file misses and is looked up by its bytes as before; the one case
 * this does not see is a rewrite within the file system's timestamp resolution that keeps the size and inode. The
 * identity's entry is a hard link to the content's entry (a copy where links fail), so it costs no space.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { copyFile, link, rename, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Version } from '../core/index.ts';
import { decodeSnapshot, encodeSnapshot, type SnapshotMemo } from '../sources/snapshotMemo.ts';
import { TEMP_SUFFIX, writeFileAtomic } from '../sources/node/writeFileAtomic.ts';
import { validatorVersion } from './shipped.ts';

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/**
 * @example createArchiveSource({ baseUrl, fetch, memo: validatedCache(join(defaultCacheDir(), 'validated')) })
 */
export function validatedCache(
  dir: string,
  {
    validator = validatorVersion(),
    onError = () => {},
  }: { validator?: string; onError?: (m: string) => void } = {},
): SnapshotMemo {
  const file = (key: string): string => join(dir, `${key}.snap`);
  return {
    key: (bytes: Uint8Array, source: string, version: Version) =>
      sha256(`${validator}\0${source}\0${JSON.stringify(version)}\0${sha256(bytes)}`),
    async get(key) {
      try {
        // Synchronous on purpose, here and in fileKey: a thread-pool round trip per file cost more than the read
        // itself on a loaded machine (769 of them in a whole-archive history).
        return decodeSnapshot(readFileSync(file(key)));
      } catch {
        return null;
      }
    },
    async set(key, snapshot) {
      try {
        await writeFileAtomic(file(key), encodeSnapshot(snapshot));
      } catch (err) {
        onError(`validated-snapshot cache: ${file(key)} not written (${(err as Error).message})`);
      }
    },
    async fileKey(url, source, version) {
      // fileFetch's URLs are absolute paths; anything else (http://…) has no identity to stat.
      if (!isAbsolute(url)) return null;
      try {
        const s = statSync(url, { bigint: true });
        const id = [url, s.size, s.ino, s.dev, s.mtimeNs, s.ctimeNs].join('\0');
        return sha256(`${validator}\0${source}\0${JSON.stringify(version)}\0file\0${id}`);
      } catch {
        return null;
      }
    },
    async alias(fileKey, key) {
      // Unique per call: two loads of one file at once must not share a temporary name.
      const temp = `${file(fileKey)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
      try {
        await link(file(key), temp).catch(() => copyFile(file(key), temp));
        await rename(temp, file(fileKey));
      } catch (err) {
        await rm(temp, { force: true });
        onError(`validated-snapshot cache: ${file(fileKey)} not written (${(err as Error).message})`);
      }
    },
  };
}
