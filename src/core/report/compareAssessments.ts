/**
 * Two assessments of the same date side by side (issue #16): how much of the occupied territory both sources
 * mark, how much only one does, their intersection over union, and the same per oblast.
 *
 * Both sides are measured the same way: the same class (`occupied_all`: every source holds Crimea and the pre-2022
 * areas there or in `occupied_pre2022`), cut to the same land outline (src/core/geometry/landClip.ts), with the same area
 * model (src/core/geometry/areaKm2.ts). The disagreement is one run of the change engine from A to B: what B lacks is
 * "lost" (only A), what B adds is "gained" (only B).
 */
import type { Feature, FeatureCollection } from 'geojson';
import { AREA_MODEL, areaKm2 } from '../geometry/areaKm2.ts';
import { changeBetween, classGeometry, overlayChange, type Change } from '../geometry/changeBetween.ts';
import {
  oblastOf,
  reportMeta,
  round2,
  usedSnapshotMeta,
  type ReportMeta,
  type UsedSnapshot,
} from './changeReport.ts';
import { clipToLand, type LandOutline } from '../geometry/landClip.ts';
import type { AreaGeometry } from '../model/model.ts';
import { areaByRegionKeyed } from '../geometry/overlapKm2.ts';
import { polygonEdgeSet, type EdgeSet } from '../geometry/edgeSet.ts';
import { changeEdgeSets } from '../geometry/edgeChange.ts';
import { polygonsOf } from '../model/polygonsOf.ts';
import type { Region } from './snapshotAreas.ts';
import { toCsv } from './toCsv.ts';

export interface AssessmentSide {
  source: string;
  location: string;
  /** The date of the snapshot used (the nearest earlier one when the requested date has none). */
  snapshot: string;
  versionId: string;
  note?: string;
  areaKm2: number;
}

export interface OblastAgreement {
  iso: string;
  name: string;
  aKm2: number;
  bKm2: number;
  bothKm2: number;
  onlyAKm2: number;
  onlyBKm2: number;
  /** Intersection over union; null where neither source marks anything. */
  iou: number | null;
}

export interface AssessmentComparison {
  meta: ReportMeta;
  date: string;
  class: 'occupied_all';
  a: AssessmentSide;
  b: AssessmentSide;
  bothKm2: number;
  onlyAKm2: number;
  onlyBKm2: number;
  /** Intersection over union, 0–1 (4 decimals); null when both are empty. */
  iou: number | null;
  /** Oblasts where either source marks territory. */
  byOblast: OblastAgreement[];
}

/** The territory compared on one side: all occupied, cut to the land. */
export function comparedGeometry(used: UsedSnapshot, land: LandOutline): AreaGeometry | null {
  return clipToLand(classGeometry(used.snapshot, 'occupied_all'), land);
}

const iouOf = (both: number, a: number, onlyB: number): number | null =>
  a + onlyB > 0 ? Math.round((both / (a + onlyB)) * 10_000) / 10_000 : null;

/** km² two ways of computing the overlap may differ by: rounding slivers, never a missing polygon. */
const toleranceKm2 = (a: number, b: number): number => 0.5 + 1e-5 * Math.max(a, b);

/**
 * A and B compared on `date`; `disagreement` holds the "only A" (`lost`) and "only B" (`gained`) polygons for the map
 * and the GeoJSON export.
 * @example compareAssessments({ date, a, b, sources, land, oblasts, toolVersion: '0.1.0', generatedAt }).report.iou
 */
