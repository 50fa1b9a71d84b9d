/**
 * Polygons a user passes for the breakdown (`--areas FILE`), read and validated on the path every file takes.
 * Each polygon becomes a region `user-N` named by its `name` property (or "area N"), by the core's rules.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseGeoJsonText, parseUserAreas, type Region } from '../core/index.ts';
import { UsageError } from './args.ts';

/**
 * @example const extra = await loadUserAreas('my-areas.geojson', (w) => io.stderr(w));
 */
export async function loadUserAreas(path: string, warn: (msg: string) => void): Promise<Region[]> {
  const label = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(
      `--areas ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  const parsed = parseGeoJsonText(text, { label });
  if (!parsed.ok) throw new UsageError(`--areas: ${parsed.issues.join('; ')}`);
  // The same rules as the browser's own areas (import and storage): src/core/io/parseUserAreas.ts.
  const areas = parseUserAreas(parsed.value, { label });
  if (!areas.ok) throw new UsageError(`--areas: ${areas.issues.join('; ')}`);
  for (const w of [...parsed.warnings, ...areas.warnings]) warn(`warning: ${w}\n`);
  return areas.value;
}
