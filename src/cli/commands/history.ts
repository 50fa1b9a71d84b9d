import {
  changeBetween,
  changeByRegion,
  changedPlaces,
  classGeometry,
  comparedGeometry,
  isRetaken,
  isTaken,
  placeClasses,
  frontContext,
  frontLine,
  stepDates,
  toCsv,
  type AreaGeometry,
  type PlaceClass,
} from '../../core/index.ts';
import { snapshotAt } from '../../sources/snapshotAt.ts';
import { isoDate, oneOf, parse, SOURCE_OPTIONS, UsageError } from '../args.ts';
import { loadFrontOutline, loadLand, loadOblasts, loadSettlements } from '../geodata.ts';
import { secondSourceFrom, WITH_OPTIONS } from '../secondSource.ts';
import { EXIT, type Command } from '../io.ts';
import { km2, meta, metaComment } from '../meta.ts';
import { sourceFrom } from '../openSource.ts';
import { progress } from '../progress.ts';

interface Row {
  date: string;
  snapshot: string;
  versionId: string;
  areaKm2: number;
  gainedKm2: number | null;
  lostKm2: number | null;
  netKm2: number | null;
  byOblast?: Record<string, number>;
  /** With `--with S2`: both sources on the same land, same class (issue #16). */
  with?: { snapshot: string; aKm2: number; bKm2: number; bothKm2: number; iou: number | null };
  /** With --settlements: gazetteer places taken (came into occupied territory) and retaken (left it) in the step. */
  settlementsTaken?: number | null;
  settlementsRetaken?: number | null;
  /** With --length (issue #15): the front line's generalised length, without the Dnipro, and as drawn. */
  lengthKm?: number;
  withoutDniproKm?: number;
  rawLengthKm?: number;
}

