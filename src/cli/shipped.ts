/**
 * The text of a file the package ships beside its sources (package.json, geodata/*). Run from the sources (tsx,
 * Vitest) it is read from disk; in the compiled CLI (scripts/build-cli.mjs) this module is replaced by one that holds
 * the same texts inlined, so the bundle stands alone wherever it is installed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Every file the CLI reads from the package, relative to the package root. */
export const SHIPPED_FILES = [
  'package.json',
  'geodata/oblasts.geojson',
  'geodata/focus-areas.geojson',
  'geodata/reported-figures.json',
  'geodata/settlements.geojson',
  'geodata/front-outline.geojson',
] as const;

export type ShippedFile = (typeof SHIPPED_FILES)[number];

/**
 * @example JSON.parse(shippedText('package.json')).version // '0.1.0'
 */
export function shippedText(name: ShippedFile): string {
  return readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8');
}

/**
 * The package's root folder (where package.json and the built app, dist/, are): two levels above this file in the
 * sources, one above dist-cli/frontline.js in the bundle.
 * @example join(packageRoot(), 'dist', 'index.html')
 */
export function packageRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

/** The folders whose code decides what a snapshot file parses and validates to. */
export const VALIDATOR_SOURCES = ['src/core', 'src/sources'] as const;

let validator: string | undefined;

/**
 * Names the validator by its code: the SHA-256 of every .ts file in VALIDATOR_SOURCES and their folders (names and
 * texts, sorted), so
 * any change to parsing or validation makes earlier results stale (src/cli/validatedCache.ts). The compiled CLI
 * carries the same hash, computed when it was built.
 * @example validatorVersion() // 'c0ffee…' (64 hex digits)
 */
export function validatorVersion(): string {
  if (validator) return validator;
  const hash = createHash('sha256');
  const root = new URL('../../', import.meta.url);
  for (const dir of VALIDATOR_SOURCES) {
    // Recursive: src/core is grouped in folders (model/, io/, geometry/, report/).
    for (const name of readdirSync(new URL(`${dir}/`, root), { recursive: true, encoding: 'utf8' })
      .map((n) => n.replaceAll('\\', '/'))
      .filter((n) => n.endsWith('.ts'))
      .sort()) {
      hash
        .update(`${dir}/${name}\0`)
        .update(readFileSync(new URL(`${dir}/${name}`, root)))
        .update('\0');
    }
  }
  validator = hash.digest('hex');
  return validator;
}
