/**
 * Validate once (issue #17): src/sources/snapshotMemo.ts and the CLI's memo on disk (src/cli/validatedCache.ts).
 * The stored snapshot must be exactly what the validator returns (round trip on real archive days and DeepState
 * versions, and on an authored day with holes, a hole-less polygon and a marker); the validator runs once per bytes,
 * version and validator version, and again for anything else or a damaged entry; the CLI's history is the same with
 * and without the memo.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  archiveVersion,
  makeValid,
  parseArchiveDay,
  parseDeepStateVersion,
  parseHistoryList,
  type AreaGeometry,
  type Parsed,
  type Snapshot,
} from '../../src/core/index.ts';
import { validatedCache } from '../../src/cli/validatedCache.ts';
import { validatorVersion } from '../../src/cli/shipped.ts';
import { fileFetch } from '../../src/sources/node/fileFetch.ts';
import { decodeSnapshot, encodeSnapshot, loadSnapshot } from '../../src/sources/snapshotMemo.ts';
import { referenceDir } from '../support/referenceData.ts';
import { cliArgs } from '../support/cliArgs.ts';
import { runCli } from '../support/runCli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'frontline-validate-once-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const square = (x: number, y: number, d: number): number[][] => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];
/** An archive day: a polygon with a hole and one without, wound against RFC 7946 so validation rewinds (warns). */
const DAY = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [square(37, 48, 1).reverse(), square(37.2, 48.2, 0.3)],
          [square(35.12345678901234, 46.5, 0.25)],
        ],
      },
    },
  ],
};
const archiveDir = join(tmp, 'archive');
mkdirSync(archiveDir);
writeFileSync(join(archiveDir, 'deepstatemap_data_20250815.geojson'), JSON.stringify(DAY));
const shifted = structuredClone(DAY);
shifted.features[0]!.geometry.coordinates[1]![0]![1]![0] = 35.4;
writeFileSync(join(archiveDir, 'deepstatemap_data_20250816.geojson'), JSON.stringify(shifted));

describe('encodeSnapshot / decodeSnapshot', () => {
  it('round-trips the validator’s snapshot exactly (holes, several polygons, 16 significant digits)', () => {
    const parsed = parseArchiveDay(DAY, archiveVersion('2025-08-15'));
    expect(parsed.ok).toBe(true);
    const snapshot = (parsed as { value: Snapshot }).value;
    expect(snapshot.warnings.length).toBeGreaterThan(0);
    expect(decodeSnapshot(encodeSnapshot(snapshot))).toEqual(snapshot);
  });

  it('keeps a geometry it does not pack (a Polygon with a third coordinate) in the JSON, unchanged', () => {
    const odd: Snapshot = {
      source: 'x',
      version: archiveVersion('2025-01-01'),
      territories: [
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [square(1, 2, 3).map((p) => [...p, 5])] },
          properties: { cls: 'occupied', name: 'n', sourceIndex: 0 },
        },
      ],
      markers: [],
      warnings: [],
    };
    expect(decodeSnapshot(encodeSnapshot(odd))).toEqual(odd);
  });

  it('returns null for bytes it did not write or that were cut short', () => {
    const bytes = encodeSnapshot(
      (parseArchiveDay(DAY, archiveVersion('2025-08-15')) as { value: Snapshot }).value,
    );
    expect(decodeSnapshot(new TextEncoder().encode(JSON.stringify(DAY)))).toBeNull();
    expect(decodeSnapshot(bytes.subarray(0, bytes.length - 8))).toBeNull();
    expect(decodeSnapshot(bytes.subarray(0, 6))).toBeNull();
    // Unaligned in its buffer (as a pooled Buffer may be): still read.
    const shiftedCopy = new Uint8Array(bytes.length + 3);
    shiftedCopy.set(bytes, 3);
    expect(decodeSnapshot(shiftedCopy.subarray(3))).toEqual(decodeSnapshot(bytes));
  });

  it('round-trips real archive days and DeepState versions exactly', async (ctx) => {
    const ref = referenceDir();
    if (!ref) return ctx.skip();
    for (const date of ['2024-07-08', '2025-08-15', '2026-08-21']) {
      const json = JSON.parse(
        readFileSync(
          join(ref, 'deepstate-archive', `deepstatemap_data_${date.replaceAll('-', '')}.geojson`),
          'utf8',
        ),
      ) as unknown;
      const s = (parseArchiveDay(json, archiveVersion(date)) as { value: Snapshot }).value;
      expect(decodeSnapshot(encodeSnapshot(s))).toEqual(s);
    }
    const list = parseHistoryList(
      JSON.parse(readFileSync(join(ref, 'deepstate-api/history/public'), 'utf8')) as unknown,
      { now: Date.now() },
    );
    const held = new Set(readdirSync(join(ref, 'deepstate-api/history')));
    const versions = (list as { value: { id: string }[] }).value.filter((v) => held.has(v.id));
    for (const v of [versions[0]!, versions.at(-1)!]) {
      const json = JSON.parse(
        readFileSync(join(ref, 'deepstate-api/history', v.id, 'geojson'), 'utf8'),
      ) as unknown;
      const parsed = parseDeepStateVersion(json, v as never, 'deepstate-api');
      const s = (parsed as { value: Snapshot }).value;
      expect(s.territories.length).toBeGreaterThan(0);
      expect(decodeSnapshot(encodeSnapshot(s))).toEqual(s);
    }
  });
});

