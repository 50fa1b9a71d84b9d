#!/usr/bin/env node
// Generates geodata/focus-areas.geojson: named circles around towns fought over
// in 2025, used to zoom to and to compute area figures for a town and its
// approaches. The list below is authored here; centre coordinates are the
// GeoNames (geonames.org, CC BY 4.0) coordinates of each populated place.
//
// Each area is a circle on the sphere (turf `circle`: 64 steps, great-circle
// destination points at the given radius), coordinates rounded to 5 decimals,
// exterior ring counter-clockwise (RFC 7946).
//
// The output is byte-for-byte deterministic (sorted by id, fixed key order, one
// feature per line), so CI can rebuild and run `git diff --exit-code geodata/`.
// The radii and their reasons are tabulated in geodata/README.md.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanClockwise, circle, rewind } from '@turf/turf';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// FRONTLINE_GEODATA_OUT lets the test run rebuild into a temporary folder and compare with the committed file.
const OUT = join(process.env.FRONTLINE_GEODATA_OUT || join(ROOT, 'geodata'), 'focus-areas.geojson');
const STEPS = 64;
const DECIMALS = 5;

/**
 * center: [lon, lat] from GeoNames. oblast: ISO 3166-2 code of the unit that
 * contains the centre (checked against geodata/oblasts.geojson by the unit test).
 */
const FOCUS_AREAS = [
  {
    id: 'pokrovsk-area',
    name_en: 'Pokrovsk area',
    name_uk: 'Покровськ і околиці',
    radius_km: 10,
    center: [37.17706, 48.28014],
    oblast: 'UA-14',
    note: 'Pokrovsk plus Myrnohrad (centre 7.3 km east-north-east): one agglomeration, one battle',
  },
  {
    id: 'myrnohrad',
    name_en: 'Myrnohrad',
    name_uk: 'Мирноград',
    radius_km: 4,
    center: [37.26513, 48.3099],
    oblast: 'UA-14',
    note: 'town of ~45k about 6 km across; 4 km covers the built-up area',
  },
  {
    id: 'kostiantynivka',
    name_en: 'Kostiantynivka',
    name_uk: 'Костянтинівка',
    radius_km: 7,
    center: [37.70594, 48.52728],
    oblast: 'UA-14',
    note: 'city of ~65k about 10 km across; 7 km adds its southern and eastern approaches',
  },
  {
    id: 'huliaipole',
    name_en: 'Huliaipole',
    name_uk: 'Гуляйполе',
    radius_km: 5,
    center: [36.25576, 47.66685],
    oblast: 'UA-23',
    note: 'town of ~13k; 5 km takes in the town and the Haichur valley approaches',
  },
  {
    id: 'kupiansk',
    name_en: 'Kupiansk',
    name_uk: "Куп'янськ",
    radius_km: 6,
    center: [37.61581, 49.71003],
    oblast: 'UA-63',
    note: 'town of ~27k plus its Oskil river crossings; stops short of Kupiansk-Vuzlovyi',
  },
  {
    id: 'siversk',
    name_en: 'Siversk',
    name_uk: 'Сіверськ',
    radius_km: 4,
    center: [38.09683, 48.86476],
    oblast: 'UA-14',
    note: 'small town of ~11k; 4 km covers it and the nearest heights',
  },
  {
    id: 'vovchansk',
    name_en: 'Vovchansk',
    name_uk: 'Вовчанськ',
    radius_km: 5,
    center: [36.94108, 50.29078],
    oblast: 'UA-63',
    note: 'town of ~17k on the Vovcha river; 5 km covers it and the aggregate plant',
  },
  {
    id: 'chasiv-yar',
    name_en: 'Chasiv Yar',
    name_uk: 'Часів Яр',
    radius_km: 4,
    center: [37.83409, 48.58768],
    oblast: 'UA-14',
    note: 'small town of ~12k; 4 km covers it, the canal and the refractory plant',
  },
  {
    id: 'toretsk',
    name_en: 'Toretsk',
    name_uk: 'Торецьк',
    radius_km: 5,
    center: [37.8478, 48.39477],
    oblast: 'UA-14',
    note: 'town of ~30k about 7 km north to south; 5 km covers it and its mining villages',
  },
  {
    id: 'velykomykhailivka',
    name_en: 'Velykomykhailivka',
    name_uk: 'Великомихайлівка',
    radius_km: 5,
    center: [36.47087, 47.96701],
    oblast: 'UA-12',
    note: 'large village near the Donetsk and Zaporizhzhia oblast borders; 5 km covers it and its approaches',
  },
];

const round = (x) => {
  const f = 10 ** DECIMALS;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
};

function cleanRing(ring) {
  const out = [];
  for (const [lon, lat] of ring) {
    const p = [round(lon), round(lat)];
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) out.push([...first]);
  if (out.length < 4) throw new Error('ring collapsed when rounding');
  return out;
}

function build(a) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(a.id)) throw new Error(`${a.id}: id must be kebab-case`);
  if (!/^UA-\d\d$/.test(a.oblast)) throw new Error(`${a.id}: bad oblast ${a.oblast}`);
  if (!(a.radius_km > 0)) throw new Error(`${a.id}: bad radius`);
  const c = circle(a.center, a.radius_km, { steps: STEPS, units: 'kilometers' });
  const geometry = rewind(
    { type: 'Polygon', coordinates: c.geometry.coordinates.map(cleanRing) },
    { reverse: false },
  );
  if (booleanClockwise(geometry.coordinates[0])) throw new Error(`${a.id}: ring is clockwise`);
  const properties = {
    id: a.id,
    name_en: a.name_en,
    name_uk: a.name_uk,
    radius_km: a.radius_km,
    center: a.center,
    ...(a.geonames_id !== undefined ? { geonames_id: a.geonames_id } : {}),
    oblast: a.oblast,
    note: a.note,
  };
  return { type: 'Feature', properties, geometry };
}

function main() {
  const ids = new Set();
  for (const a of FOCUS_AREAS) {
    if (ids.has(a.id)) throw new Error(`duplicate id ${a.id}`);
    ids.add(a.id);
  }
  const features = FOCUS_AREAS.map(build).sort((x, y) =>
    x.properties.id < y.properties.id ? -1 : x.properties.id > y.properties.id ? 1 : 0,
  );
  const text =
    '{"type":"FeatureCollection","features":[\n' +
    features.map((f) => JSON.stringify(f)).join(',\n') +
    '\n]}\n';
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, text);
  console.log(`geodata/focus-areas.geojson: ${features.length} features, ${Buffer.byteLength(text)} bytes`);
}

main();
