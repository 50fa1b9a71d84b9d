/** The registry of reported figures shipped in geodata/reported-figures.json. */
import { parseClaims, parseSettlementClaims, type Claim, type SettlementClaim } from '../core/index.ts';
import { shippedText } from './shipped.ts';

export function loadClaims(warn: (msg: string) => void): Claim[] {
  const json = JSON.parse(shippedText('geodata/reported-figures.json')) as unknown;
  const { claims, issues } = parseClaims(json);
  issues.forEach(warn);
  return claims;
}

/** The registry's settlement counts (issue #12), claims of their own kind. */
export function loadSettlementClaims(warn: (msg: string) => void): SettlementClaim[] {
  const json = JSON.parse(shippedText('geodata/reported-figures.json')) as unknown;
  const { claims, issues } = parseSettlementClaims(json);
  issues.forEach(warn);
  return claims;
}
