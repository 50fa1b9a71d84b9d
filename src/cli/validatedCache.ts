/**
 * The CLI's memo of validated snapshots (src/sources/snapshotMemo.ts, issue #17), in the cache folder:
 * `<cache dir>/validated/<key>.snap`, the key being the SHA-256 of the validator's version (validatorVersion, the
 * hash of the parsing and validation code), the source, the version and the SHA-256 of the file's bytes. Same bytes
 * and same code: the stored snapshot is used; anything else is validated again and stored.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Version } from '../core/index.ts';
import { decodeSnapshot, encodeSnapshot, type SnapshotMemo } from '../sources/snapshotMemo.ts';
import { writeFileAtomic } from '../sources/node/writeFileAtomic.ts';
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
        return decodeSnapshot(await readFile(file(key)));
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
  };
}