describe('loadSnapshot with the CLI’s memo on disk', () => {
  const fetchFn = fileFetch(archiveDir);
  let parses = 0;
  const parse =
    (date: string) =>
    (json: unknown): Parsed<Snapshot> => {
      parses++;
      return parseArchiveDay(json, archiveVersion(date));
    };
  const load = (date: string, memo: ReturnType<typeof validatedCache>) =>
    loadSnapshot(
      fetchFn,
      `${archiveDir}/deepstatemap_data_${date.replaceAll('-', '')}.geojson`,
      parse(date),
      {
        source: 'archive',
        version: archiveVersion(date),
        memo,
      },
    );

  it('validates a file once, then hands back the same snapshot', async () => {
    const memo = validatedCache(join(tmp, 'memo-a'));
    parses = 0;
    const first = await load('2025-08-15', memo);
    const second = await load('2025-08-15', memo);
    expect(parses).toBe(1);
    expect(second).toEqual(first);
    expect(second).toEqual((parseArchiveDay(DAY, archiveVersion('2025-08-15')) as { value: Snapshot }).value);
  });

  it('validates again for other bytes, and under another validator version', async () => {
    const dir = join(tmp, 'memo-b');
    parses = 0;
    await load('2025-08-15', validatedCache(dir));
    await load('2025-08-16', validatedCache(dir));
    expect(parses).toBe(2);
    await load('2025-08-15', validatedCache(dir, { validator: 'another' }));
    expect(parses).toBe(3);
    await load('2025-08-15', validatedCache(dir));
    expect(parses).toBe(3);
  });

  it('validates again when the stored entry is damaged, and repairs it', async () => {
    const dir = join(tmp, 'memo-c');
    parses = 0;
    const good = await load('2025-08-15', validatedCache(dir));
    const [entry] = readdirSync(dir);
    writeFileSync(join(dir, entry!), 'garbage');
    expect(await load('2025-08-15', validatedCache(dir))).toEqual(good);
    expect(parses).toBe(2);
    await load('2025-08-15', validatedCache(dir));
    expect(parses).toBe(2);
  });

  it('finds an unchanged local file by its identity without reading it; an edited one by its bytes', async () => {
    const dir = join(tmp, 'memo-d');
    const data = join(tmp, 'identity');
    cpSync(archiveDir, data, { recursive: true });
    const path = join(data, 'deepstatemap_data_20250815.geojson');
    let reads = 0;
    const counting = fileFetch(data);
    const loadHere = () =>
      loadSnapshot(
        (u, i) => {
          reads++;
          return counting(u, i);
        },
        path,
        parse('2025-08-15'),
        { source: 'archive', version: archiveVersion('2025-08-15'), memo: validatedCache(dir) },
      );
    parses = 0;
    const first = await loadHere();
    expect([reads, parses]).toEqual([1, 1]);
    expect(await loadHere()).toEqual(first);
    expect([reads, parses]).toEqual([1, 1]);
    // Rewritten with the same bytes: a new change time, so read and hashed again, but not validated again.
    writeFileSync(path, readFileSync(path));
    expect(await loadHere()).toEqual(first);
    expect([reads, parses]).toEqual([2, 1]);
    expect(await loadHere()).toEqual(first);
    expect([reads, parses]).toEqual([2, 1]);
    // Edited, same length: read, and validated again.
    const text = readFileSync(path, 'utf8').replace('35.123456789', '35.123456788');
    expect(text).not.toBe(readFileSync(path, 'utf8'));
    writeFileSync(path, text);
    const edited = await loadHere();
    expect([reads, parses]).toEqual([3, 2]);
    expect(edited).not.toEqual(first);
    expect(edited).toEqual(
      (parseArchiveDay(JSON.parse(text), archiveVersion('2025-08-15')) as { value: Snapshot }).value,
    );
  });

  it('marks geometries that makeValid passes through as valid when it reads them back, and only those', () => {
    const snapshot = (parseArchiveDay(DAY, archiveVersion('2025-08-15')) as { value: Snapshot }).value;
    const back = decodeSnapshot(encodeSnapshot(snapshot))!;
    const g = back.territories[0]!.geometry as AreaGeometry;
    expect(makeValid(g)).toBe(g);
    // A bowtie (self-crossing): made valid into a new geometry, so not marked, and repaired after reading too.
    const bowtie: Snapshot = {
      ...snapshot,
      territories: [
        {
          ...snapshot.territories[0]!,
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [30, 48],
                [31, 49],
                [31, 48],
                [30, 49],
                [30, 48],
              ],
            ],
          },
        },
      ],
    };
    const bowtieBack = decodeSnapshot(encodeSnapshot(bowtie))!.territories[0]!.geometry as AreaGeometry;
    const repaired = makeValid(bowtieBack);
    expect(repaired).not.toBe(bowtieBack);
    expect(repaired?.type).toBe('MultiPolygon');
  });

  it('names the validator by the code of src/core and src/sources', () => {
    expect(validatorVersion()).toMatch(/^[0-9a-f]{64}$/u);
  });
});

