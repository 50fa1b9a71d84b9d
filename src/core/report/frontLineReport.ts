/**
 * The front-line length as the CLI prints it and the app exports it (issue #15): JSON, CSV and GeoJSON of one date,
 * with the same figures and metadata everywhere.
 */
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { round2, type ReportMeta } from './changeReport.ts';
import {
  DNIPRO_TOLERANCE_M,
  FRONT_TOLERANCE_M,
  GENERALISE_M,
  SEAM_WIDTH_KM,
  SLIVER_KM,
  stretchSummary,
  type FrontLine,
  type StretchKind,
} from '../geometry/frontLine.ts';
import type { OutlineKind } from '../geometry/frontOutline.ts';
import { classGeometry } from '../geometry/changeBetween.ts';
import type { AreaGeometry, Snapshot } from '../model/model.ts';
import { toCsv } from './toCsv.ts';
import { unionEdges } from '../geometry/unionEdges.ts';

/**
 * All occupied territory together with the grey zone, whose boundary is the grey zone's outer edge; null when the
 * snapshot has no grey zone (the daily archive has none).
 * @example greyOuterGeometry(apiSnapshot)?.type // 'MultiPolygon'
 */
export function greyOuterGeometry(snapshot: Snapshot): AreaGeometry | null {
  const grey = classGeometry(snapshot, 'grey');
  if (!grey) return null;
  const occupied = classGeometry(snapshot, 'occupied_all');
  if (!occupied) return grey;
  return unionEdges([occupied, grey]) ?? null;
}

/** How the length is measured, in words: every export carries it. */
export const LENGTH_MODEL =
  `front line = boundary of all occupied territory less stretches within ${FRONT_TOLERANCE_M} m of Ukraine's ` +
  `land border with Russia/Belarus or of the coast (OpenStreetMap outline; slivers under ${SLIVER_KM.border} km ` +
  `along the border, ${SLIVER_KM.coast} km along the coast absorbed); geodesic on WGS84 (GeographicLib); ` +
  `lengthKm generalised by Douglas-Peucker at ${GENERALISE_M} m, rawKm as drawn; Dnipro: ` +
  `within ${DNIPRO_TOLERANCE_M} m of the river's water (OpenStreetMap); closed rings under ` +
  `${SEAM_WIDTH_KM * 1000} m wide are seams between the source's polygons, not pockets`;

export interface FrontLengthReport {
  meta: ReportMeta & { lengthModel: string };
  date: string;
  snapshot: { date: string; versionId: string };
  lengthKm: number;
  withoutDniproKm: number;
  rawKm: number;
  byStretch: {
    name: string;
    kind: StretchKind;
    oblast: string | null;
    count: number;
    km: number;
    rawKm: number;
  }[];
  excludedKm: Record<OutlineKind, number>;
  /** Closed rings under 200 m wide left out as seams between the source's own polygons. */
  seamKm: number;
  /** Where the source has a grey zone: the same measure on occupied ∪ grey (its outer edge). */
  greyOuter: { lengthKm: number; rawKm: number } | null;
}

/**
 * The JSON report of one date.
 * @example frontLengthReport(meta, '2025-09-26', snap, fl, null).lengthKm
 */
export function frontLengthReport(
  meta: ReportMeta,
  date: string,
  snapshot: { date: string; versionId: string },
  fl: FrontLine,
  grey: FrontLine | null,
): FrontLengthReport {
  return {
    meta: { ...meta, lengthModel: LENGTH_MODEL },
    date,
    snapshot,
    lengthKm: round2(fl.lengthKm),
    withoutDniproKm: round2(fl.withoutDniproKm),
    rawKm: round2(fl.rawKm),
    byStretch: stretchSummary(fl.stretches).map((s) => ({
      name: s.name,
      kind: s.kind,
      oblast: s.oblast,
      count: s.count,
      km: round2(s.km),
      rawKm: round2(s.rawKm),
    })),
    excludedKm: { border: round2(fl.excludedKm.border), coast: round2(fl.excludedKm.coast) },
    seamKm: round2(fl.seamKm),
    greyOuter: grey ? { lengthKm: round2(grey.lengthKm), rawKm: round2(grey.rawKm) } : null,
  };
}

