/**
 * `change --areas FILE` (issue #4: breakdowns for any polygon the caller passes) and `list --cached` (issue #3),
 * in-process, against a tiny authored archive served on 127.0.0.1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.ts';
import { serveStaticFolder } from '../support/staticServer.ts';

const square = (w: number, s: number, e: number, n: number) => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];
const day = (coords: number[][][]) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [coords] } },
    ],
  });

let dir: string;
let cacheDir: string;
let server: Awaited<ReturnType<typeof serveStaticFolder>>;

const run = (...argv: string[]) => runCli((u, i) => fetch(u, i), ...argv);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'frontline-extras-'));
  cacheDir = mkdtempSync(join(tmpdir(), 'frontline-extras-cache-'));
  // Occupied grows by a 0.1° strip eastwards between the two days.
  writeFileSync(join(dir, 'deepstatemap_data_20250815.geojson'), day(square(37.0, 48.0, 37.5, 48.5)));
  writeFileSync(join(dir, 'deepstatemap_data_20250816.geojson'), day(square(37.0, 48.0, 37.6, 48.5)));
  writeFileSync(
    join(dir, 'areas.geojson'),
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'East strip box' },
          geometry: { type: 'Polygon', coordinates: square(37.5, 48.0, 37.7, 48.5) },
        },
        {
          type: 'Feature',
          properties: {},
          geometry: { type: 'Polygon', coordinates: square(36.0, 48.0, 36.5, 48.5) },
        },
      ],
    }),
  );
  server = await serveStaticFolder(dir);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('change --areas', () => {
  it('adds the passed polygons to the focus-area breakdown, named by their name property', async () => {
    const r = await run(
      'change',
      '--source',
      'archive',
      '--data',
      dir,
      '--from',
      '2025-08-15',
      '--to',
      '2025-08-16',
      '--areas',
      join(dir, 'areas.geojson'),
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      gainedKm2: number;
      byFocusArea: { iso: string; name: string; gainedKm2: number }[];
    };
    const box = report.byFocusArea.find((a) => a.iso === 'user-1')!;
    expect(box.name).toBe('East strip box');
    // The whole gained strip lies inside the box; the second area (unnamed, far west) gets nothing.
    expect(box.gainedKm2).toBeCloseTo(report.gainedKm2, 2);
    expect(report.gainedKm2).toBeGreaterThan(300);
    expect(report.byFocusArea.find((a) => a.iso === 'user-2')).toMatchObject({
      name: 'area 2',
      gainedKm2: 0,
    });
  });

  it('refuses a file that is not GeoJSON, with exit code 2', async () => {
    writeFileSync(join(dir, 'bad.geojson'), '<html>nope</html>');
    const r = await run(
      'change',
      '--source',
      'archive',
      '--data',
      dir,
      '--from',
      '2025-08-15',
      '--to',
      '2025-08-16',
      '--areas',
      join(dir, 'bad.geojson'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--areas: bad\.geojson: .*HTML/u);
  });
});

describe('list --cached', () => {
  it('marks the dates whose snapshot is in the cache, after a fetch over HTTP filled it', async () => {
    const before = await run(
      'list',
      '--source',
      'archive',
      '--data',
      server.baseUrl,
      '--cache-dir',
      cacheDir,
      '--cached',
    );
    expect(before.stdout).not.toContain('cached');
    const area = await run(
      'area',
      '--source',
      'archive',
      '--data',
      server.baseUrl,
      '--cache-dir',
      cacheDir,
      '--date',
      '2025-08-16',
    );
    expect(area.code).toBe(0);
    const after = await run(
      'list',
      '--source',
      'archive',
      '--data',
      server.baseUrl,
      '--cache-dir',
      cacheDir,
      '--cached',
    );
    const lines = after.stdout.trim().split('\n');
    expect(lines).toContain('2025-08-16\tcached');
    expect(lines).toContain('2025-08-15');
    expect(after.stderr).toContain('1 of these dates have a snapshot in the local cache');
  });
});
