import { describe, expect, it } from 'vitest';
import { loadOnce } from '../../src/ui/map/loadOnce.ts';

describe('loadOnce', () => {
  it('shares one load between callers, before and after it settles', async () => {
    let calls = 0;
    const load = loadOnce(async () => ++calls);
    const [a, b] = await Promise.all([load(), load()]);
    expect([a, b, await load(), calls]).toEqual([1, 1, 1, 1]);
  });

  it('forgets a failure, so the next caller tries again', async () => {
    let calls = 0;
    const load = loadOnce(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return 'data';
    });
    await expect(load()).rejects.toThrow('offline');
    expect(await load()).toBe('data');
    expect(await load()).toBe('data');
    expect(calls).toBe(2);
  });
});
