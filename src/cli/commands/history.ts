import {
  changeBetween,
  changeByRegion,
  changedPlaces,
  classGeometry,
  isRetaken,
  isTaken,
  placeClasses,
  stepDates,
  toCsv,
  type AreaGeometry,
  type PlaceClass,
} from '../../core/index.ts';
import { snapshotAt } from '../../sources/snapshotAt.ts';
import { isoDate, oneOf, parse, SOURCE_OPTIONS, UsageError } from '../args.ts';
import { loadOblasts, loadSettlements } from '../geodata.ts';
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
  /** With --settlements: gazetteer places taken (came into occupied territory) and retaken (left it) in the step. */
  settlementsTaken?: number | null;
  settlementsRetaken?: number | null;
}

export const historyCommand: Command = {
  summary: 'occupied area over a date range, with the change from each step to the next',
  usage:
    'frontline history --source deepstate-api|archive|folder [--data DIR_OR_URL] --from YYYY-MM-DD --to YYYY-MM-DD ' +
    '[--step day|week|month] [--by-oblast] [--settlements] [--format csv|json]',
  async run(argv, io) {
    const { values } = parse(argv, {
      ...SOURCE_OPTIONS,
      from: { type: 'string' },
      to: { type: 'string' },
      step: { type: 'string' },
      format: { type: 'string' },
      'by-oblast': { type: 'boolean' },
      settlements: { type: 'boolean' },
    });
    const from = isoDate('from', values.from);
    const to = isoDate('to', values.to);
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    const step = oneOf('step', values.step, ['day', 'week', 'month'] as const, 'month');
    const format = oneOf('format', values.format, ['csv', 'json'] as const, 'csv');
    const source = sourceFrom(values, io);
    const { versions } = await source.listVersions();
    const dates = stepDates(from, to, step);
    const oblasts = values['by-oblast'] ? loadOblasts() : [];
    const places = values.settlements ? loadSettlements() : null;
    let prevClasses: PlaceClass[] = [];
    const bar = progress(io, dates.length, `history ${step}`);
    const rows: Row[] = [];
    const used: { requested: string; date: string; versionId: string }[] = [];
    let prev: AreaGeometry | null = null;
    let prevDate = '';
    for (const date of dates) {
      const at = await snapshotAt(source, versions, date);
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
      if (places) {
        const classes = same ? prevClasses : placeClasses(at.snapshot, places);
        const changed = first ? [] : changedPlaces(places, prevClasses, classes);
        row.settlementsTaken = first ? null : changed.filter(isTaken).length;
        row.settlementsRetaken = first ? null : changed.filter(isRetaken).length;
        prevClasses = classes;
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
      io.stdout(JSON.stringify({ meta: m, from, to, step, class: 'occupied_all', rows }, null, 2) + '\n');
    } else {
      const isos = oblasts.map((o) => o.properties.iso);
      const header = [
        'date',
        'snapshot',
        'version_id',
        'area_km2',
        'gained_km2',
        'lost_km2',
        'net_km2',
        ...isos.map((i) => `net_${i}_km2`),
        ...(places ? ['settlements_taken', 'settlements_retaken'] : []),
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
        ...(places ? [r.settlementsTaken ?? '', r.settlementsRetaken ?? ''].map(String) : []),
      ]);
      io.stdout(
        toCsv(header, body, `${metaComment({ ...m, snapshots: [] })}; class: occupied_all; step: ${step}`),
      );
    }
    return EXIT.ok;
  },
};
