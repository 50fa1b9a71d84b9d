/**
 * The command line's contract (issue #4), run in-process: `main(argv, io)` with stdout and stderr captured and a
 * fetch that refuses the network. Usage errors need no data; the rest reads the reference folder through
 * FRONTLINE_REFERENCE_DATA and is skipped, with the reason printed, when it is absent.
 */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { FeatureCollection } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.ts';
import { areaKm2, type AreaGeometry } from '../../src/core/index.ts';
import { referenceDir } from '../support/referenceData.ts';
import { runCli, type CliRun } from '../support/runCli.ts';
import { CLI_SUM_ABS_KM2 } from './tolerances.ts';

/** Tests make no network request: a fetch that says so if one is attempted. */
const run = (...argv: string[]): Promise<CliRun> =>
  runCli((url) => Promise.reject(new Error(`tests make no network request (${url})`)), ...argv);

/** A folder that does not exist: usage errors must be reported before any source is read. */
const NO_DATA = '/nonexistent/frontline-test-data';

describe('frontline --help', () => {
  it('prints the list of commands and exits 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npx frontline <command>/mu);
    for (const name of Object.keys(COMMANDS)) expect(r.stdout).toContain(`  ${name} `);
    expect(r.stderr).toBe('');
  });

  it.each(Object.keys(COMMANDS))('%s --help prints its usage and exits 0', async (name) => {
    const r = await run(name, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: frontline ${name} `);
    expect(r.stdout).toContain(COMMANDS[name]!.summary);
    expect(r.stderr).toBe('');
  });
});

describe('usage errors exit 2 with a message that says what is wrong', () => {
  const change = ['change', '--source', 'archive', '--data', NO_DATA];

  it('an unknown command', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('frontline: unknown command "frobnicate"\n');
    expect(r.stdout).toBe('');
  });

  it('a mistyped command, with the one it most likely meant', async () => {
    const r = await run('lenght');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('frontline: unknown command "lenght" (did you mean length?)');
    expect((await run('chnage')).stderr).toContain('(did you mean change?)');
  });

  it('a date that is not in the calendar (2025-02-30)', async () => {
    const r = await run(...change, '--from', '2025-02-30', '--to', '2025-03-01');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from "2025-02-30" is not a calendar date YYYY-MM-DD');
    expect(r.stderr).toContain('Usage: frontline change ');
    expect(r.stdout).toBe('');
  });

  it('an unknown --source', async () => {
    const r = await run('change', '--source', 'wikipedia', '--from', '2025-08-15', '--to', '2025-11-20');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--source "wikipedia" is not a source: use one of deepstate-api, archive');
  });

  it('a missing --from', async () => {
    const r = await run(...change, '--to', '2025-11-20');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from YYYY-MM-DD is required');
  });

  it('an unknown option', async () => {
    const r = await run(...change, '--from', '2025-08-15', '--to', '2025-11-20', '--colour', 'red');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--colour'");
  });

  it('--from after --to', async () => {
    const r = await run(...change, '--from', '2025-11-20', '--to', '2025-08-15');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from 2025-11-20 is after --to 2025-08-15');
  });
});

const ref = referenceDir();

interface RegionRow {
  iso: string;
  name: string;
  gainedKm2: number;
  lostKm2: number;
  netKm2: number;
}

interface ChangeJson {
  meta: { source: string; areaModel: string; snapshots: { requested: string; date: string }[] };
  from: string;
  to: string;
  fromSnapshot: string;
  toSnapshot: string;
  areaFromKm2: number;
  areaToKm2: number;
  gainedKm2: number;
  lostKm2: number;
  netKm2: number;
  byOblast: RegionRow[];
  byFocusArea: RegionRow[];
  settlements: unknown[];
  reported: { id: string; reportedKm2: number; computedKm2: number; verdict: string }[];
}

describe.skipIf(!ref)('frontline change on the reference archive, 2025-08-15 → 2025-11-20', () => {
  const args = () => ['change', '--source', 'archive', '--data', `${ref}/deepstate-archive`];
  const period = ['--from', '2025-08-15', '--to', '2025-11-20'];
  let json: ChangeJson;
  let jsonRun: CliRun;

  beforeAll(async () => {
    jsonRun = await run(...args(), ...period);
    json = JSON.parse(jsonRun.stdout) as ChangeJson; // stdout is clean JSON: progress goes to stderr
  });

  it('answers JSON with the dates asked for and the snapshots used', () => {
    expect(jsonRun.code).toBe(0);
    expect(json).toMatchObject({
      from: '2025-08-15',
      to: '2025-11-20',
      fromSnapshot: '2025-08-15',
      toSnapshot: '2025-11-20',
    });
    expect(json.meta.source).toBe('archive');
    expect(json.meta.areaModel).toMatch(/WGS84/u);
    expect(json.meta.snapshots.map((s) => s.date)).toEqual(['2025-08-15', '2025-11-20']);
    expect(jsonRun.stderr).toMatch(/loading snapshots/u);
  });

  it('gives areas, gained, lost and net (≈ 1,088.6 km²), with two decimals', () => {
    expect(json.areaFromKm2).toBeGreaterThan(100_000);
    expect(json.areaToKm2 - json.areaFromKm2).toBeCloseTo(json.netKm2, 1);
    expect(json.gainedKm2 - json.lostKm2).toBeCloseTo(json.netKm2, 1);
    expect(json.netKm2).toBeCloseTo(1088.6, 1);
    for (const key of ['areaFromKm2', 'areaToKm2', 'gainedKm2', 'lostKm2', 'netKm2'] as const)
      expect(Number(json[key].toFixed(2))).toBe(json[key]);
  });

  it('splits the change by oblast and focus area', () => {
    const row = {
      iso: expect.any(String),
      name: expect.any(String),
      gainedKm2: expect.any(Number),
      lostKm2: expect.any(Number),
      netKm2: expect.any(Number),
      settlementsGained: expect.any(Number),
      settlementsLost: expect.any(Number),
    };
    expect(json.byOblast.length).toBeGreaterThanOrEqual(3);
    for (const r of json.byOblast) expect(r).toEqual(row);
    expect(json.byOblast.map((r) => r.iso)).toEqual(expect.arrayContaining(['UA-14', 'UA-23']));
    // Every km² lands in exactly one row (the last row holds what falls outside the oblast outlines).
    const gained = json.byOblast.reduce((s, r) => s + r.gainedKm2, 0);
    expect(Math.abs(gained - json.gainedKm2)).toBeLessThanOrEqual(
      CLI_SUM_ABS_KM2 + 0.005 * json.byOblast.length,
    );
    expect(json.byFocusArea.length).toBe(10);
    for (const r of json.byFocusArea) expect(r).toEqual(row);
  });

  it('checks the 908 km² claim for the same period, with a verdict', () => {
    const claim = json.reported.find((c) => c.id === 'press-2025-11-alaska-908');
    expect(claim).toMatchObject({ reportedKm2: 908, computedKm2: json.netKm2 });
    expect(claim!.verdict).toBe('off by more than 10%');
  });

  it('--format csv: the metadata comment line, a header row, then one row per total, oblast and focus area', async () => {
    const r = await run(...args(), ...period, '--format', 'csv');
    expect(r.code).toBe(0);
    const [first] = r.stdout.split('\r\n');
    expect(first).toMatch(/^# frontline .*source: archive.*2025-08-15.*2025-11-20.*area model: WGS84/u);
    const rows = parseCsv(r.stdout, { comment: '#', columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];
    expect(rows.length).toBe(1 + json.byOblast.length + json.byFocusArea.length + json.settlements.length);
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(['from', 'to', 'gained_km2', 'lost_km2', 'net_km2']),
    );
    const total = rows.find((x) => x['scope'] === 'total')!;
    expect(Number(total['net_km2'])).toBe(json.netKm2);
    expect(Number(total['gained_km2'])).toBe(json.gainedKm2);
    expect(rows.filter((x) => x['scope'] === 'focus_area').length).toBe(10);
  });

  it('--format geojson: the gained and lost polygons, with change, oblast and areaKm2', async () => {
    const r = await run(...args(), ...period, '--format', 'geojson');
    expect(r.code).toBe(0);
    const fc = JSON.parse(r.stdout) as FeatureCollection<
      AreaGeometry,
      { change: string; oblast: string; areaKm2: number }
    >;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(10);
    // The places that changed hands follow as Points (issue #12; tests/unit/settlementsChanged.test.ts).
    for (const f of fc.features.filter((x) => x.properties.change !== 'settlement')) {
      expect(['gained', 'lost']).toContain(f.properties.change);
      expect(typeof f.properties.oblast).toBe('string');
      expect(typeof f.properties.areaKm2).toBe('number');
    }
    const gained = fc.features.filter((f) => f.properties.change === 'gained');
    const sum = gained.reduce((s, f) => s + areaKm2(f.geometry), 0);
    expect(Math.abs(sum - json.gainedKm2)).toBeLessThanOrEqual(CLI_SUM_ABS_KM2);
    expect(gained.some((f) => f.properties.oblast === 'UA-14')).toBe(true);
  });
});

describe.skipIf(!ref)('frontline area and check on the reference data', () => {
  it('area on a date without a version uses the nearest earlier one and says so on stderr', async () => {
    const r = await run(
      'area',
      '--source',
      'deepstate-api',
      '--data',
      `${ref}/deepstate-api`,
      '--date',
      '2025-08-15',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      snapshot: { date: string; versionId: string };
      areasKm2: Record<string, number>;
    };
    expect(out.snapshot).toMatchObject({ date: '2025-08-01', versionId: '1754077960' });
    expect(r.stderr).toMatch(/2025-08-15: no snapshot for that date .*used 2025-08-01/u);
    expect(out.areasKm2['occupied']).toBeGreaterThan(70_000);
  });

  it('a date before the first snapshot fails with exit 1 and says which is the first', async () => {
    const r = await run(
      'area',
      '--source',
      'archive',
      '--data',
      `${ref}/deepstate-archive`,
      '--date',
      '2024-01-01',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no snapshot on or before 2024-01-01 (the first is 2024-07-08)');
    expect(r.stdout).toBe('');
  });

  it('check --format json lists every registry claim with its computed figure', async () => {
    const r = await run(
      'check',
      '--source',
      'archive',
      '--data',
      `${ref}/deepstate-archive`,
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      checks: { id: string; period: string; computedKm2: number | null; verdict: string }[];
    };
    const registry = JSON.parse(
      readFileSync(new URL('../../geodata/reported-figures.json', import.meta.url), 'utf8'),
    ) as {
      claims: { id: string }[];
    };
    expect(out.checks.map((c) => c.id)).toEqual(registry.claims.map((c) => c.id));
    for (const c of out.checks) {
      // DeepState's March and May 2024 figures (issue #13) predate the archive, which starts on 2024-07-08.
      if (c.period < '2024-07-08') {
        expect(c.computedKm2).toBeNull();
        expect(c.verdict).toMatch(/^not computable: archive: no snapshot on or before 2024-0[2-4]-\d\d/u);
        continue;
      }
      expect(typeof c.computedKm2).toBe('number');
      expect(c.verdict).not.toMatch(/not computable/u);
    }
    expect(out.checks.filter((c) => c.computedKm2 === null).map((c) => c.id)).toEqual([
      'deepstate-2024-03-net',
      'deepstate-2024-05-net',
    ]);
    expect(out.checks.find((c) => c.id === 'press-2025-11-alaska-908')?.computedKm2).toBeCloseTo(1088.6, 1);
  });
});
