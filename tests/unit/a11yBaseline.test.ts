import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { againstBaseline, parseBaseline } from '../support/a11yBaseline.ts';

describe('the accessibility baseline ratchet (issue #18)', () => {
  it('passes equal counts, and lists falls without failing', () => {
    expect(againstBaseline({ region: 2 }, { region: 2 })).toEqual({ rises: [], falls: [] });
    expect(againstBaseline({ region: 1 }, { region: 2, 'heading-order': 1 })).toEqual({
      rises: [],
      falls: ['heading-order: 0 (baseline 1)', 'region: 1 (baseline 2)'],
    });
  });

  it('fails a rise and a rule the baseline does not have', () => {
    expect(againstBaseline({ region: 3, 'landmark-unique': 1 }, { region: 2 }).rises).toEqual([
      'landmark-unique: 1 (new rule)',
      'region: 3 (baseline 2)',
    ]);
    expect(againstBaseline({ region: 1 }).rises).toEqual(['region: 1 (new rule)']);
  });

  it('refuses a baseline that is not view → rule → whole number', () => {
    expect(parseBaseline('{"default": {"region": 2}}')).toEqual({ default: { region: 2 } });
    expect(() => parseBaseline('[]')).toThrow(/object of views/u);
    expect(() => parseBaseline('{"default": [1]}')).toThrow(/view "default"/u);
    expect(() => parseBaseline('{"default": {"region": -1}}')).toThrow(/rule "region".*got -1/u);
    expect(() => parseBaseline('{"default": {"region": "2"}}')).toThrow(/got 2/u);
    expect(() => parseBaseline('{"default": {"region": 1.5}}')).toThrow(/got 1.5/u);
  });

  it('the committed baseline is well formed', () => {
    const baseline = parseBaseline(readFileSync('tests/e2e/a11y-baseline.json', 'utf8'));
    expect(Object.keys(baseline).length).toBeGreaterThanOrEqual(11);
  });
});
