/**
 * The browser's settlement-count claims (issue #12, src/ui/settlementClaims.ts): which claims a comparison answers
 * and the count it computes, as `frontline check` does.
 */
import { describe, expect, it } from 'vitest';
import type { SettlementChange } from '../../src/core/index.ts';
import { SETTLEMENT_CLAIMS, settlementClaimRows } from '../../src/ui/settlementClaims.ts';

const place = (id: number, from: SettlementChange['from'], to: SettlementChange['to']): SettlementChange => ({
  id,
  name: `Place ${id}`,
  nameUk: null,
  oblast: 'UA-14',
  population: 1000,
  lon: 37,
  lat: 48,
  from,
  to,
});

describe('settlementClaimRows', () => {
  const mod205 = SETTLEMENT_CLAIMS.find((c) => c.id === 'ru-mod-2025-09-25-205')!;
  const kharkiv = SETTLEMENT_CLAIMS.find((c) => c.id === 'ua-2022-09-kharkiv-388')!;

  it('reads the four published counts of the registry', () => {
    expect(SETTLEMENT_CLAIMS.map((c) => [c.valueCount, c.direction])).toEqual([
      [205, 'taken'],
      [275, 'taken'],
      [334, 'taken'],
      [388, 'retaken'],
    ]);
  });

  it('counts places taken for a claim of gains and places retaken for a claim of liberation', () => {
    // Taken: into occupied territory (from ukraine or grey); retaken: out of it; grey ↔ ukraine counts for neither.
    const settlements = [
      place(1, 'ukraine', 'occupied'),
      place(2, 'grey', 'occupied'),
      place(3, 'occupied', 'ukraine'),
      place(4, 'ukraine', 'grey'),
    ];
    const frozen = Object.freeze(settlements.map((s) => Object.freeze({ ...s })));
    const [taken] = settlementClaimRows({
      from: mod205.period.from,
      to: mod205.period.to,
      fromSnapshot: mod205.period.from,
      toSnapshot: mod205.period.to,
      settlements: frozen,
    });
    expect(taken!.claim.id).toBe(mod205.id);
    expect(taken!.check?.computedCount).toBe(2);
    expect(taken!.check?.deviationCount).toBe(2 - 205);
    expect(taken!.check?.verdict).toBe('off by more than 10%');
    const [retaken] = settlementClaimRows({
      from: kharkiv.period.from,
      to: kharkiv.period.to,
      fromSnapshot: '2022-09-05',
      toSnapshot: '2022-09-15',
      settlements: frozen,
    });
    expect(retaken!.check?.computedCount).toBe(1);
  });

  it('answers only a period that is exactly the claim’s, and says why a count cannot be made', () => {
    const base = { fromSnapshot: '2024-12-31', toSnapshot: '2025-09-25', settlements: [] };
    expect(settlementClaimRows({ ...base, from: '2025-01-01', to: '2025-09-25' })).toEqual([]);
    const period = { from: mod205.period.from, to: mod205.period.to };
    expect(
      settlementClaimRows({ ...base, ...period, fromSnapshot: '2024-12-01', toSnapshot: '2024-12-01' }),
    ).toMatchObject([{ check: null, why: 'sameSnapshot' }]);
    expect(settlementClaimRows({ ...base, ...period, settlements: undefined })).toMatchObject([
      { check: null, why: 'noGazetteer' },
    ]);
  });
});
