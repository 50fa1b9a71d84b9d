import { cachedDates, defaultCacheDir } from '../../sources/node/cache.ts';
import { parse, SOURCE_OPTIONS } from '../args.ts';
import { EXIT, type Command } from '../io.ts';
import { sourceFrom } from '../openSource.ts';

export const listCommand: Command = {
  summary: 'print the dates a source has, one ISO date per line (--cached marks those in the local cache)',
  usage:
    'frontline list --source deepstate-api|archive|folder|owlmaps|arcgis [--data DIR_OR_URL] [--ids] [--cached]',
  async run(argv, io) {
    const { values } = parse(argv, {
      ...SOURCE_OPTIONS,
      ids: { type: 'boolean' },
      cached: { type: 'boolean' },
    });
    const source = sourceFrom(values, io);
    const { versions, warnings } = await source.listVersions();
    for (const w of warnings) io.stderr(`warning: ${w}\n`);
    // Which dates have a snapshot in the cache: a second, tab-separated column, so plain output stays one date a line.
    const cached =
      source.id === 'folder'
        ? new Set<string>()
        : await cachedDates(source.id, values['cache-dir'] ?? defaultCacheDir());
    const mark = (date: string): string => (values.cached && cached.has(date) ? '\tcached' : '');
    if (values.ids) {
      io.stdout(versions.map((v) => `${v.date}\t${v.id}\t${v.createdAt}${mark(v.date)}`).join('\n') + '\n');
    } else {
      io.stdout([...new Set(versions.map((v) => v.date))].map((d) => `${d}${mark(d)}`).join('\n') + '\n');
    }
    if (source.id !== 'folder')
      io.stderr(`${cached.size} of these dates have a snapshot in the local cache\n`);
    return EXIT.ok;
  },
};
