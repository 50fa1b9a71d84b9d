/**
 * Published settlement counts in the registry (issue #12): claims of their own kind, parsed apart from the km²
 * claims, judged against the gazetteer's places that changed sides, with the 500+ caveat said plainly.
 */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  judgeCount,
  parseClaims,
  parseSettlementClaims,
  SETTLEMENT_COUNT_CAVEAT,
  type SettlementChange,
  type SettlementClaim,
} from '../../src/core/index.ts';
import { referenceDir } from '../support/referenceData.ts';
import { runCli } from '../support/runCli.ts';

const registry = JSON.parse(
  readFileSync(new URL('../../geodata/reported-figures.json', import.meta.url), 'utf8'),
) as unknown;

describe('the registry of settlement claims', () => {
  it('holds the four published counts, parsed without issues, none among the km² claims', () => {
    const { claims, issues } = parseSettlementClaims(registry);
    expect(issues).toEqual([]);
    expect(claims.map((c) => [c.id, c.direction, c.valueCount, c.bound ?? null])).toEqual([
      ['ru-mod-2025-09-25-205', 'taken', 205, null],
      ['ru-mod-2025-11-30-275', 'taken', 275, 'at_least'],
      ['ru-cgs-2025-334', 'taken', 334, null],
      ['ua-2022-09-kharkiv-388', 'retaken', 388, null],
    ]);
    for (const c of claims) expect(c.basis.length).toBeGreaterThan(10);
    const km2 = parseClaims(registry);
    expect(km2.issues).toEqual([]);
    expect(km2.claims.some((c) => (c.metric as string) === 'settlements_count')).toBe(false);
  });

  it('says what is wrong with a malformed entry and leaves it out', () => {
    const good = parseSettlementClaims(registry).claims[0]!;
    const { claims, issues } = parseSettlementClaims({
      settlementClaims: [
        { ...good, valueCount: 2.5 },
        { ...good, direction: 'captured' },
        { ...good, period: { from: '2025-13-01', to: '2025-02-01' } },
        good,
      ],
    });
    expect(claims).toHaveLength(1);
    expect(issues).toEqual([
      'reported figures: settlement claim 0 ("ru-mod-2025-09-25-205"): valueCount is not a whole number',
      'reported figures: settlement claim 1 ("ru-mod-2025-09-25-205"): direction is neither taken nor retaken',
      'reported figures: settlement claim 2 ("ru-mod-2025-09-25-205"): period needs ISO dates',
    ]);
    expect(parseSettlementClaims({ claims: [] })).toEqual({ claims: [], issues: [] });
  });

  it('judges a count on the km² claims scale, a floor as a floor (at least: equal is consistent)', () => {
    const claim = parseSettlementClaims(registry).claims[0]!;
    expect(judgeCount(claim, 205).verdict).toBe('within 2%');
    expect(judgeCount(claim, 190)).toMatchObject({ deviationCount: -15, verdict: '2–10% apart' });
    expect(judgeCount(claim, 4).verdict).toBe('off by more than 10%');
    const floor: SettlementClaim = { ...claim, bound: 'at_least', valueCount: 275 };
    expect(judgeCount(floor, 275).verdict).toBe('consistent with the floor');
    expect(judgeCount(floor, 274).verdict).toBe('below the floor');
  });
});

const ref = referenceDir();
describe.skipIf(!ref)('frontline check on the reference archive', () => {
  const cli = (...argv: string[]) =>
    runCli((url) => Promise.reject(new Error(`tests make no network request (${url})`)), ...argv);
  const archive = ['--source', 'archive', '--data', `${ref}/deepstate-archive`];

  it('shows computed vs claimed counts, equal to change over the same dates, and the 500+ caveat', async () => {
    const r = await cli('check', ...archive, '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      settlementChecks: { id: string; computedCount: number | null; verdict: string }[];
      settlementCaveat: string;
    };
    expect(out.settlementCaveat).toBe(SETTLEMENT_COUNT_CAVEAT);
    expect(out.settlementCaveat).toMatch(/500 or more inhabitants/u);
    const mod205 = out.settlementChecks.find((c) => c.id === 'ru-mod-2025-09-25-205')!;
    const change = await cli('change', ...archive, '--from', '2024-12-31', '--to', '2025-09-25');
    const list = (JSON.parse(change.stdout) as { settlements: SettlementChange[] }).settlements;
    expect(mod205.computedCount).toBe(list.filter((s) => s.to === 'occupied').length);
    expect(mod205.computedCount).toBeGreaterThan(0);
    // The archive starts in July 2024: the Kharkiv claim of 2022 cannot be checked on it, and says why.
    const kharkiv = out.settlementChecks.find((c) => c.id === 'ua-2022-09-kharkiv-388')!;
    expect(kharkiv.computedCount).toBeNull();
    expect(kharkiv.verdict).toMatch(/^not computable: .*2024-07-08/u);
  });

  it('--format csv: a settlements_count row per claim, its counts in columns of their own, the caveat on top', async () => {
    const json = JSON.parse((await cli('check', ...archive, '--format', 'json')).stdout) as {
      settlementChecks: { id: string; computedCount: number | null }[];
    };
    const r = await cli('check', ...archive, '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toContain(`settlement counts: ${SETTLEMENT_COUNT_CAVEAT}`);
    const rows = parseCsv(r.stdout, { comment: '#', columns: true }) as Record<string, string>[];
    const counts = rows.filter((x) => x['metric'] === 'settlements_count');
    expect(counts.map((x) => [x['id'], x['computedCount'], x['reportedKm2']])).toEqual(
      json.settlementChecks.map((c) => [c.id, c.computedCount === null ? '' : String(c.computedCount), '']),
    );
    // The km² rows keep their figures, with the count columns empty.
    const km2 = rows.find((x) => x['id'] === 'press-2025-11-alaska-908')!;
    expect(Number(km2['computedKm2'])).toBeCloseTo(1088.59, 2);
    expect(km2['computedCount']).toBe('');
  });

  it('the table says plainly that small villages are not counted', async () => {
    const r = await cli('check', ...archive);
    expect(r.stdout).toContain('settlement claim');
    expect(r.stdout).toContain(`Note: ${SETTLEMENT_COUNT_CAVEAT}`);
  });
});
