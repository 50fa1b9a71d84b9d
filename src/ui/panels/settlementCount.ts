import type { SettlementClaim } from '../../core/index.ts';
import { t } from '../i18n/locale.svelte.ts';

/**
 * A settlement claim's count as the reader sees it: ≈ when approximate, ≥ when a floor ("at least 275").
 * @example countText(mod275) // '≥ 275 settlements'
 */
export function countText(claim: SettlementClaim): string {
  const mark = `${claim.approximate ? '≈ ' : ''}${claim.bound === 'at_least' ? '≥ ' : ''}`;
  return t('settlementClaims.count', { value: `${mark}${claim.valueCount}` });
}
