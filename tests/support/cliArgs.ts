/**
 * The command lines tests give the CLI, written once: a command and its options as an object instead of the long
 * `'--source', 'archive', '--data', dir, '--from', …` lists each test repeated (issue #17). Options keep the order
 * they are written in; `true` is a bare flag, `undefined` and `false` are left out.
 */

export type CliOptions = Record<string, string | number | boolean | undefined>;

/**
 * @example cliArgs('history', { source: 'archive', data: dir, from: '2025-08-01', to: '2025-08-31', step: 'day' })
 * // ['history', '--source', 'archive', '--data', dir, '--from', '2025-08-01', '--to', '2025-08-31', '--step', 'day']
 */
export function cliArgs(command: string, options: CliOptions): string[] {
  const out = [command];
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || value === false) continue;
    out.push(`--${name}`);
    if (value !== true) out.push(String(value));
  }
  return out;
}
