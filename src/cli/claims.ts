/** The registry of reported figures shipped in geodata/reported-figures.json. */
import { parseClaims, type Claim } from '../core/index.ts';
import { shippedText } from './shipped.ts';

export function loadClaims(warn: (msg: string) => void): Claim[] {
  const json = JSON.parse(shippedText('geodata/reported-figures.json')) as unknown;
  const { claims, issues } = parseClaims(json);
  issues.forEach(warn);
  return claims;
}
