import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { permalinkWriter } from '../../src/ui/permalinkWriter.ts';

describe('permalinkWriter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes timeline-date changes at most every interval, the last one always landing', () => {
    const written: string[] = [];
    const write = permalinkWriter((u) => written.push(u), 500);
    write('?source=archive&t=2025-01-01');
    write('?source=archive&t=2025-01-02');
    write('?source=archive&t=2025-01-03');
    expect(written).toEqual(['?source=archive&t=2025-01-01']);
    vi.advanceTimersByTime(499);
    expect(written).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(written).toEqual(['?source=archive&t=2025-01-01', '?source=archive&t=2025-01-03']);
    // 20 dates a second for 10 s: 20 writes, not 200.
    for (let i = 0; i < 200; i++) {
      write(`?source=archive&t=2025-02-${String(i).padStart(3, '0')}`);
      vi.advanceTimersByTime(50);
    }
    vi.advanceTimersByTime(1000);
    expect(written.length).toBeLessThanOrEqual(2 + 21);
    expect(written.at(-1)).toBe('?source=archive&t=2025-02-199');
  });

  it('writes any other change at once, with the latest date', () => {
    const written: string[] = [];
    const write = permalinkWriter((u) => written.push(u), 500);
    write('?source=archive&t=2025-01-01');
    write('?source=archive&t=2025-01-02');
    write('?source=archive&t=2025-01-02&cmp=swipe');
    expect(written).toEqual(['?source=archive&t=2025-01-01', '?source=archive&t=2025-01-02&cmp=swipe']);
    vi.advanceTimersByTime(1000);
    expect(written).toHaveLength(2);
  });

  it('drops a pending write when the state goes back to what the address bar shows', () => {
    const written: string[] = [];
    const write = permalinkWriter((u) => written.push(u), 500);
    write('?t=2025-01-01');
    write('?t=2025-01-02');
    write('?t=2025-01-01');
    vi.advanceTimersByTime(1000);
    expect(written).toEqual(['?t=2025-01-01']);
  });
});
