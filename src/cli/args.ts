/** Argument parsing shared by the commands (node:util parseArgs, strict: unknown options are errors). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isIsoDate, parseTerritoryClass, TERRITORY_CLASSES, type TerritoryClass } from '../core/index.ts';
import { SOURCE_IDS, type SourceId } from '../sources/types.ts';

/** A mistake in how the command was called: exit code 2, with the message and a pointer to --help. */
export class UsageError extends Error {
  override name = 'UsageError';
}

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

/**
 * Options of the `folder` source (issue #3), for commands to spread into their option set next to SOURCE_OPTIONS:
 * `--file-date` dates files whose names and properties carry no date, `--default-class` classes polygons that name
 * none, `--class-property` names the property that holds the class.
 */
export const FOLDER_OPTIONS = {
  'file-date': { type: 'string' },
  'default-class': { type: 'string' },
  'class-property': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/**
 * The options every command takes: which source, where it is read from (`--data`), the folder source's options,
 * `--no-cache` to bypass the caches (src/sources/node/cache.ts: fetched snapshots; src/cli/validatedCache.ts: validated
 * ones), `--cache-dir` to keep them elsewhere than the user's cache folder (defaultCacheDir), `--timeout SECONDS` for
 * each request (default 60), and `--retries N` for requests that failed in a way worth retrying
 * (src/sources/retryPolicy.ts; default 2, `sync` 4).
 */
export const SOURCE_OPTIONS = {
  source: { type: 'string' },
  data: { type: 'string' },
  'no-cache': { type: 'boolean' },
  'cache-dir': { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...FOLDER_OPTIONS,
  // Issue #16: the field that dates an `arcgis` layer.
  'date-field': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/**
 * A whole-number option within `min`–`max`, `fallback` when absent.
 * @example wholeNumber('retries', values.retries, 2, 0, 20)
 */
export function wholeNumber(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/u.test(value) || n < min || n > max) {
    throw new UsageError(`--${name} ${JSON.stringify(value)}: a whole number ${min}–${max}`);
  }
  return n;
}

/**
 * Reads FOLDER_OPTIONS into openSource's options; a class may be given by any name parseTerritoryClass knows.
 * @example openSource('folder', values.data, io.fetch, folderOptions(values))
 */
export function folderOptions(values: {
  'file-date'?: string | undefined;
  'default-class'?: string | undefined;
  'class-property'?: string | undefined;
}): { fileDate?: string; defaultClass?: TerritoryClass; classProperty?: string } {
  const out: { fileDate?: string; defaultClass?: TerritoryClass; classProperty?: string } = {};
  if (values['file-date'] !== undefined) out.fileDate = isoDate('file-date', values['file-date']);
  if (values['default-class'] !== undefined) {
    const cls = parseTerritoryClass(values['default-class']);
    if (!cls) {
      throw new UsageError(
        `--default-class ${JSON.stringify(values['default-class'])}: use one of ${TERRITORY_CLASSES.join(', ')}`,
      );
    }
    out.defaultClass = cls;
  }
  if (values['class-property']) out.classProperty = values['class-property'];
  return out;
}

/**
 * `--timeout SECONDS` in milliseconds (fractions allowed, 0.05–3600 s), or undefined when not given.
 * @example timeoutMs('2.5') // 2500
 */
export function timeoutMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const s = Number(value);
  if (!/^\d+(?:\.\d+)?$/u.test(value) || s < 0.05 || s > 3600) {
    throw new UsageError(`--timeout ${JSON.stringify(value)}: seconds, from 0.05 to 3600`);
  }
  return Math.round(s * 1000);
}
