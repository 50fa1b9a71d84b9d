/** The registry of reported figures shipped in geodata/reported-figures.json. */
import {
  parseClaims,
  parseLengthClaims,
  parseSettlementClaims,
  type Claim,
  type LengthClaim,
  type SettlementClaim,
} from '../core/index.ts';
import { shippedText } from './shipped.ts';

const readRegistry = (): unknown => JSON.parse(shippedText('geodata/reported-figures.json')) as unknown;

export function loadClaims(warn: (msg: string) => void): Claim[] {
  const json = readRegistry();
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

/** The registry's front-line lengths (issue #15). */
export function loadLengthClaims(warn: (msg: string) => void): LengthClaim[] {
  const { claims, issues } = parseLengthClaims(readRegistry());
  issues.forEach(warn);
  return claims;
}
