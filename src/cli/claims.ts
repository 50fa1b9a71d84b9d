/** The registry of reported figures shipped in geodata/reported-figures.json. */
import { readFileSync } from 'node:fs';
import { parseClaims, type Claim } from '../core/index.ts';

export function loadClaims(warn: (msg: string) => void): Claim[] {
  const json = JSON.parse(
    readFileSync(new URL('../../geodata/reported-figures.json', import.meta.url), 'utf8'),
  ) as unknown;
  const { claims, issues } = parseClaims(json);
  issues.forEach(warn);
  return claims;
}
