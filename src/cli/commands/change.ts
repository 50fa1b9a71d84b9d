import { buildChangeReport, changeGeoJson, changeReportCsv, type ChangeClass } from '../../core/index.ts';
import { snapshotAt } from '../../sources/snapshotAt.ts';
import { isoDate, oneOf, parse, SOURCE_OPTIONS, UsageError } from '../args.ts';
import { loadClaims } from '../claims.ts';
import { loadFocusAreas, loadOblasts, loadSettlements } from '../geodata.ts';
import { loadUserAreas } from '../userAreas.ts';
import { EXIT, type Command } from '../io.ts';
import { TOOL_VERSION } from '../meta.ts';
import { sourceFrom } from '../openSource.ts';

const CLASSES = ['occupied_all', 'occupied', 'occupied_pre2022', 'grey', 'liberated'] as const;

export const changeCommand: Command = {
  summary:
    'area gained, lost and net between two dates, per oblast and focus area, with matching reported figures',
  usage:
    'frontline change --source deepstate-api|archive|folder [--data DIR_OR_URL] --from YYYY-MM-DD --to YYYY-MM-DD ' +
    '[--class occupied|occupied_since_2022|occupied_pre2022|grey|liberated] [--areas FILE.geojson] [--format json|csv|geojson]',
  async run(argv, io) {
    const { values } = parse(argv, {
      ...SOURCE_OPTIONS,
      from: { type: 'string' },
      to: { type: 'string' },
      class: { type: 'string' },
      format: { type: 'string' },
      areas: { type: 'string' },
    });
    const from = isoDate('from', values.from);
    const to = isoDate('to', values.to);
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    // `occupied` (the default) means all occupied territory, as the press counts it (issue #4);
    // `occupied_since_2022` is DeepState's "occupied after 24 Feb 2022" alone.
    const chosen = oneOf('class', values.class, [...CLASSES, 'occupied_since_2022'] as const, 'occupied');
    const cls: ChangeClass =
      chosen === 'occupied' ? 'occupied_all' : chosen === 'occupied_since_2022' ? 'occupied' : chosen;
    const format = oneOf('format', values.format, ['json', 'csv', 'geojson'] as const, 'json');
    const source = sourceFrom(values, io);
    const { versions } = await source.listVersions();
    io.stderr(`loading snapshots for ${from} and ${to} from ${source.id}…\n`);
    const a = await snapshotAt(source, versions, from);
    const b = await snapshotAt(source, versions, to);
    for (const at of [a, b]) if (at.note) io.stderr(`note: ${at.note}\n`);
    io.stderr('computing the change and splitting it by oblast and focus area…\n');
    const oblasts = loadOblasts();
    const { report, change } = buildChangeReport({
      source,
      toolVersion: TOOL_VERSION,
      generatedAt: new Date().toISOString(),
      a,
      b,
      cls,
      oblasts,
      // The focus areas, plus any polygons the user passes (--areas FILE), in the same breakdown.
      focusAreas: [
        ...loadFocusAreas(),
        ...(values.areas ? await loadUserAreas(values.areas, io.stderr) : []),
      ],
      claims: loadClaims((w) => io.stderr(`warning: ${w}\n`)),
      settlements: loadSettlements(),
    });
    if (format === 'geojson') io.stdout(JSON.stringify(changeGeoJson(report, change, oblasts)) + '\n');
    else if (format === 'json') io.stdout(JSON.stringify(report, null, 2) + '\n');
    else io.stdout(changeReportCsv(report));
    for (const r of report.reported) {
      io.stderr(
        `reported: ${r.publisher}: ${r.reportedKm2} km² (${r.metric}) vs computed ${r.computedKm2} km²: ${r.verdict}\n`,
      );
    }
    return EXIT.ok;
  },
};
