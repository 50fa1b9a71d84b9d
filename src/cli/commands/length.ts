import {
  classGeometry,
  frontContext,
  frontLengthCsv,
  frontLengthReport,
  frontLine,
  frontLineGeoJson,
  greyOuterGeometry,
} from '../../core/index.ts';
import { snapshotAt } from '../../sources/snapshotAt.ts';
import { isoDate, oneOf, parse, SOURCE_OPTIONS } from '../args.ts';
import { loadFrontOutline, loadOblasts } from '../geodata.ts';
import { EXIT, type Command } from '../io.ts';
import { meta, metaComment } from '../meta.ts';
import { sourceFrom } from '../openSource.ts';

export const lengthCommand: Command = {
  summary: 'length of the front line on a date: whole contact line, without the Dnipro, by stretch',
  usage:
    'frontline length --source deepstate-api|archive|owlmaps|folder|arcgis [--data DIR_OR_URL] --date YYYY-MM-DD ' +
    '[--format json|csv|geojson]\n\n' +
    'The front line is the boundary of all occupied territory less the stretches within 1 km of Ukraine’s land\n' +
    'border with Russia and Belarus or of the coast (geodata/front-outline.geojson). lengthKm is geodesic on WGS84\n' +
    'and generalised at 1 km (Douglas-Peucker); rawKm is the line as drawn. Where the source has a grey zone,\n' +
    'greyOuter measures the outer edge of occupied + grey. GeoJSON: the line by stretch, and the excluded border\n' +
    'and coast. See docs/front-length.md.',
  async run(argv, io) {
    const { values } = parse(argv, {
      ...SOURCE_OPTIONS,
      date: { type: 'string' },
      format: { type: 'string' },
    });
    const date = isoDate('date', values.date);
    const format = oneOf('format', values.format, ['json', 'csv', 'geojson'] as const, 'json');
    const source = sourceFrom(values, io);
    const { versions } = await source.listVersions();
    const at = await snapshotAt(source, versions, date);
    if (at.note) io.stderr(`note: ${at.note}\n`);
    for (const w of at.snapshot.warnings) io.stderr(`warning: ${w}\n`);
    const ctx = frontContext(loadFrontOutline(), loadOblasts());
    const fl = frontLine(classGeometry(at.snapshot, 'occupied_all'), ctx);
    const greyGeometry = greyOuterGeometry(at.snapshot);
    const grey = greyGeometry ? frontLine(greyGeometry, ctx) : null;
    const snapshot = { date: at.snapshot.version.date, versionId: at.snapshot.version.id };
    const m = meta(source, [{ requested: date, ...snapshot, ...(at.note ? { note: at.note } : {}) }]);
    const report = frontLengthReport(m, date, snapshot, fl, grey);
    if (format === 'json') io.stdout(JSON.stringify(report, null, 2) + '\n');
    else if (format === 'csv') io.stdout(frontLengthCsv(report, metaComment(m)));
    else io.stdout(JSON.stringify(frontLineGeoJson(report, fl, grey)) + '\n');
    return EXIT.ok;
  },
};