/**
 * CSV: one row for the whole line, then one per stretch (kind and oblast), then the excluded border and coast.
 * @example frontLengthCsv(report, metaComment(report.meta))
 */
export function frontLengthCsv(r: FrontLengthReport, comment: string): string {
  const head = ['date', 'snapshot', 'version_id', 'part', 'kind', 'oblast', 'count', 'km', 'raw_km'];
  const base = [r.date, r.snapshot.date, r.snapshot.versionId];
  const rows = [
    [...base, 'Whole contact line', 'total', '', '', r.lengthKm.toFixed(2), r.rawKm.toFixed(2)],
    [...base, 'Without the Dnipro', 'total', '', '', r.withoutDniproKm.toFixed(2), ''],
    ...(r.greyOuter
      ? [
          [
            ...base,
            'Outer edge of the grey zone',
            'grey_outer',
            '',
            '',
            r.greyOuter.lengthKm.toFixed(2),
            r.greyOuter.rawKm.toFixed(2),
          ],
        ]
      : []),
    ...r.byStretch.map((s) => [
      ...base,
      s.name,
      s.kind,
      s.oblast ?? '',
      String(s.count),
      s.km.toFixed(2),
      s.rawKm.toFixed(2),
    ]),
    [...base, 'Border (excluded)', 'border', '', '', '', r.excludedKm.border.toFixed(2)],
    [...base, 'Coast (excluded)', 'coast', '', '', '', r.excludedKm.coast.toFixed(2)],
    [...base, 'Seams between polygons (excluded)', 'seam', '', '', '', r.seamKm.toFixed(2)],
  ];
  return toCsv(head, rows, `${comment}; ${LENGTH_MODEL}`);
}

export interface FrontLineProperties {
  /** 'grey': the grey zone's outer edge (the front of occupied ∪ grey), where the source has a grey zone. */
  part: 'front' | 'excluded' | 'grey';
  kind: StretchKind | OutlineKind;
  name: string;
  oblast: string | null;
  /** Generalised length (front only), km. */
  km: number | null;
  rawKm: number;
}

/**
 * GeoJSON: the line as drawn, one LineString per stretch (front), then the excluded border and coast stretches, then
 * (when given) the grey zone's outer edge by stretch (part 'grey').
 * Re-reading the front features and summing their geodesic lengths gives `rawKm` back.
 * @example frontLineGeoJson(report, fl).features.length
 */
export function frontLineGeoJson(
  r: FrontLengthReport,
  fl: FrontLine,
  grey: FrontLine | null = null,
): FeatureCollection<LineString, FrontLineProperties> & { meta: FrontLengthReport['meta']; date: string } {
  const front = fl.stretches.map((s): Feature<LineString, FrontLineProperties> => ({
    type: 'Feature',
    properties: {
      part: 'front',
      kind: s.kind,
      name: s.name,
      oblast: s.oblast,
      km: round2(s.km),
      rawKm: round2(s.rawKm),
    },
    geometry: { type: 'LineString', coordinates: s.line },
  }));
  const excluded = fl.excluded.map((s): Feature<LineString, FrontLineProperties> => ({
    type: 'Feature',
    properties: {
      part: 'excluded',
      kind: s.kind,
      name: s.kind === 'border' ? 'Border' : 'Coast',
      oblast: null,
      km: null,
      rawKm: round2(s.rawKm),
    },
    geometry: { type: 'LineString', coordinates: s.line },
  }));
  const greyEdge = (grey?.stretches ?? []).map((s): Feature<LineString, FrontLineProperties> => ({
    type: 'Feature',
    properties: {
      part: 'grey',
      kind: s.kind,
      name: s.name,
      oblast: s.oblast,
      km: round2(s.km),
      rawKm: round2(s.rawKm),
    },
    geometry: { type: 'LineString', coordinates: s.line },
  }));
  return {
    type: 'FeatureCollection',
    meta: r.meta,
    date: r.date,
    features: [...front, ...excluded, ...greyEdge],
  };
}
