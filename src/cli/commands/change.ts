import { bbox, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import {
  areaKm2,
  changeBetween,
  changeByRegion,
  claimsForPeriod,
  classGeometry,
  judge,
  toCsv,
  type AreaGeometry,
  type ChangeClass,
  type Region,
} from '../../core/index.ts';
import { snapshotAt } from '../../sources/snapshotAt.ts';
import { isoDate, oneOf, parse, SOURCE_OPTIONS, sourceId, UsageError } from '../args.ts';
import { loadClaims } from '../claims.ts';
import { loadFocusAreas, loadOblasts } from '../geodata.ts';
import { EXIT, type Command } from '../io.ts';
import { km2, meta, metaComment } from '../meta.ts';
import { openSource } from '../openSource.ts';

const CLASSES = ['occupied_all', 'occupied', 'occupied_pre2022', 'grey', 'liberated'] as const;

/** The oblast holding a representative point of `g` (a point guaranteed inside it), or '' outside all. */
function oblastOf(g: AreaGeometry, oblasts: readonly Region[]): string {
  const p = pointOnFeature({ type: 'Feature', geometry: g, properties: {} });
  const [x, y] = p.geometry.coordinates as [number, number];
  const hit = oblasts.find((o) => {
    const [w, s, e, n] = bbox(o);
    return x >= w && x <= e && y >= s && y <= n && booleanPointInPolygon(p, o);
  });
  return hit?.properties.iso ?? '';
}

function polygonFeatures(
  g: AreaGeometry | null,
  change: 'gained' | 'lost',
  oblasts: readonly Region[],
): Feature[] {
  if (!g) return [];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((coordinates) => {
    const geometry: AreaGeometry = { type: 'Polygon', coordinates };
    return {
      type: 'Feature',
      geometry,
      properties: { change, oblast: oblastOf(geometry, oblasts), areaKm2: km2(areaKm2(geometry)) },
    };
  });
}

export const changeCommand: Command = {
  summary:
    'area gained, lost and net between two dates, per oblast and focus area, with matching reported figures',
  usage:
    'frontline change --source deepstate-api|archive|folder [--data DIR_OR_URL] --from YYYY-MM-DD --to YYYY-MM-DD ' +
    '[--class occupied_all|occupied|occupied_pre2022|grey|liberated] [--format json|csv|geojson]',
  async run(argv, io) {
    const { values } = parse(argv, {
      ...SOURCE_OPTIONS,
      from: { type: 'string' },
      to: { type: 'string' },
      class: { type: 'string' },
      format: { type: 'string' },
    });
    const from = isoDate('from', values.from);
    const to = isoDate('to', values.to);
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    // "occupied" on the command line means all occupied territory, as the press counts it (issue #4).
    const cls: ChangeClass =
      values.class === 'occupied' || values.class === undefined
        ? 'occupied_all'
        : oneOf('class', values.class, CLASSES, 'occupied_all');
    const format = oneOf('format', values.format, ['json', 'csv', 'geojson'] as const, 'json');
    const source = openSource(sourceId(values.source), values.data, io.fetch);
    const { versions } = await source.listVersions();
    io.stderr(`loading snapshots for ${from} and ${to} from ${source.id}…\n`);
    const a = await snapshotAt(source, versions, from);
    const b = await snapshotAt(source, versions, to);
    for (const at of [a, b]) if (at.note) io.stderr(`note: ${at.note}\n`);
    io.stderr('computing the change…\n');
    const change = changeBetween(classGeometry(a.snapshot, cls), classGeometry(b.snapshot, cls));
    const oblasts = loadOblasts();
    io.stderr('splitting it by oblast and focus area…\n');
    const byOblast = changeByRegion(change, oblasts).filter((r) => r.gainedKm2 > 0 || r.lostKm2 > 0);
    const byFocusArea = changeByRegion(change, loadFocusAreas());
    const m = meta(
      source,
      [a, b].map((at) => ({
        requested: at.requested,
        date: at.snapshot.version.date,
        versionId: at.snapshot.version.id,
        ...(at.note ? { note: at.note } : {}),
      })),
    );
    const reported = claimsForPeriod(
      loadClaims((w) => io.stderr(`warning: ${w}\n`)),
      from,
      to,
    )
      .filter((c) => c.metric !== 'total_occupied')
      .map((c) => {
        const check = judge(c, c.metric === 'gross_gain' ? change.gainedKm2 : change.netKm2);
        return {
          id: c.id,
          quote: c.quote,
          publisher: c.publisher,
          publishedOn: c.publishedOn,
          basis: c.basis,
          metric: c.metric,
          reportedKm2: c.valueKm2,
          approximate: c.approximate,
          computedKm2: km2(check.computedKm2),
          deviationKm2: km2(check.deviationKm2),
          deviationPct: km2(check.deviationPct),
          verdict: check.verdict,
          note: c.note,
        };
      });
    const rowOf = (r: { iso: string; name: string; gainedKm2: number; lostKm2: number; netKm2: number }) => ({
      iso: r.iso,
      name: r.name,
      gainedKm2: km2(r.gainedKm2),
      lostKm2: km2(r.lostKm2),
      netKm2: km2(r.netKm2),
    });
    // What falls outside every oblast outline (DeepState's coast and border lines differ from Natural Earth's).
    const inOblasts = byOblast.reduce((s, r) => ({ g: s.g + r.gainedKm2, l: s.l + r.lostKm2 }), {
      g: 0,
      l: 0,
    });
    const outside = {
      iso: '',
      name: 'Outside the oblast outlines',
      gainedKm2: change.gainedKm2 - inOblasts.g,
      lostKm2: change.lostKm2 - inOblasts.l,
      netKm2: change.gainedKm2 - inOblasts.g - (change.lostKm2 - inOblasts.l),
    };
    if (format === 'geojson') {
      const fc: FeatureCollection & { meta: unknown } = {
        type: 'FeatureCollection',
        meta: { ...m, from, to, class: cls },
        features: [
          ...polygonFeatures(change.gained, 'gained', oblasts),
          ...polygonFeatures(change.lost, 'lost', oblasts),
        ],
      };
      io.stdout(JSON.stringify(fc) + '\n');
    } else if (format === 'json') {
      const out = {
        meta: m,
        from,
        to,
        class: cls,
        fromSnapshot: a.snapshot.version.date,
        toSnapshot: b.snapshot.version.date,
        areaFromKm2: km2(change.areaFromKm2),
        areaToKm2: km2(change.areaToKm2),
        gainedKm2: km2(change.gainedKm2),
        lostKm2: km2(change.lostKm2),
        netKm2: km2(change.netKm2),
        byOblast: [...byOblast.map(rowOf), rowOf(outside)],
        byFocusArea: byFocusArea.map(rowOf),
        reported,
      };
      io.stdout(JSON.stringify(out, null, 2) + '\n');
    } else {
      const header = [
        'from',
        'to',
        'from_snapshot',
        'to_snapshot',
        'class',
        'scope',
        'id',
        'name',
        'gained_km2',
        'lost_km2',
        'net_km2',
      ];
      const base = [from, to, a.snapshot.version.date, b.snapshot.version.date, cls];
      const f2 = (n: number) => n.toFixed(2);
      const rows = [
        [...base, 'total', 'UA', 'All', f2(change.gainedKm2), f2(change.lostKm2), f2(change.netKm2)],
        ...[...byOblast, outside].map((r) => [
          ...base,
          'oblast',
          r.iso,
          r.name,
          f2(r.gainedKm2),
          f2(r.lostKm2),
          f2(r.netKm2),
        ]),
        ...byFocusArea.map((r) => [
          ...base,
          'focus_area',
          r.iso,
          r.name,
          f2(r.gainedKm2),
          f2(r.lostKm2),
          f2(r.netKm2),
        ]),
      ];
      io.stdout(toCsv(header, rows, metaComment(m)));
    }
    for (const r of reported)
      io.stderr(
        `reported: ${r.publisher}: ${r.reportedKm2} km² (${r.metric}) vs computed ${r.computedKm2} km²: ${r.verdict}\n`,
      );
    return EXIT.ok;
  },
};
