import { areaKm2, snapshotAreas, TERRITORY_CLASSES, toCsv, type Region } from '../../core/index.ts';
import { snapshotAt } from '../../sources/snapshotAt.ts';
import { isoDate, oneOf, parse, SOURCE_OPTIONS } from '../args.ts';
import { loadOblasts } from '../geodata.ts';
import { EXIT, type Command } from '../io.ts';
import { km2, meta, metaComment } from '../meta.ts';
import { sourceFrom } from '../openSource.ts';

const oblastArea = (r: Region): number => areaKm2(r.geometry);

export const areaCommand: Command = {
  summary: 'area of each territory class on a date, in total and per oblast',
  usage:
    'frontline area --source deepstate-api|archive|folder|owlmaps|arcgis [--data DIR_OR_URL] --date YYYY-MM-DD [--format json|csv]',
  async run(argv, io) {
    const { values } = parse(argv, {
      ...SOURCE_OPTIONS,
      date: { type: 'string' },
      format: { type: 'string' },
    });
    const date = isoDate('date', values.date);
    const format = oneOf('format', values.format, ['json', 'csv'] as const, 'json');
    const source = sourceFrom(values, io);
    const { versions } = await source.listVersions();
    const at = await snapshotAt(source, versions, date);
    if (at.note) io.stderr(`note: ${at.note}\n`);
    for (const w of at.snapshot.warnings) io.stderr(`warning: ${w}\n`);
    io.stderr(`computing areas for ${at.snapshot.version.date} over 27 oblasts…\n`);
    const oblasts = loadOblasts();
    const areas = snapshotAreas(at.snapshot, oblasts);
    const m = meta(source, [
      {
        requested: date,
        date: at.snapshot.version.date,
        versionId: at.snapshot.version.id,
        ...(at.note ? { note: at.note } : {}),
      },
    ]);
    const classes = TERRITORY_CLASSES.filter(
      (c) => !(at.snapshot.occupiedIncludesPre2022 && c === 'occupied_pre2022'),
    );
    const round = (a: Record<string, number>) => Object.fromEntries(classes.map((c) => [c, km2(a[c] ?? 0)]));
    const note = at.snapshot.occupiedIncludesPre2022
      ? 'This source does not separate the areas occupied before 24 Feb 2022: "occupied" holds all occupied territory.'
      : undefined;
    if (format === 'json') {
      const byOblast = areas.byRegion.map((r, i) => {
        const total = oblastArea(oblasts[i]!);
        return {
          iso: r.iso,
          name: r.name,
          areaKm2: km2(total),
          areasKm2: round(r.areas),
          sharePct: Object.fromEntries(classes.map((c) => [c, km2((r.areas[c] / total) * 100)])),
        };
      });
      const out = {
        meta: m,
        snapshot: {
          date: at.snapshot.version.date,
          versionId: at.snapshot.version.id,
          createdAt: at.snapshot.version.createdAt,
        },
        ...(note ? { note } : {}),
        areasKm2: round(areas.total),
        byOblast,
      };
      io.stdout(JSON.stringify(out, null, 2) + '\n');
    } else {
      const header = ['date', 'version_id', 'region_iso', 'region', ...classes.map((c) => `${c}_km2`)];
      const rows = [{ iso: 'UA', name: 'Total', areas: areas.total }, ...areas.byRegion].map((r) => [
        at.snapshot.version.date,
        at.snapshot.version.id,
        r.iso,
        r.name,
        ...classes.map((c) => r.areas[c].toFixed(2)),
      ]);
      io.stdout(toCsv(header, rows, metaComment(m) + (note ? `; ${note}` : '')));
    }
    return EXIT.ok;
  },
};
