/**
 * The ratchet for moderate and minor axe-core findings (issue #18): per view, rule id → number of elements. A count
 * may fall but never rise, and a rule may not appear where the baseline (tests/e2e/a11y-baseline.json) has none.
 * Serious and critical findings are not counted here: any one of them fails the test outright.
 */

/** Rule id → number of elements axe found breaking it, in one view. */
export type RuleCounts = Readonly<Record<string, number>>;

/** View name → its counts, as stored in tests/e2e/a11y-baseline.json. */
export type A11yBaseline = Readonly<Record<string, RuleCounts>>;

/**
 * What rose above the baseline (a failure) and what fell below it (the baseline may be lowered), as readable lines.
 * @example againstBaseline({ region: 3 }, { region: 2 }) // { rises: ['region: 3 (baseline 2)'], falls: [] }
 */
export function againstBaseline(
  counts: RuleCounts,
  allowed: RuleCounts = {},
): { rises: string[]; falls: string[] } {
  const rules = [...new Set([...Object.keys(counts), ...Object.keys(allowed)])].sort();
  const rises: string[] = [];
  const falls: string[] = [];
  for (const rule of rules) {
    const now = counts[rule] ?? 0;
    const before = allowed[rule] ?? 0;
    if (now > before)
      rises.push(before === 0 ? `${rule}: ${now} (new rule)` : `${rule}: ${now} (baseline ${before})`);
    else if (now < before) falls.push(`${rule}: ${now} (baseline ${before})`);
  }
  return { rises, falls };
}

/**
 * Reads a baseline file's text, refusing anything but view → rule → whole number ≥ 0 (a hand edit gone wrong must
 * not silently allow everything).
 * @example parseBaseline('{"default": {"region": 2}}')
 */
export function parseBaseline(text: string): A11yBaseline {
  const data: unknown = JSON.parse(text);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error('a11y baseline: expected an object of views');
  }
  for (const [view, counts] of Object.entries(data)) {
    if (typeof counts !== 'object' || counts === null || Array.isArray(counts)) {
      throw new Error(`a11y baseline: view "${view}": expected an object of rule counts`);
    }
    for (const [rule, n] of Object.entries(counts as Record<string, unknown>)) {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
        throw new Error(
          `a11y baseline: view "${view}", rule "${rule}": expected a whole number ≥ 0, got ${String(n)}`,
        );
      }
    }
  }
  return data as A11yBaseline;
}
