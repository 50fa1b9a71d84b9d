/**
 * The second source of a comparison (issue #16): `--with ID` and `--with-data DIR_OR_URL`, opened like `--source`
 * with the same request options (timeout, retries, cache, folder options, `--date-field`).
 */
import type { ParseArgsConfig } from 'node:util';
import type { FetchLike } from '../sources/fetchJson.ts';
import type { SnapshotSource } from '../sources/types.ts';
import { sourceFrom } from './openSource.ts';

export const WITH_OPTIONS = {
  with: { type: 'string' },
  'with-data': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/**
 * The `--with` source, or null when the command was not asked to compare.
 * @example const b = secondSourceFrom(values, io);
 */
export function secondSourceFrom(
  values: Parameters<typeof sourceFrom>[0] & { with?: string | undefined; 'with-data'?: string | undefined },
  io: { fetch: FetchLike; stderr: (text: string) => void },
): SnapshotSource | null {
  if (values.with === undefined) return null;
  return sourceFrom({ ...values, source: values.with, data: values['with-data'] }, io);
}
