/**
 * The change report between two dates, exactly as the CLI's `change` command and the app's exports write it
 * (issue #4's contract): JSON, flat CSV rows, and GeoJSON of the gained and lost polygons.
 */
import { bbox, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import { AREA_MODEL, areaKm2 } from '../geometry/areaKm2.ts';
import { pointInPolygon } from '../geometry/pointInPolygon.ts';
import {
  changeBetween,
  changeByRegion,
  classGeometry,
  type Change,
  type ChangeClass,
  type RegionChange,
} from '../geometry/changeBetween.ts';
import type { AreaGeometry, Snapshot } from '../model/model.ts';
import { claimsForPeriod, judge, type Claim, type Verdict } from './reportedFigures.ts';
import type { Region } from './snapshotAreas.ts';
import {
  isRetaken,
  isTaken,
  settlementCounts,
  settlementsChanged,
  type Settlement,
  type SettlementChange,
} from './settlementsChanged.ts';
import { toCsv } from './toCsv.ts';

/** A snapshot as used for a requested date (the nearest earlier one when the date has none). */
export interface UsedSnapshot {
  requested: string;
  snapshot: Snapshot;
  note?: string;
}

export interface ReportMeta {
  tool: 'frontline';
  toolVersion: string;
  source: string;
  location: string;
  areaModel: string;
  generatedAt: string;
  snapshots: { requested: string; date: string; versionId: string; note?: string }[];
}

export interface ReportedCheck {
  id: string;
  quote: string;
  publisher: string;
  publishedOn: string;
  basis: string;
  metric: Claim['metric'];
  reportedKm2: number;
  approximate: boolean;
  computedKm2: number;
  deviationKm2: number;
  deviationPct: number;
  verdict: Verdict;
  note: string;
}

export interface ChangeReport {
  meta: ReportMeta;
  from: string;
  to: string;
  class: ChangeClass;
  fromSnapshot: string;
  toSnapshot: string;
  areaFromKm2: number;
  areaToKm2: number;
  gainedKm2: number;
  lostKm2: number;
  netKm2: number;
  byOblast: ReportRegionRow[];
  byFocusArea: ReportRegionRow[];
  reported: ReportedCheck[];
  /** The gazetteer's places that changed hands (issue #12), when the report was given the gazetteer. */
  settlements?: SettlementChange[];
}

/** A row of a breakdown; with a gazetteer, the places taken (`settlementsGained`) and retaken (`settlementsLost`). */
export type ReportRegionRow = RegionChange & { settlementsGained?: number; settlementsLost?: number };

/**
 * km² with two decimals, as a number; never -0 (a difference of equal sums can round to it), which JSON would write
 * as 0, so a report would not survive its own JSON round trip.
 * @example round2(-0.001) // 0
 */
export const round2 = (n: number): number => {
  const r = Math.round(n * 100) / 100;
  return r === 0 ? 0 : r;
};

const roundRow = (r: ReportRegionRow): ReportRegionRow => ({
  iso: r.iso,
  name: r.name,
  gainedKm2: round2(r.gainedKm2),
  lostKm2: round2(r.lostKm2),
  netKm2: round2(r.netKm2),
  ...(r.settlementsGained === undefined
    ? {}
    : { settlementsGained: r.settlementsGained, settlementsLost: r.settlementsLost }),
});

/** How a used snapshot is named in the metadata. */
export function usedSnapshotMeta(u: UsedSnapshot): ReportMeta['snapshots'][number] {
  return {
    requested: u.requested,
    date: u.snapshot.version.date,
    versionId: u.snapshot.version.id,
    ...(u.note ? { note: u.note } : {}),
  };
}

/**
 * The metadata every export carries: tool, source, area model, time, and which snapshots answered which dates.
 * @example reportMeta(source, '0.1.0', new Date().toISOString(), [usedSnapshotMeta(a), usedSnapshotMeta(b)])
 */
export function reportMeta(
  source: { id: string; location: string },
  toolVersion: string,
  generatedAt: string,
  snapshots: ReportMeta['snapshots'],
): ReportMeta {
  return {
    tool: 'frontline',
    toolVersion,
    source: source.id,
    location: source.location,
    areaModel: AREA_MODEL,
    generatedAt,
    snapshots,
  };
}

/** The metadata as one CSV comment line. */
export function metaComment(m: ReportMeta): string {
  const snaps = m.snapshots.map((s) => `${s.requested}→${s.date} (${s.versionId})`).join(', ');
  return `frontline ${m.toolVersion}; source: ${m.source} (${m.location}); snapshots: ${snaps}; area model: ${m.areaModel}`;
}

/**
 * Computes the change between two used snapshots with its breakdowns and matching reported figures.
 * Returns the report and the raw change (whose polygons feed the map and the GeoJSON export).
 * @example const { report } = buildChangeReport({ source, toolVersion: '0.1.0', generatedAt: new Date().toISOString(), a, b, cls: 'occupied_all', oblasts, focusAreas, claims });
 */
export function buildChangeReport(input: {
  source: { id: string; location: string };
  toolVersion: string;
  generatedAt: string;
  a: UsedSnapshot;
  b: UsedSnapshot;
  cls: ChangeClass;
  oblasts: readonly Region[];
  focusAreas: readonly Region[];
  claims: readonly Claim[];
  /** The gazetteer (geodata/settlements.geojson): when given, the report lists the places that changed hands. */
  settlements?: readonly Settlement[];
}): { report: ChangeReport; change: Change } {
  const { a, b, cls } = input;
  const change = changeBetween(classGeometry(a.snapshot, cls), classGeometry(b.snapshot, cls));
  const places = input.settlements
    ? settlementsChanged(a.snapshot, b.snapshot, input.settlements)
    : undefined;
  const oblastCounts = places ? settlementCounts(places, input.oblasts, 'oblast') : undefined;
  const byOblast: ReportRegionRow[] = changeByRegion(change, input.oblasts)
    .map((r, i) => ({ ...r, ...oblastCounts?.[i] }))
    .filter((r) => r.gainedKm2 > 0 || r.lostKm2 > 0 || !!r.settlementsGained || !!r.settlementsLost);
  // What falls outside every oblast outline (DeepState's coast and border lines differ from Natural Earth's).
  const g = change.gainedKm2 - byOblast.reduce((s, r) => s + r.gainedKm2, 0);
  const l = change.lostKm2 - byOblast.reduce((s, r) => s + r.lostKm2, 0);
  const outside: ReportRegionRow = {
    iso: '',
    name: 'Outside the oblast outlines',
    gainedKm2: g,
    lostKm2: l,
    netKm2: g - l,
  };
  if (places) {
    // Places whose oblast is none of the given oblasts: the gazetteer's null oblast.
    const isos = new Set(input.oblasts.map((o) => o.properties.id));
    const rest = places.filter((p) => p.oblast === null || !isos.has(p.oblast));
    outside.settlementsGained = rest.filter(isTaken).length;
    outside.settlementsLost = rest.filter(isRetaken).length;
    // Every place lands in exactly one row (STYLE habit 15).
    const rows = [...byOblast, outside];
    const sum = (k: 'settlementsGained' | 'settlementsLost') => rows.reduce((n, r) => n + (r[k] ?? 0), 0);
    if (
      sum('settlementsGained') !== places.filter(isTaken).length ||
      sum('settlementsLost') !== places.filter(isRetaken).length
    ) {
      throw new Error(
        'buildChangeReport: the places taken and retaken per oblast do not add up to the total',
      );
    }
  }
  const focusCounts = places ? settlementCounts(places, input.focusAreas, 'polygon') : undefined;
  const reported = claimsForPeriod(input.claims, a.requested, b.requested)
    .filter((c) => c.metric !== 'total_occupied')
    .map((c): ReportedCheck => {
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
        computedKm2: round2(check.computedKm2),
        deviationKm2: round2(check.deviationKm2),
        deviationPct: round2(check.deviationPct),
        verdict: check.verdict,
        note: c.note,
      };
    });
  const report: ChangeReport = {
    meta: reportMeta(input.source, input.toolVersion, input.generatedAt, [a, b].map(usedSnapshotMeta)),
    from: a.requested,
    to: b.requested,
    class: cls,
    fromSnapshot: a.snapshot.version.date,
    toSnapshot: b.snapshot.version.date,
    areaFromKm2: round2(change.areaFromKm2),
    areaToKm2: round2(change.areaToKm2),
    gainedKm2: round2(change.gainedKm2),
    lostKm2: round2(change.lostKm2),
    netKm2: round2(change.netKm2),
    byOblast: [...byOblast, outside].map(roundRow),
    byFocusArea: changeByRegion(change, input.focusAreas)
      .map((r, i) => ({ ...r, ...focusCounts?.[i] }))
      .map(roundRow),
    reported,
    ...(places ? { settlements: places } : {}),
  };
  return { report, change };
}