describe('frontline history with and without the memo', () => {
  it('prints the same rows; the memo holds one entry per file, and --no-cache writes none', async () => {
    const cacheDir = join(tmp, 'cli-cache');
    const data = join(tmp, 'cli-archive');
    cpSync(archiveDir, data, { recursive: true });
    const args = [
      'history',
      '--source',
      'archive',
      '--data',
      data,
      '--from',
      '2025-08-15',
      '--to',
      '2025-08-16',
    ];
    const noNet = (u: string) => Promise.reject(new Error(`no network in tests (${u})`));
    const rows = (out: string) => out.split('\n').filter((l) => !l.startsWith('#'));
    const plain = await runCli(noNet, ...args, '--no-cache', '--step', 'day');
    const first = await runCli(noNet, ...args, '--cache-dir', cacheDir, '--step', 'day');
    const second = await runCli(noNet, ...args, '--cache-dir', cacheDir, '--step', 'day');
    expect(plain.code).toBe(0);
    expect(rows(first.stdout)).toEqual(rows(plain.stdout));
    expect(rows(second.stdout)).toEqual(rows(plain.stdout));
    // One stored snapshot per file (by content), each also linked under the file's identity: two inodes.
    const entries = readdirSync(join(cacheDir, 'validated'));
    expect(entries).toHaveLength(4);
    expect(new Set(entries.map((e) => statSync(join(cacheDir, 'validated', e)).ino)).size).toBe(2);
  });
});

describe('frontline history on the reference archive, with and without the memo', () => {
  it('prints the same bytes for a month: no memo, memo being filled, memo read by file identity', async (ctx) => {
    const ref = referenceDir();
    if (!ref) return ctx.skip();
    const noNet = (u: string) => Promise.reject(new Error(`no network in tests (${u})`));
    const options = {
      source: 'archive',
      data: join(ref, 'deepstate-archive'),
      from: '2025-08-01',
      to: '2025-08-31',
      step: 'day',
      'by-oblast': true,
    };
    const cacheDir = join(tmp, 'real-cache');
    const plain = await runCli(noNet, ...cliArgs('history', { ...options, 'no-cache': true }));
    const filling = await runCli(noNet, ...cliArgs('history', { ...options, 'cache-dir': cacheDir }));
    const filled = await runCli(noNet, ...cliArgs('history', { ...options, 'cache-dir': cacheDir }));
    expect(plain.code).toBe(0);
    expect(plain.stdout.split('\n')).toHaveLength(31 + 3);
    expect(filling.stdout).toBe(plain.stdout);
    expect(filled.stdout).toBe(plain.stdout);
    // 31 days stored by content and linked by identity: 31 inodes.
    const entries = readdirSync(join(cacheDir, 'validated'));
    expect(new Set(entries.map((e) => statSync(join(cacheDir, 'validated', e)).ino)).size).toBe(31);
  });
});
