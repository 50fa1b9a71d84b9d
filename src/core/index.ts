/**
 * The core's public surface: the UI, the worker and the CLI import from here only (see ../shared/STYLE.md).
 * Everything here is pure TypeScript with no I/O, DOM, Svelte or MapLibre.
 */
export * from './model.ts';
export { parseDeepStateName, classifyDeepState } from './classifyDeepState.ts';
export type { DeepStateName, DeepStateKind } from './classifyDeepState.ts';
export { parseHistoryList, parseDeepStateVersion } from './parseDeepState.ts';
export type { Parsed } from './parseDeepState.ts';
export { areaKm2, AREA_MODEL } from './areaKm2.ts';
export { classUnion, snapshotAreas } from './snapshotAreas.ts';
export type { ClassAreaMap, Region, RegionProperties, SnapshotAreas } from './snapshotAreas.ts';
export { isIsoDate, daysBetween } from './dates.ts';
export { nearestVersions } from './nearestVersions.ts';
export { areasToCsv } from './areasToCsv.ts';
export type { AreaRow } from './areasToCsv.ts';
export {
  parseArchiveDay,
  archiveDateFromName,
  archiveFileName,
  archiveVersion,
  ARCHIVE_SOURCE_ID,
} from './parseArchive.ts';
export { changeBetween, changeByRegion, classGeometry, overlayChange } from './changeBetween.ts';
export { segmentChange } from './segmentChange.ts';
export { areaByRegion } from './overlapKm2.ts';
export { edgeSetOf, polygonEdgeSet, polygonsOf } from './edgeSet.ts';
export type { EdgeSet } from './edgeSet.ts';
export { changeWindows, windowedChange } from './windowedChange.ts';
export type { Change, ChangeClass, RegionChange } from './changeBetween.ts';
export { parseClaims, judge, claimsForPeriod } from './reportedFigures.ts';
export type { Claim, ClaimCheck, ClaimMetric, Verdict } from './reportedFigures.ts';
export { toCsv, neutraliseCell } from './toCsv.ts';
export type { Cell } from './toCsv.ts';
export { stepDates } from './stepDates.ts';
export type { Step } from './stepDates.ts';
// Issue #3: one validation path, user files, sync steps.
export { validateGeoJson } from './validateGeoJson.ts';
export type { ValidateOptions, ValidFeature, ValidCollection } from './validateGeoJson.ts';
export { findCrossings } from './findCrossings.ts';
export type { Crossing } from './findCrossings.ts';
export { dateFromName, datesInName, dateFromValue } from './dateFromName.ts';
export { parseTerritoryClass, CLASS_PROPERTIES } from './parseTerritoryClass.ts';
export { parseUserCollection, collectionDates, propertyOf } from './parseUserCollection.ts';
export type { UserCollectionOptions } from './parseUserCollection.ts';
export { versionsPerPeriod, periodOf, STEPS } from './versionsPerPeriod.ts';
export {
  buildChangeReport,
  changeReportCsv,
  changeGeoJson,
  metaComment,
  reportMeta,
  round2,
  usedSnapshotMeta,
} from './changeReport.ts';
export type { ChangeReport, ReportMeta, ReportedCheck, UsedSnapshot } from './changeReport.ts';
export { snapshotsFromFile } from './snapshotsFromFile.ts';
export type { FileSnapshots } from './snapshotsFromFile.ts';
// Issue #6: the first step for any file or response body.
export {
  parseGeoJsonText,
  sizeIssue,
  formatMegabytes,
  MAX_BYTES,
  MAX_DEPTH,
  MAX_VERTICES,
} from './parseGeoJsonText.ts';
export type { ParseTextOptions } from './parseGeoJsonText.ts';
export { impossibleDate, impossibleDatesInName } from './dateFromName.ts';
// Issue #5: areas of your own (drawn in the browser, or `change --areas FILE`).
export { parseUserAreas, isUserArea, USER_AREA_PREFIX } from './parseUserAreas.ts';
export { userAreasGeoJson } from './userAreasGeoJson.ts';
export type { NamedArea } from './userAreasGeoJson.ts';
export { circlePolygon, MAX_CIRCLE_KM } from './circlePolygon.ts';
export { boundsOf } from './boundsOf.ts';
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
} from './settlementsChanged.ts';
export type { PlaceClass, Settlement, SettlementChange, SettlementProperties } from './settlementsChanged.ts';
export type { ReportRegionRow } from './changeReport.ts';
export { parseSettlementClaims, judgeCount, SETTLEMENT_COUNT_CAVEAT } from './reportedFigures.ts';
export type { SettlementClaim, SettlementClaimCheck } from './reportedFigures.ts';
