/**
 * Polygons a user passes for the breakdown (`--areas FILE`), read and validated on the path every file takes.
 * Each polygon becomes a region named by its `name` property (or "area N").
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseGeoJsonText, validateGeoJson, type AreaGeometry, type Region } from '../core/index.ts';
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
  const valid = validateGeoJson(parsed.value, { label });
  if (!valid.ok) throw new UsageError(`--areas: ${valid.issues.join('; ')}`);
  for (const w of [...parsed.warnings, ...valid.warnings]) warn(`warning: ${w}\n`);
  const regions: Region[] = [];
  valid.value.features.forEach((f, i) => {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      warn(`warning: ${label}: feature ${i} is not a polygon; left out\n`);
      return;
    }
    const name = typeof f.properties?.['name'] === 'string' ? String(f.properties['name']) : `area ${i + 1}`;
    regions.push({
      type: 'Feature',
      geometry: g as AreaGeometry,
      properties: { iso: `user-${i + 1}`, name_en: name },
    });
  });
  if (regions.length === 0) throw new UsageError(`--areas ${path}: no polygon in the file`);
  return regions;
}
