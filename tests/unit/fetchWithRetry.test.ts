/** Retries with jittered exponential backoff, against a fake fetch and a fake sleep: no network, no real waiting. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectJitteredBackoff } from '../support/backoff.ts';
import type { FetchLike } from '../../src/sources/fetchJson.ts';
import { fetchWithRetry } from '../../src/sources/fetchWithRetry.ts';
import { backoffMs, realSleep, type Sleep } from '../../src/sources/retryPolicy.ts';

type Answer = number | Error | { status: number; headers?: Record<string, string> } | 'hang';

/** A fetch that gives the answers in order (the last one repeats) and counts the calls. */
function fakeFetch(...answers: Answer[]): FetchLike & { calls: number } {
  const f = (async (_url: string, init?: RequestInit) => {
    const a = answers[Math.min(f.calls, answers.length - 1)]!;
    f.calls++;
    if (a instanceof Error) throw a;
    if (a === 'hang') {
      return new Promise<Response>((_ok, fail) => {
        init?.signal?.addEventListener('abort', () => fail(new DOMException('aborted', 'AbortError')));
      });
    }
    const { status, headers = {} } = typeof a === 'number' ? { status: a } : a;
    return new Response(status === 200 ? '{"ok":true}' : `status ${status}`, { status, headers });
  }) as FetchLike & { calls: number };
  f.calls = 0;
  return f;
}

/** A sleep that returns at once and records what it was asked to wait. */
function fakeSleep(): Sleep & { delays: number[] } {
  const s = (async (ms: number) => {
    s.delays.push(ms);
  }) as Sleep & { delays: number[] };
  s.delays = [];
  return s;
}

const URL_ = 'http://127.0.0.1:9/history/1/geojson';

