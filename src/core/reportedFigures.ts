/**
 * The registry of published claims (geodata/reported-figures.json) and how a computed figure is judged against one.
 */
import type { ChangeClass } from './changeBetween.ts';
import { isIsoDate } from './dates.ts';

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
  const deviationKm2 = computedKm2 - claim.valueKm2;
  const deviationPct = claim.valueKm2 === 0 ? 0 : (deviationKm2 / claim.valueKm2) * 100;
  const abs = Math.abs(deviationPct);
  const verdict: Verdict =
    claim.bound === 'more_than'
      ? computedKm2 > claim.valueKm2
        ? 'consistent with the floor'
        : 'below the floor'
      : abs <= 2
        ? 'within 2%'
        : abs <= 10
          ? '2–10% apart'
          : 'off by more than 10%';
  return { claim, computedKm2, deviationKm2, deviationPct, verdict };
}

/**
 * Claims whose period is the same as [from, to] (for `change` output and the app's comparison panel).
 * @example claimsForPeriod(claims, '2025-08-15', '2025-11-20').map((c) => c.id) // ['press-2025-11-alaska-908']
 */
export function claimsForPeriod(claims: readonly Claim[], from: string, to: string): Claim[] {
  return claims.filter((c) => c.period.from === from && c.period.to === to);
}
