/** The registry of reported figures shipped in geodata/reported-figures.json. */
import { readFileSync } from 'node:fs';
import { parseClaims, parseSettlementClaims, type Claim, type SettlementClaim } from '../core/index.ts';

export function loadClaims(warn: (msg: string) => void): Claim[] {
  const json = JSON.parse(
    readFileSync(new URL('../../geodata/reported-figures.json', import.meta.url), 'utf8'),
  ) as unknown;
  const { claims, issues } = parseClaims(json);
  issues.forEach(warn);
  return claims;
}

/** The registry's settlement counts (issue #12), claims of their own kind. */
export function loadSettlementClaims(warn: (msg: string) => void): SettlementClaim[] {
  const json = JSON.parse(
    readFileSync(new URL('../../geodata/reported-figures.json', import.meta.url), 'utf8'),
  ) as unknown;
  const { claims, issues } = parseSettlementClaims(json);
  issues.forEach(warn);
  return claims;
}