describe('fetchWithRetry', () => {
  it('returns the body at once when the first answer is good', async () => {
    const sleep = fakeSleep();
    const got = await fetchWithRetry(fakeFetch(200), URL_, { sleep });
    expect(got.status).toBe('ok');
    expect(got.status === 'ok' && new TextDecoder().decode(got.body)).toBe('{"ok":true}');
    expect([got.attempts, sleep.delays]).toEqual([1, []]);
  });

  it('retries 5xx with delays doubling from 500 ms (each jittered within its upper half)', async () => {
    const sleep = fakeSleep();
    const fetchFn = fakeFetch(503, 502, 500, 200);
    const got = await fetchWithRetry(fetchFn, URL_, { sleep });
    expect([got.status, got.attempts, fetchFn.calls]).toEqual(['ok', 4, 4]);
    expectJitteredBackoff(sleep.delays, [500, 1000, 2000]);
  });

  it('gives up after the last retry with the reason and the attempt count', async () => {
    const sleep = fakeSleep();
    const fetchFn = fakeFetch(503);
    await expect(fetchWithRetry(fetchFn, URL_, { sleep, retries: 4 })).rejects.toMatchObject({
      name: 'SourceError',
      status: 503,
      message: `${URL_}: HTTP 503, after 5 attempts`,
    });
    expect(fetchFn.calls).toBe(5);
    expectJitteredBackoff(sleep.delays, [500, 1000, 2000, 4000]);
  });

  it('caps the delay', async () => {
    const sleep = fakeSleep();
    await expect(
      fetchWithRetry(fakeFetch(500), URL_, { sleep, retries: 8, baseDelayMs: 1000, maxDelayMs: 10_000 }),
    ).rejects.toThrow(/after 9 attempts/u);
    expectJitteredBackoff(sleep.delays, [1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('reports a 404 as not published, without retrying', async () => {
    const sleep = fakeSleep();
    const fetchFn = fakeFetch(404);
    expect(await fetchWithRetry(fetchFn, URL_, { sleep })).toEqual({ status: 'missing', attempts: 1 });
    expect([fetchFn.calls, sleep.delays]).toEqual([1, []]);
  });

  it('does not retry a refusal (403) that a retry will not change', async () => {
    const sleep = fakeSleep();
    const fetchFn = fakeFetch(403);
    await expect(fetchWithRetry(fetchFn, URL_, { sleep })).rejects.toMatchObject({
      status: 403,
      message: `${URL_}: HTTP 403, not retried`,
    });
    expect([fetchFn.calls, sleep.delays]).toEqual([1, []]);
  });

  it('retries network errors and 429, waiting as long as Retry-After asks', async () => {
    const sleep = fakeSleep();
    const retries: string[] = [];
    const fetchFn = fakeFetch(
      new TypeError('fetch failed'),
      { status: 429, headers: { 'retry-after': '7' } },
      200,
    );
    const got = await fetchWithRetry(fetchFn, URL_, { sleep, onRetry: (r) => retries.push(r.reason) });
    expect(got.status).toBe('ok');
    expectJitteredBackoff(sleep.delays.slice(0, 1), [500]);
    expect(sleep.delays[1]).toBe(7000);
    expect(retries).toEqual(['unreachable (fetch failed)', 'HTTP 429']);
  });

  it('retries a request that times out', async () => {
    const sleep = fakeSleep();
    const fetchFn = fakeFetch('hang', 200);
    const got = await fetchWithRetry(fetchFn, URL_, { sleep, timeoutMs: 20 });
    expect([got.status, got.attempts]).toEqual(['ok', 2]);
    expectJitteredBackoff(sleep.delays, [500]);
  });

  it('stops when cancelled, during a fetch or during a wait', async () => {
    const controller = new AbortController();
    const hanging = fetchWithRetry(fakeFetch('hang'), URL_, {
      signal: controller.signal,
      sleep: fakeSleep(),
    });
    controller.abort();
    await expect(hanging).rejects.toThrow(`${URL_}: cancelled`);

    const waiting = new AbortController();
    const sleep: Sleep = (ms, signal) => {
      waiting.abort();
      return realSleep(ms, signal);
    };
    await expect(fetchWithRetry(fakeFetch(503), URL_, { signal: waiting.signal, sleep })).rejects.toThrow(
      `${URL_}: cancelled`,
    );
  });

  it('realSleep waits, and an abort cuts it short', async () => {
    const t0 = Date.now();
    await realSleep(20);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(15);
    const c = new AbortController();
    const p = realSleep(60_000, c.signal);
    c.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
});

describe('backoff with equal jitter', () => {
  it('the injected random source decides the draw: 0 waits half the ceiling, near 1 the whole', async () => {
    const low = fakeSleep();
    await expect(
      fetchWithRetry(fakeFetch(503), URL_, { sleep: low, retries: 3, random: () => 0 }),
    ).rejects.toThrow();
    expect(low.delays).toEqual([250, 500, 1000]);
    const high = fakeSleep();
    await fetchWithRetry(fakeFetch(503, 503, 200), URL_, { sleep: high, random: () => 0.999 });
    expect(high.delays).toEqual([499.75, 999.5]);
  });

  it('workers that fail together do not retry together', async () => {
    /** A seeded generator (mulberry32), one per worker as Math.random would differ. */
    const seeded = (seed: number) => () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    const waits = await Promise.all(
      [1, 2, 3, 4].map(async (seed) => {
        const sleep = fakeSleep();
        await fetchWithRetry(fakeFetch(503, 503, 503, 200), URL_, { sleep, random: seeded(seed) });
        return sleep.delays;
      }),
    );
    for (const delays of waits) expectJitteredBackoff(delays, [500, 1000, 2000]);
    // Every worker's schedule differs from every other's (no lockstep).
    expect(new Set(waits.map((d) => d.join())).size).toBe(4);
  });

  it('stays within [ceiling/2, ceiling], never under what the server asked, never over the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, askedMs, baseDelayMs, maxDelayMs, r) => {
          const d = backoffMs(attempt, askedMs, { baseDelayMs, maxDelayMs, random: () => r });
          const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
          expect(d).toBeLessThanOrEqual(maxDelayMs);
          expect(d).toBeGreaterThanOrEqual(Math.min(maxDelayMs, Math.max(askedMs, ceiling / 2)));
          if (askedMs <= ceiling / 2) expect(d).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });
});
