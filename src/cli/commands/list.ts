import { parse, SOURCE_OPTIONS } from '../args.ts';
import { EXIT, type Command } from '../io.ts';
import { sourceFrom } from '../openSource.ts';

export const listCommand: Command = {
  summary: 'print the dates a source has, one ISO date per line',
  usage: 'frontline list --source deepstate-api|archive|folder [--data DIR_OR_URL] [--ids]',
  async run(argv, io) {
    const { values } = parse(argv, { ...SOURCE_OPTIONS, ids: { type: 'boolean' } });
    const source = sourceFrom(values, io);
    const { versions, warnings } = await source.listVersions();
    for (const w of warnings) io.stderr(`warning: ${w}\n`);
    if (values.ids) {
      io.stdout(versions.map((v) => `${v.date}\t${v.id}\t${v.createdAt}`).join('\n') + '\n');
    } else {
      io.stdout([...new Set(versions.map((v) => v.date))].join('\n') + '\n');
    }
    return EXIT.ok;
  },
};