/**
 * The report as flat CSV rows (total, each oblast, each focus area), meta in the leading comment line. With a
 * gazetteer, the region rows carry the places taken and retaken, and one row per place that changed hands follows
 * (scope `settlement`, `id` the GeoNames id), with the place's columns filled and the km² columns empty.
 * @example changeReportCsv(report)
 */
export function changeReportCsv(r: ChangeReport): string {
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
  const withPlaces = r.settlements !== undefined;
  if (withPlaces) {
    header.push(
      'settlements_gained',
      'settlements_lost',
      'name_uk',
      'oblast',
      'population',
      'lon',
      'lat',
      'from_class',
      'to_class',
    );
  }
  const base = [r.from, r.to, r.fromSnapshot, r.toSnapshot, r.class];
  const f2 = (n: number): string => n.toFixed(2);
  const counts = (o: ReportRegionRow): string[] =>
    withPlaces
      ? [String(o.settlementsGained ?? 0), String(o.settlementsLost ?? 0), '', '', '', '', '', '', '']
      : [];
  const totalCounts = withPlaces
    ? [String(r.settlements!.filter(isTaken).length), String(r.settlements!.filter(isRetaken).length)]
    : [];
  const rows = [
    [
      ...base,
      'total',
      'UA',
      'All',
      f2(r.gainedKm2),
      f2(r.lostKm2),
      f2(r.netKm2),
      ...(withPlaces ? [...totalCounts, '', '', '', '', '', '', ''] : []),
    ],
    ...r.byOblast.map((o) => [
      ...base,
      'oblast',
      o.iso,
      o.name,
      f2(o.gainedKm2),
      f2(o.lostKm2),
      f2(o.netKm2),
      ...counts(o),
    ]),
    ...r.byFocusArea.map((o) => [
      ...base,
      'focus_area',
      o.iso,
      o.name,
      f2(o.gainedKm2),
      f2(o.lostKm2),
      f2(o.netKm2),
      ...counts(o),
    ]),
    ...(r.settlements ?? []).map((s) => [
      ...base,
      'settlement',
      String(s.id),
      s.name,
      '',
      '',
      '',
      '',
      '',
      s.nameUk ?? '',
      s.oblast ?? '',
      String(s.population),
      String(s.lon),
      String(s.lat),
      s.from,
      s.to,
    ]),
  ];
  return toCsv(header, rows, metaComment(r.meta));
}