export const historyCommand: Command = {
  summary: 'occupied area over a date range, with the change from each step to the next',
  usage:
    'frontline history --source deepstate-api|archive|folder|owlmaps|arcgis [--data DIR_OR_URL] --from YYYY-MM-DD --to YYYY-MM-DD ' +
    '[--step day|week|month] [--by-oblast] [--settlements] [--with S2 [--with-data D2]] [--length] [--format csv|json]\n\n' +
    "With --with: each step also gives both sources' areas clipped to the same land outline, their overlap and IoU.\n" +
    'With --settlements: each step counts the gazetteer places taken (came into occupied territory) and retaken.\n' +
    '--length adds the front line’s length per step (lengthKm, withoutDniproKm, rawLengthKm; see `frontline length`).',
  async run(argv, io) {
    const { values } = parse(argv, {
      ...SOURCE_OPTIONS,
      from: { type: 'string' },
      to: { type: 'string' },
      step: { type: 'string' },
      format: { type: 'string' },
      'by-oblast': { type: 'boolean' },
      ...WITH_OPTIONS,
      settlements: { type: 'boolean' },
      length: { type: 'boolean' },
    });
    const from = isoDate('from', values.from);
    const to = isoDate('to', values.to);
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    const step = oneOf('step', values.step, ['day', 'week', 'month'] as const, 'month');
    const format = oneOf('format', values.format, ['csv', 'json'] as const, 'csv');
    const source = sourceFrom(values, io);
    const { versions } = await source.listVersions();
    const second = secondSourceFrom(values, io);
    const secondVersions = second ? (await second.listVersions()).versions : [];
    const dates = stepDates(from, to, step);
    const oblasts = values['by-oblast'] ? loadOblasts() : [];
    const places = values.settlements ? loadSettlements() : null;
    let prevClasses: PlaceClass[] = [];
    // One context for the whole range: its per-edge memo is what keeps a daily history cheap.
    const front = values.length ? frontContext(loadFrontOutline(), loadOblasts()) : null;
    const bar = progress(io, dates.length, `history ${step}`);
    const rows: Row[] = [];
    const used: { requested: string; date: string; versionId: string }[] = [];
    let prev: AreaGeometry | null = null;
    let prevDate = '';
    for (const date of dates) {
      // Month steps end at midnight in Kyiv time, as DeepState's monthly figures do (issue #13).
      const at = await snapshotAt(source, versions, date, step === 'month' ? { days: 'kyiv' } : {});
      const geom = classGeometry(at.snapshot, 'occupied_all');
      const first = prevDate === '';
      const same = at.snapshot.version.date === prevDate;
      const change = changeBetween(first ? geom : prev, geom);
      const row: Row = {
        date,
        snapshot: at.snapshot.version.date,
        versionId: at.snapshot.version.id,
        areaKm2: km2(change.areaToKm2),
        gainedKm2: first ? null : km2(change.gainedKm2),
        lostKm2: first ? null : km2(change.lostKm2),
        netKm2: first ? null : km2(change.netKm2),
      };
      if (oblasts.length && !first && !same) {
        row.byOblast = Object.fromEntries(changeByRegion(change, oblasts).map((r) => [r.iso, km2(r.netKm2)]));
      }
      if (second) {
        const bAt = await snapshotAt(second, secondVersions, date);
        const land = loadLand();
        const c = changeBetween(comparedGeometry(at, land), comparedGeometry(bAt, land));
        const both = Math.max(0, c.areaFromKm2 - c.lostKm2);
        const union = c.areaFromKm2 + c.gainedKm2;
        row.with = {
          snapshot: bAt.snapshot.version.date,
          aKm2: km2(c.areaFromKm2),
          bKm2: km2(c.areaToKm2),
          bothKm2: km2(both),
          iou: union > 0 ? Math.round((both / union) * 10_000) / 10_000 : null,
        };
      }
      if (places) {
        const classes = same ? prevClasses : placeClasses(at.snapshot, places);
        const changed = first ? [] : changedPlaces(places, prevClasses, classes);
        row.settlementsTaken = first ? null : changed.filter(isTaken).length;
        row.settlementsRetaken = first ? null : changed.filter(isRetaken).length;
        prevClasses = classes;
      }
      if (front) {
        const fl = frontLine(geom, front);
        row.lengthKm = km2(fl.lengthKm);
        row.withoutDniproKm = km2(fl.withoutDniproKm);
        row.rawLengthKm = km2(fl.rawKm);
      }
      rows.push(row);
      used.push({ requested: date, date: at.snapshot.version.date, versionId: at.snapshot.version.id });
      prev = geom;
      prevDate = at.snapshot.version.date;
      bar.tick(date);
    }
    bar.done();
    const m = meta(source, used);
    if (format === 'json') {
      io.stdout(
        JSON.stringify(
          { meta: m, from, to, step, class: 'occupied_all', ...(second ? { with: second.id } : {}), rows },
          null,
          2,
        ) + '\n',
      );
    } else {
      const isos = oblasts.map((o) => o.properties.id);
      const header = [
        'date',
        'snapshot',
        'version_id',
        'area_km2',
        'gained_km2',
        'lost_km2',
        'net_km2',
        ...isos.map((i) => `net_${i}_km2`),
        ...(second
          ? [`${second.id}_snapshot`, 'a_land_km2', `${second.id}_land_km2`, 'both_km2', 'iou']
          : []),
        ...(places ? ['settlements_taken', 'settlements_retaken'] : []),
        ...(front ? ['length_km', 'without_dnipro_km', 'raw_length_km'] : []),
      ];
      const f = (n: number | null | undefined) => (n === null || n === undefined ? '' : n.toFixed(2));
      const body = rows.map((r) => [
        r.date,
        r.snapshot,
        r.versionId,
        f(r.areaKm2),
        f(r.gainedKm2),
        f(r.lostKm2),
        f(r.netKm2),
        ...isos.map((i) => f(r.byOblast?.[i])),
        ...(r.with
          ? [
              r.with.snapshot,
              f(r.with.aKm2),
              f(r.with.bKm2),
              f(r.with.bothKm2),
              r.with.iou === null ? '' : r.with.iou.toFixed(4),
            ]
          : []),
        ...(places ? [r.settlementsTaken ?? '', r.settlementsRetaken ?? ''].map(String) : []),
        ...(front ? [f(r.lengthKm), f(r.withoutDniproKm), f(r.rawLengthKm)] : []),
      ]);
      io.stdout(
        toCsv(header, body, `${metaComment({ ...m, snapshots: [] })}; class: occupied_all; step: ${step}`),
      );
    }
    return EXIT.ok;
  },
};