export function compareAssessments(input: {
  date: string;
  a: UsedSnapshot;
  b: UsedSnapshot;
  sources: { a: { id: string; location: string }; b: { id: string; location: string } };
  land: LandOutline;
  oblasts: readonly Region[];
  toolVersion: string;
  generatedAt: string;
}): { report: AssessmentComparison; disagreement: Change } {
  const ga = comparedGeometry(input.a, input.land);
  const gb = comparedGeometry(input.b, input.land);
  let change: Change = changeBetween(ga, gb);
  // Both ways of reaching the overlap must agree (STYLE habit 15); if not, the plain overlay answers.
  const both1 = change.areaFromKm2 - change.lostKm2;
  const both2 = change.areaToKm2 - change.gainedKm2;
  if (Math.abs(both1 - both2) > toleranceKm2(change.areaFromKm2, change.areaToKm2))
    change = overlayChange(ga, gb);
  const bothKm2 = Math.max(0, change.areaFromKm2 - change.lostKm2);
  const regions = input.oblasts.map((o) => o.geometry);
  // The oblasts' grid is kept under the caller's list (the same array every call), not under this call's `regions`,
  // so it is built once, not once per comparison (~2 ms of bench (f)).
  const byOblast = (g: AreaGeometry | null): number[] => byOblastOf(polygonsOf(g).map(polygonEdgeSet));
  const byOblastOf = (polygons: readonly EdgeSet[]): number[] =>
    areaByRegionKeyed(polygons, regions, input.oblasts);
  // The disagreement's polygons as the engine linked them, so that their GeoJSON is built only when the caller reads
  // it (the map, the GeoJSON export), not for the figures (the same edges either way: polygonEdgeSet remembers them).
  const known = changeEdgeSets(change);
  // Per oblast, A as its source drew it: the oblasts lie inside the land, so the clip changes nothing there, and the
  // source's own edges rarely run along the oblasts' as the clipped coast does (fewer pieces to split). B needs no
  // second split: B = both + only B and A = both + only A in every oblast, so B = A − only A + only B.
  const inA = byOblast(classGeometry(input.a.snapshot, 'occupied_all'));
  // On the engine's remembered edges: the disagreement runs along the coast the oblasts share, between split points
  // off the 1e-9° grid, which the noder's snap rounding joins to the oblasts' edges
  // (tests/unit/regionSplit.oracle.test.ts).
  const onlyA = known ? byOblastOf(known.lost) : byOblast(change.lost);
  const onlyB = known ? byOblastOf(known.gained) : byOblast(change.gained);
  const rows = input.oblasts
    .map((o, i): OblastAgreement => {
      const both = Math.max(0, inA[i]! - onlyA[i]!);
      const inB = Math.max(0, inA[i]! - onlyA[i]! + onlyB[i]!);
      return {
        iso: o.properties.id,
        name: o.properties.name_en,
        aKm2: round2(inA[i]!),
        bKm2: round2(inB),
        bothKm2: round2(both),
        onlyAKm2: round2(onlyA[i]!),
        onlyBKm2: round2(onlyB[i]!),
        iou: iouOf(both, inA[i]!, onlyB[i]!),
      };
    })
    .filter((r) => r.aKm2 > 0 || r.bKm2 > 0);
  const side = (u: UsedSnapshot, s: { id: string; location: string }, km2: number): AssessmentSide => ({
    source: s.id,
    location: s.location,
    snapshot: u.snapshot.version.date,
    versionId: u.snapshot.version.id,
    ...(u.note ? { note: u.note } : {}),
    areaKm2: round2(km2),
  });
  const { a, b } = input.sources;
  const report: AssessmentComparison = {
    meta: reportMeta(
      { id: `${a.id} vs ${b.id}`, location: `${a.location} | ${b.location}` },
      input.toolVersion,
      input.generatedAt,
      [input.a, input.b].map(usedSnapshotMeta),
    ),
    date: input.date,
    class: 'occupied_all',
    a: side(input.a, a, change.areaFromKm2),
    b: side(input.b, b, change.areaToKm2),
    bothKm2: round2(bothKm2),
    onlyAKm2: round2(change.lostKm2),
    onlyBKm2: round2(change.gainedKm2),
    iou: iouOf(bothKm2, change.areaFromKm2, change.gainedKm2),
    byOblast: rows,
  };
  return { report, disagreement: change };
}

/**
 * The comparison as flat CSV rows: the total, then each oblast. Meta in the leading comment line.
 * @example comparisonCsv(report)
 */
export function comparisonCsv(r: AssessmentComparison): string {
  const header = [
    'date',
    'source_a',
    'snapshot_a',
    'source_b',
    'snapshot_b',
    'scope',
    'id',
    'name',
    'a_km2',
    'b_km2',
    'both_km2',
    'only_a_km2',
    'only_b_km2',
    'iou',
  ];
  const base = [r.date, r.a.source, r.a.snapshot, r.b.source, r.b.snapshot];
  const f2 = (n: number): string => n.toFixed(2);
  const iou = (v: number | null): string => (v === null ? '' : v.toFixed(4));
  const rows = [
    [
      ...base,
      'total',
      'UA',
      'All',
      f2(r.a.areaKm2),
      f2(r.b.areaKm2),
      f2(r.bothKm2),
      f2(r.onlyAKm2),
      f2(r.onlyBKm2),
      iou(r.iou),
    ],
    ...r.byOblast.map((o) => [
      ...base,
      'oblast',
      o.iso,
      o.name,
      f2(o.aKm2),
      f2(o.bKm2),
      f2(o.bothKm2),
      f2(o.onlyAKm2),
      f2(o.onlyBKm2),
      iou(o.iou),
    ]),
  ];
  return toCsv(
    header,
    rows,
    `${r.meta.tool} ${r.meta.toolVersion}; ${r.a.source} vs ${r.b.source}; area model: ${AREA_MODEL}`,
  );
}

/**
 * The "only A" and "only B" polygons, one feature each, with `disagreement` (`only_a` | `only_b`), `source` (the
 * source that marks it), `oblast` (ISO code, '' outside all) and `areaKm2`.
 * @example comparisonGeoJson(report, disagreement, oblasts).features.length
 */
export function comparisonGeoJson(
  r: AssessmentComparison,
  disagreement: Change,
  oblasts: readonly Region[],
): FeatureCollection & { meta: ReportMeta & { date: string; a: string; b: string } } {
  const features = (g: AreaGeometry | null, kind: 'only_a' | 'only_b', source: string): Feature[] =>
    (g ? (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) : []).map((coordinates) => {
      const geometry: AreaGeometry = { type: 'Polygon', coordinates };
      return {
        type: 'Feature',
        geometry,
        properties: {
          disagreement: kind,
          source,
          oblast: oblastOf(geometry, oblasts),
          areaKm2: round2(areaKm2(geometry)),
        },
      };
    });
  return {
    type: 'FeatureCollection',
    meta: { ...r.meta, date: r.date, a: r.a.source, b: r.b.source },
    features: [
      ...features(disagreement.lost, 'only_a', r.a.source),
      ...features(disagreement.gained, 'only_b', r.b.source),
    ],
  };
}
