/**
 * Runs the CLI in-process (`main(argv, io)`) with stdout and stderr captured, for tests.
 */
import type { CliIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * @example const r = await runCli(localFetch, 'change', '--source', 'archive', '--data', dir, '--from', a, '--to', b);
 */
export async function runCli(fetchFn: CliIo['fetch'], ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTty: false,
    fetch: fetchFn,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
