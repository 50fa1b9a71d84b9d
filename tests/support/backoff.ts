/**
 * Retry delays under equal jitter (withRetry, src/sources/retryPolicy.ts): retry n waits within [c/2, c] of its ceiling
 * c = base · 2^(n−1) (capped). The count must match too, so a retry lost or added still fails the test.
 */
import { expect } from 'vitest';

export function expectJitteredBackoff(delays: number[], ceilings: number[]): void {
  expect(delays).toHaveLength(ceilings.length);
  delays.forEach((d, i) => {
    expect(d, `retry ${i + 1}`).toBeGreaterThanOrEqual(ceilings[i]! / 2);
    expect(d, `retry ${i + 1}`).toBeLessThanOrEqual(ceilings[i]!);
  });
}
