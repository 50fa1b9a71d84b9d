/**
 * The core's public surface: the UI, the worker and the CLI import from here only (docs/architecture.md).
 * Everything here is pure TypeScript with no I/O, DOM, Svelte or MapLibre.
 */
export * from './model/model.ts';
export { parseDeepStateName, classifyDeepState } from './io/classifyDeepState.ts';
export type { DeepStateName, DeepStateKind } from './io/classifyDeepState.ts';
export { parseHistoryList, parseDeepStateVersion } from './io/parseDeepState.ts';
export type { Parsed } from './model/model.ts';
export { areaKm2, AREA_MODEL } from './geometry/areaKm2.ts';
export { classUnion, snapshotAreas } from './report/snapshotAreas.ts';
export type { ClassAreaMap, Region, RegionProperties, SnapshotAreas } from './report/snapshotAreas.ts';
export { regionsFrom } from './report/snapshotAreas.ts';
export { isIsoDate, daysBetween, monthEnds, shiftDate } from './model/dates.ts';
export { nearestVersions } from './model/nearestVersions.ts';
export { areasToCsv } from './report/areasToCsv.ts';
export type { AreaRow } from './report/areasToCsv.ts';
export {
  parseArchiveDay,
  archiveDateFromName,
  archiveFileName,
  archiveVersion,
  ARCHIVE_SOURCE_ID,
} from './io/parseArchive.ts';
export { changeBetween, changeByRegion, classGeometry, overlayChange } from './geometry/changeBetween.ts';
export { edgeChange } from './geometry/edgeChange.ts';
export { areaByRegion } from './geometry/overlapKm2.ts';
export { edgeSetOf, polygonEdgeSet } from './geometry/edgeSet.ts';
export { polygonsOf } from './model/polygonsOf.ts';
export type { EdgeSet } from './geometry/edgeSet.ts';
export { changeWindows, windowedChange } from './geometry/windowedChange.ts';
export type { ChangeClass, RegionChange } from './geometry/changeBetween.ts';
export type { Change } from './model/model.ts';
export { parseClaims, judge, claimsForPeriod } from './report/reportedFigures.ts';
export type { Claim, ClaimCheck, ClaimMetric, Verdict } from './report/reportedFigures.ts';
export { toCsv, neutraliseCell } from './report/toCsv.ts';
export type { Cell } from './report/toCsv.ts';
export { stepDates } from './model/stepDates.ts';
export type { Step } from './model/stepDates.ts';
// Issue #3: one validation path, user files, sync steps.
export { validateGeoJson } from './io/validateGeoJson.ts';
export type { ValidateOptions, ValidFeature, ValidCollection } from './io/validateGeoJson.ts';
export { findCrossings } from './geometry/findCrossings.ts';
export type { Crossing } from './geometry/findCrossings.ts';
export { dateFromName, datesInName, dateFromValue } from './io/dateFromName.ts';
export { parseTerritoryClass, CLASS_PROPERTIES } from './io/parseTerritoryClass.ts';
export { parseUserCollection, collectionDates, propertyOf } from './io/parseUserCollection.ts';
export type { UserCollectionOptions } from './io/parseUserCollection.ts';
export { versionsPerPeriod, periodOf, STEPS } from './model/versionsPerPeriod.ts';
export {
  buildChangeReport,
  changeReportCsv,
  changeGeoJson,
  metaComment,
  reportMeta,
  round2,
  usedSnapshotMeta,
} from './report/changeReport.ts';
export type { ChangeReport, ReportMeta, ReportedCheck, UsedSnapshot } from './report/changeReport.ts';
export { snapshotsFromFile } from './io/snapshotsFromFile.ts';
export type { FileSnapshots } from './io/snapshotsFromFile.ts';
// Issue #6: the first step for any file or response body.
export {
  parseGeoJsonText,
  sizeIssue,
  formatMegabytes,
  MAX_BYTES,
  MAX_DEPTH,
  MAX_VERTICES,
} from './io/parseGeoJsonText.ts';
export type { ParseTextOptions } from './io/parseGeoJsonText.ts';
export { impossibleDate, impossibleDatesInName } from './io/dateFromName.ts';
// Issue #5: areas of your own (drawn in the browser, or `change --areas FILE`).
export { parseUserAreas, isUserArea, USER_AREA_PREFIX } from './io/parseUserAreas.ts';
export { userAreasGeoJson } from './report/userAreasGeoJson.ts';
export type { NamedArea } from './report/userAreasGeoJson.ts';
export { circlePolygon, MAX_CIRCLE_KM } from './geometry/circlePolygon.ts';
export { boundsOf } from './geometry/boundsOf.ts';
export { CHANGE_INVARIANT_KM2, changeEngineStats, resetChangeEngineStats } from './geometry/changeBetween.ts';
export type { ChangeEngineStats } from './geometry/changeBetween.ts';
export { makeValid, repairPolygon } from './geometry/makeValid.ts';
export { inUkraine, markOutsideUkraine } from './geometry/markOutsideUkraine.ts';
// Issue #16: a second opinion (UA Control Map, ArcGIS layers) and comparing assessments.
export { landOutline, clipToLand } from './geometry/landClip.ts';
export type { LandOutline } from './geometry/landClip.ts';
export {
  parseOwlmapsBase,
  parseOwlmapsDay,
  owlmapsDate,
  owlmapsFileName,
  owlmapsVersion,
  OWLMAPS_NO_DATA,
  OWLMAPS_SOURCE_ID,
} from './io/parseOwlmaps.ts';
export {
  compareAssessments,
  comparedGeometry,
  comparisonCsv,
  comparisonGeoJson,
} from './report/compareAssessments.ts';
export type { AssessmentComparison, AssessmentSide, OblastAgreement } from './report/compareAssessments.ts';
// Issue #12: the places that changed hands.
export {
  settlementsFrom,
  placeClasses,
  changedPlaces,
  settlementsChanged,
  settlementCounts,
  byOblastThenName,
  isTaken,
  isRetaken,
} from './report/settlementsChanged.ts';
export type {
  PlaceClass,
  Settlement,
  SettlementChange,
  SettlementProperties,
} from './report/settlementsChanged.ts';
export type { ReportRegionRow } from './report/changeReport.ts';
export { parseSettlementClaims, judgeCount, SETTLEMENT_COUNT_CAVEAT } from './report/reportedFigures.ts';
export type { SettlementClaim, SettlementClaimCheck } from './report/reportedFigures.ts';
// Issue #15: the front line and its length.
export {
  frontContext,
  frontLine,
  stretchSummary,
  FRONT_TOLERANCE_M,
  GENERALISE_M,
  SLIVER_KM,
  SEAM_WIDTH_KM,
  DNIPRO_TOLERANCE_M,
} from './geometry/frontLine.ts';
export type {
  FrontContext,
  FrontLine,
  FrontStretch,
  StretchSummary,
  StretchKind,
} from './geometry/frontLine.ts';
export type { FrontOutlineCollection, OutlineKind } from './geometry/frontOutline.ts';
export { geodesicEdgeKm, geodesicLineKm } from './geometry/geodesicKm.ts';
export { generaliseLine } from './geometry/generaliseLine.ts';
export {
  frontLengthReport,
  frontLengthCsv,
  frontLineGeoJson,
  greyOuterGeometry,
  LENGTH_MODEL,
} from './report/frontLineReport.ts';
export type { FrontLengthReport, FrontLineProperties } from './report/frontLineReport.ts';
export { parseLengthClaims, judgeLength } from './report/reportedFigures.ts';
export type { LengthClaim, LengthCheck } from './report/reportedFigures.ts';
export { pointInPolygon, pointInRing, pointInRings, rayCrosses } from './geometry/pointInPolygon.ts';
export type { Side } from './geometry/pointInPolygon.ts';
export { markValid } from './geometry/makeValid.ts';
