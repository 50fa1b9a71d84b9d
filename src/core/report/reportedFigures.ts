/**
 * The registry of published claims (geodata/reported-figures.json) and how a computed figure is judged against one.
 */
import type { ChangeClass } from '../geometry/changeBetween.ts';
import { isIsoDate } from '../model/dates.ts';

export type ClaimMetric = 'net_gain' | 'gross_gain' | 'total_occupied';

export interface Claim {
  id: string;
  quote: string;
  publisher: string;
  /** `YYYY-MM-DD` or `YYYY-MM` when only the month is known. */
  publishedOn: string;
  period: { from: string; to: string };
  metric: ClaimMetric;
  class: ChangeClass;
  valueKm2: number;
  approximate: boolean;
  /** `more_than`: the claim is a floor ("more than 5,600 km²"). */
  bound?: 'more_than';
  basis: string;
  note: string;
}

export type Verdict =
  'within 2%' | '2–10% apart' | 'off by more than 10%' | 'consistent with the floor' | 'below the floor';

export interface ClaimCheck {
  claim: Claim;
  computedKm2: number;
  deviationKm2: number;
  /** (computed − reported) / reported, in %. */
  deviationPct: number;
  verdict: Verdict;
}

/**
 * Reads the registry, returning the claims and readable issues for malformed entries (which are left out).
 * @example parseClaims(JSON.parse(text)).claims.length
 */
export function parseClaims(json: unknown): { claims: Claim[]; issues: string[] } {
  const list = (json as { claims?: unknown } | null)?.claims;
  if (!Array.isArray(list))
    return { claims: [], issues: ['reported figures: expected an object with a "claims" array'] };
  const claims: Claim[] = [];
  const issues: string[] = [];
  list.forEach((raw: Partial<Claim>, i) => {
    const where = `reported figures: claim ${i} (${JSON.stringify(raw?.id ?? '?')})`;
    if (!raw || typeof raw.id !== 'string') return void issues.push(`${where}: no id`);
    if (!isIsoDate(raw.period?.from) || !isIsoDate(raw.period?.to))
      return void issues.push(`${where}: period needs ISO dates`);
    if (!['net_gain', 'gross_gain', 'total_occupied'].includes(raw.metric as string))
      return void issues.push(`${where}: unknown metric`);
    if (typeof raw.valueKm2 !== 'number' || !Number.isFinite(raw.valueKm2))
      return void issues.push(`${where}: valueKm2 is not a number`);
    claims.push(raw as Claim);
  });
  return { claims, issues };
}

/**
 * Judges a computed figure against a claim: within 2%, 2–10% apart, or off by more (a floor claim: consistent or
 * below it).
 * @example judge(claim908, 1088.6).verdict // 'off by more than 10%'
 */
export function judge(claim: Claim, computedKm2: number): ClaimCheck {
  const { deviation, deviationPct, verdict } = compare(claim.valueKm2, computedKm2, claim.bound);
  return { claim, computedKm2, deviationKm2: deviation, deviationPct, verdict };
}

/** The deviation of a computed figure from a reported one, and the verdict on it (shared by every kind of claim). */
function compare(
  reported: number,
  computed: number,
  bound: 'more_than' | 'at_least' | undefined,
): { deviation: number; deviationPct: number; verdict: Verdict } {
  const deviation = computed - reported;
  const deviationPct = reported === 0 ? 0 : (deviation / reported) * 100;
  const abs = Math.abs(deviationPct);
  const verdict: Verdict =
    bound === 'more_than' || bound === 'at_least'
      ? computed > reported || (bound === 'at_least' && computed === reported)
        ? 'consistent with the floor'
        : 'below the floor'
      : abs <= 2
        ? 'within 2%'
        : abs <= 10
          ? '2–10% apart'
          : 'off by more than 10%';
  return { deviation, deviationPct, verdict };
}

/**
 * A reported front-line length (issue #15): the registry's `lengthClaims`, in km, on one date, with the words the
 * speaker used ("active front", "contact line") and which of our figures it is judged against.
 */
export interface LengthClaim {
  id: string;
  quote: string;
  words: string;
  publisher: string;
  publishedOn: string;
  /** The date the figure describes (`YYYY-MM-DD`; the 15th when only the month is known, as the note says). */
  date: string;
  metric: 'front_line_km';
  valueKm: number;
  approximate: boolean;
  compareWith: 'lengthKm' | 'withoutDniproKm' | 'rawKm';
  basis: string;
  note: string;
}

export interface LengthCheck {
  claim: LengthClaim;
  computedKm: number;
  deviationKm: number;
  deviationPct: number;
  verdict: Verdict;
}

/**
 * Reads the registry's `lengthClaims` (none when absent), with readable issues for malformed entries (left out).
 * @example parseLengthClaims(JSON.parse(text)).claims[0]?.valueKm // 1500
 */