/** The oblast holding a representative point of `g` (a point guaranteed inside it), or '' outside all. */
export function oblastOf(g: AreaGeometry, oblasts: readonly Region[]): string {
  const p = pointOnFeature({ type: 'Feature', geometry: g, properties: {} });
  const [x, y] = p.geometry.coordinates as [number, number];
  const hit = oblasts.find((o) => {
    const [w, s, e, n] = bbox(o);
    return x >= w && x <= e && y >= s && y <= n && pointInPolygon([x, y], o);
  });
  return hit?.properties.id ?? '';
}

function polygonFeatures(
  g: AreaGeometry | null,
  kind: 'gained' | 'lost',
  oblasts: readonly Region[],
): Feature[] {
  if (!g) return [];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((coordinates) => {
    const geometry: AreaGeometry = { type: 'Polygon', coordinates };
    return {
      type: 'Feature',
      geometry,
      properties: { change: kind, oblast: oblastOf(geometry, oblasts), areaKm2: round2(areaKm2(geometry)) },
    };
  });
}

/**
 * The gained and lost polygons, one feature each, with `change`, `oblast` (ISO code) and `areaKm2`; with a
 * gazetteer, then one Point per place that changed hands, with `change: 'settlement'` and the place's fields.
 * @example changeGeoJson(report, change, oblasts).features.length
 */
export function changeGeoJson(
  r: ChangeReport,
  change: Change,
  oblasts: readonly Region[],
): FeatureCollection & { meta: ReportMeta & { from: string; to: string; class: ChangeClass } } {
  return {
    type: 'FeatureCollection',
    meta: { ...r.meta, from: r.from, to: r.to, class: r.class },
    features: [
      ...polygonFeatures(change.gained, 'gained', oblasts),
      ...polygonFeatures(change.lost, 'lost', oblasts),
      ...(r.settlements ?? []).map((s): Feature => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
        properties: {
          change: 'settlement',
          id: s.id,
          name: s.name,
          nameUk: s.nameUk,
          oblast: s.oblast,
          population: s.population,
          from: s.from,
          to: s.to,
        },
      })),
    ],
  };
}
