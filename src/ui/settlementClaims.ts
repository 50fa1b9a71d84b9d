/**
 * The registry's published settlement counts (geodata/reported-figures.json, `settlementClaims`; issue #12), for
 * the claims panel and the comparison: which claims a comparison's period answers, and the count it computes for
 * each, as `frontline check` does (src/cli/commands/check.ts).
 */
import registry from '../../geodata/reported-figures.json';
import {
  isRetaken,
  isTaken,
  judgeCount,
  parseSettlementClaims,
  type ChangeReport,
  type SettlementClaim,
  type SettlementClaimCheck,
  type SettlementChange,
} from '../core/index.ts';

/** Every settlement claim of the registry, in its order. */
export const SETTLEMENT_CLAIMS: readonly SettlementClaim[] = parseSettlementClaims(registry).claims;

/** A claim against a comparison: its check, or why there is none. */
export type SettlementClaimRow =
  | { claim: SettlementClaim; check: SettlementClaimCheck }
  | { claim: SettlementClaim; check: null; why: 'sameSnapshot' | 'noGazetteer' };

/**
 * The settlement claims whose period is exactly the report's, each with the count of gazetteer places the report
 * finds taken (or retaken) and its verdict. Not computable when one snapshot answers both dates, or when the
 * report was made without the gazetteer.
 * @example settlementClaimRows(report).map((r) => r.check?.computedCount)
 */
export function settlementClaimRows(
  report: Pick<ChangeReport, 'from' | 'to' | 'fromSnapshot' | 'toSnapshot'> & {
    settlements?: readonly SettlementChange[] | undefined;
  },
  claims: readonly SettlementClaim[] = SETTLEMENT_CLAIMS,
): SettlementClaimRow[] {
  return claims
    .filter((c) => c.period.from === report.from && c.period.to === report.to)
    .map((claim) => {
      if (report.fromSnapshot === report.toSnapshot) return { claim, check: null, why: 'sameSnapshot' };
      if (!report.settlements) return { claim, check: null, why: 'noGazetteer' };
      const count = report.settlements.filter(claim.direction === 'taken' ? isTaken : isRetaken).length;
      return { claim, check: judgeCount(claim, count) };
    });
}