export function parseLengthClaims(json: unknown): { claims: LengthClaim[]; issues: string[] } {
  const list = (json as { lengthClaims?: unknown } | null)?.lengthClaims;
  if (list === undefined) return { claims: [], issues: [] };
  if (!Array.isArray(list))
    return { claims: [], issues: ['reported figures: "lengthClaims" is not an array'] };
  const claims: LengthClaim[] = [];
  const issues: string[] = [];
  list.forEach((raw: Partial<LengthClaim>, i) => {
    const where = `reported figures: length claim ${i} (${JSON.stringify(raw?.id ?? '?')})`;
    if (!raw || typeof raw.id !== 'string') return void issues.push(`${where}: no id`);
    if (!isIsoDate(raw.date)) return void issues.push(`${where}: date needs an ISO date`);
    if (raw.metric !== 'front_line_km') return void issues.push(`${where}: metric must be front_line_km`);
    if (typeof raw.valueKm !== 'number' || !Number.isFinite(raw.valueKm) || raw.valueKm <= 0)
      return void issues.push(`${where}: valueKm is not a positive number`);
    if (!['lengthKm', 'withoutDniproKm', 'rawKm'].includes(raw.compareWith as string))
      return void issues.push(`${where}: compareWith must be lengthKm, withoutDniproKm or rawKm`);
    claims.push(raw as LengthClaim);
  });
  return { claims, issues };
}

/**
 * Judges a computed front-line length against a length claim, with the same verdicts as {@link judge}.
 * @example judgeLength(claim1250, 1227.6).verdict // '2–10% apart'
 */
export function judgeLength(claim: LengthClaim, computedKm: number): LengthCheck {
  const { deviation, deviationPct, verdict } = compare(claim.valueKm, computedKm, undefined);
  return { claim, computedKm, deviationKm: deviation, deviationPct, verdict };
}

/**
 * Claims whose period is the same as [from, to] (for `change` output and the app's comparison panel).
 * @example claimsForPeriod(claims, '2025-08-15', '2025-11-20').map((c) => c.id) // ['press-2025-11-alaska-908']
 */
export function claimsForPeriod(claims: readonly Claim[], from: string, to: string): Claim[] {
  return claims.filter((c) => c.period.from === from && c.period.to === to);
}

/**
 * A published count of settlements taken or retaken (issue #12): claims of their own kind, kept in the registry's
 * `settlementClaims` array so nothing that reads km² claims ever sees a count.
 */
export interface SettlementClaim {
  id: string;
  quote: string;
  publisher: string;
  /** `YYYY-MM-DD` or `YYYY-MM` when only the month is known. */
  publishedOn: string;
  period: { from: string; to: string };
  metric: 'settlements_count';
  /** `taken`: places that came into occupied territory; `retaken`: places that left it. */
  direction: 'taken' | 'retaken';
  valueCount: number;
  approximate: boolean;
  /** `at_least` ("at least 275"): the claim is a floor. */
  bound?: 'at_least';
  basis: string;
  note: string;
}

export interface SettlementClaimCheck {
  claim: SettlementClaim;
  computedCount: number;
  deviationCount: number;
  deviationPct: number;
  verdict: Verdict;
}

/**
 * What every comparison of a settlement count must say: the gazetteer's threshold (geodata/README.md).
 */
export const SETTLEMENT_COUNT_CAVEAT =
  'The gazetteer holds only places of 500 or more inhabitants (GeoNames cities500), so small villages are not ' +
  'counted: a computed count is the number of these places whose point changed sides, far below a count of ' +
  'every village.';

/**
 * Reads the registry's `settlementClaims` (absent: none), returning them and readable issues for malformed entries.
 * @example parseSettlementClaims(JSON.parse(text)).claims.map((c) => c.valueCount)
 */
export function parseSettlementClaims(json: unknown): { claims: SettlementClaim[]; issues: string[] } {
  const list = (json as { settlementClaims?: unknown } | null)?.settlementClaims;
  if (list === undefined) return { claims: [], issues: [] };
  if (!Array.isArray(list))
    return { claims: [], issues: ['reported figures: "settlementClaims" is not an array'] };
  const claims: SettlementClaim[] = [];
  const issues: string[] = [];
  list.forEach((raw: Partial<SettlementClaim>, i) => {
    const where = `reported figures: settlement claim ${i} (${JSON.stringify(raw?.id ?? '?')})`;
    if (!raw || typeof raw.id !== 'string') return void issues.push(`${where}: no id`);
    if (!isIsoDate(raw.period?.from) || !isIsoDate(raw.period?.to))
      return void issues.push(`${where}: period needs ISO dates`);
    if (raw.metric !== 'settlements_count')
      return void issues.push(`${where}: metric is not settlements_count`);
    if (raw.direction !== 'taken' && raw.direction !== 'retaken')
      return void issues.push(`${where}: direction is neither taken nor retaken`);
    if (typeof raw.valueCount !== 'number' || !Number.isInteger(raw.valueCount) || raw.valueCount < 0)
      return void issues.push(`${where}: valueCount is not a whole number`);
    claims.push(raw as SettlementClaim);
  });
  return { claims, issues };
}

/**
 * Judges a computed count of places against a settlement claim, on the same scale as km² claims.
 * @example judgeCount(mod205, 4).verdict // 'off by more than 10%'
 */
export function judgeCount(claim: SettlementClaim, computedCount: number): SettlementClaimCheck {
  const { deviation, deviationPct, verdict } = compare(claim.valueCount, computedCount, claim.bound);
  return { claim, computedCount, deviationCount: deviation, deviationPct, verdict };
}
