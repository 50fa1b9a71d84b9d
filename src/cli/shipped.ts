/**
 * The text of a file the package ships beside its sources (package.json, geodata/*). Run from the sources (tsx,
 * Vitest) it is read from disk; in the compiled CLI (scripts/build-cli.mjs) this module is replaced by one that holds
 * the same texts inlined, so the bundle stands alone wherever it is installed.
 */
import { readFileSync } from 'node:fs';

/** Every file the CLI reads from the package, relative to the package root. */
export const SHIPPED_FILES = [
  'package.json',
  'geodata/oblasts.geojson',
  'geodata/focus-areas.geojson',
  'geodata/reported-figures.json',
] as const;

export type ShippedFile = (typeof SHIPPED_FILES)[number];

/**
 * @example JSON.parse(shippedText('package.json')).version // '0.1.0'
 */
export function shippedText(name: ShippedFile): string {
  return readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8');
}
