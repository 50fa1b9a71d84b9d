/**
 * `frontline compare`: two assessments of one date side by side (issue #16) — both areas, what both mark, what
 * only one does, IoU, per oblast — as JSON, CSV or GeoJSON of the "only A" and "only B" polygons.
 */
import { compareAssessments, comparisonCsv, comparisonGeoJson } from '../../core/index.ts';
import { snapshotAt } from '../../sources/snapshotAt.ts';
import { isoDate, oneOf, parse, SOURCE_OPTIONS, UsageError } from '../args.ts';
import { loadLand, loadOblasts } from '../geodata.ts';
import { EXIT, type Command } from '../io.ts';
import { TOOL_VERSION } from '../meta.ts';
import { sourceFrom } from '../openSource.ts';
import { secondSourceFrom, WITH_OPTIONS } from '../secondSource.ts';

export const compareCommand: Command = {
  summary: 'two sources on one date: both areas, overlap, only-A, only-B, IoU, per oblast',
  usage:
    'frontline compare --date YYYY-MM-DD --source S1 [--data D1] --with S2 [--with-data D2] [--format json|csv|geojson]\n\n' +
    'Sources: deepstate-api, archive, folder, owlmaps (UA Control Map), arcgis (--data LAYER_URL [--date-field NAME]).\n' +
    'Both sides: all occupied territory (occupied_all), clipped to the same land outline (the oblasts), same area model.\n' +
    'GeoJSON: one feature per "only A" / "only B" polygon, with its source, oblast and km².',
  async run(argv, io) {
    const { values } = parse(argv, {
      ...SOURCE_OPTIONS,
      ...WITH_OPTIONS,
      date: { type: 'string' },
      format: { type: 'string' },
    });
    const date = isoDate('date', values.date);
    const format = oneOf('format', values.format, ['json', 'csv', 'geojson'] as const, 'json');
    if (values.with === undefined) throw new UsageError('--with S2 is required: the source to compare with');
    const a = sourceFrom(values, io);
    const b = secondSourceFrom(values, io)!;
    io.stderr(`loading ${date} from ${a.id} and ${b.id}…\n`);
    const [va, vb] = await Promise.all([a.listVersions(), b.listVersions()]);
    const [ua, ub] = await Promise.all([snapshotAt(a, va.versions, date), snapshotAt(b, vb.versions, date)]);
    for (const [s, u] of [
      [a, ua],
      [b, ub],
    ] as const) {
      if (u.note) io.stderr(`note: ${s.id}: ${u.note}\n`);
      for (const w of u.snapshot.warnings.slice(0, 5)) io.stderr(`warning: ${s.id}: ${w}\n`);
    }
    io.stderr('clipping both to the land outline and comparing…\n');
    const oblasts = loadOblasts();
    const { report, disagreement } = compareAssessments({
      date,
      a: ua,
      b: ub,
      sources: { a, b },
      land: loadLand(),
      oblasts,
      toolVersion: TOOL_VERSION,
      generatedAt: new Date().toISOString(),
    });
    if (format === 'geojson')
      io.stdout(JSON.stringify(comparisonGeoJson(report, disagreement, oblasts)) + '\n');
    else if (format === 'csv') io.stdout(comparisonCsv(report));
    else io.stdout(JSON.stringify(report, null, 2) + '\n');
    const pct = report.iou === null ? '—' : `${(report.iou * 100).toFixed(1)}%`;
    io.stderr(
      `${a.id} ${report.a.areaKm2} km², ${b.id} ${report.b.areaKm2} km²: both ${report.bothKm2}, ` +
        `only ${a.id} ${report.onlyAKm2}, only ${b.id} ${report.onlyBKm2}, IoU ${pct}\n`,
    );
    return EXIT.ok;
  },
};
