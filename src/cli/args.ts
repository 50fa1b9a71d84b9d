/** Argument parsing shared by the commands (node:util parseArgs, strict: unknown options are errors). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isIsoDate } from '../core/index.ts';
import { SOURCE_IDS, type SourceId } from '../sources/types.ts';

/** A mistake in how the command was called: exit code 2, with the message and a pointer to --help. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const SOURCE_OPTIONS = {
  source: { type: 'string' },
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function sourceId(value: string | undefined): SourceId {
  if (!value) throw new UsageError(`--source is required: one of ${SOURCE_IDS.join(', ')}`);
  if (!(SOURCE_IDS as readonly string[]).includes(value)) {
    throw new UsageError(
      `--source ${JSON.stringify(value)} is not a source: use one of ${SOURCE_IDS.join(', ')}`,
    );
  }
  return value as SourceId;
}

export function isoDate(name: string, value: string | undefined): string {
  if (!value) throw new UsageError(`--${name} YYYY-MM-DD is required`);
  if (!isIsoDate(value))
    throw new UsageError(`--${name} ${JSON.stringify(value)} is not a calendar date YYYY-MM-DD`);
  return value;
}

export function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} ${JSON.stringify(value)}: use one of ${allowed.join(', ')}`);
  }
  return value as T;
}
