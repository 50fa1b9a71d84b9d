/**
 * `frontline`: the command line. Thin: it parses arguments, reads sources and calls src/core.
 */
import { defaultCacheDir } from '../sources/node/cache.ts';
import { SourceError } from '../sources/fetchJson.ts';
import { UsageError } from './args.ts';
import { areaCommand } from './commands/area.ts';
import { changeCommand } from './commands/change.ts';
import { checkCommand } from './commands/check.ts';
import { historyCommand } from './commands/history.ts';
import { lengthCommand } from './commands/length.ts';
import { listCommand } from './commands/list.ts';
import { syncCommand } from './commands/sync.ts';
import { compareCommand } from './commands/compare.ts';
import { serveCommand } from './commands/serve.ts';
import { publishCommand } from './commands/publish.ts';
import { EXIT, nodeIo, type CliIo, type Command } from './io.ts';

export const COMMANDS: Record<string, Command> = {
  list: listCommand,
  area: areaCommand,
  change: changeCommand,
  history: historyCommand,
  check: checkCommand,
  sync: syncCommand,
  compare: compareCommand,
  serve: serveCommand,
  publish: publishCommand,
  length: lengthCommand,
};

function help(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
  return [
    'frontline — front-line areas you can check and export',
    '',
    'Usage: npx frontline <command> [options]    (npx frontline <command> --help for its options)',
    '',
    'Commands:',
    ...rows,
    '',
    'Sources (--source): deepstate-api (DeepStateMap versions), archive (DeepState daily archive), owlmaps',
    '(UA Control Map / Project Owl), folder (your own files, --data DIR), arcgis (--data LAYER_URL [--date-field NAME]).',
    '--data DIR_OR_URL reads the source from a base URL or a folder laid out like it.',
    'HTTP sources: --timeout SECONDS per request (default 60), --retries N for failures worth retrying (default 2:',
    'no answer, a body that broke off, 5xx, 429; never 404); fetched snapshots are cached in',
    `${defaultCacheDir()} (--cache-dir DIR elsewhere, --no-cache not at all).`,
    'Exit codes: 0 ok, 1 source or computation failed, 2 wrong usage, 3 invalid data.',
    '',
  ].join('\n');
}

/**
 * Runs the CLI and returns its exit code.
 * @example process.exitCode = await main(['change', '--source', 'archive', '--from', '2025-08-15', '--to', '2025-11-20'])
 */
export async function main(argv: string[], io: CliIo = nodeIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    const near = closestCommand(name);
    io.stderr(
      `frontline: unknown command ${JSON.stringify(name)}${near ? ` (did you mean ${near}?)` : ''}\n\n${help()}`,
    );
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`frontline ${name}: ${err.message}\nUsage: ${command.usage}\n`);
      return EXIT.usage;
    }
    if (err instanceof SourceError) {
      io.stderr(`frontline ${name}: ${err.message}\n`);
      return EXIT.failure;
    }
    io.stderr(`frontline ${name}: failed: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.failure;
  }
}

/** The command a mistyped name most likely meant: within two edits (Levenshtein), or none. */
function closestCommand(name: string): string | undefined {
  const distance = (a: string, b: string): number => {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) {
        next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      row = next;
    }
    return row[b.length]!;
  };
  const [best] = Object.keys(COMMANDS)
    .map((c) => [c, distance(name.toLowerCase(), c)] as const)
    .sort((x, y) => x[1] - y[1]);
  return best && best[1] <= 2 ? best[0] : undefined;
}
