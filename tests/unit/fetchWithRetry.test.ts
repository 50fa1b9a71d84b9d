/** Retries with exponential backoff, against a fake fetch and a fake sleep: no network, no real waiting. */
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../src/sources/fetchJson.ts';
import { fetchWithRetry } from '../../src/sources/fetchWithRetry.ts';
import { realSleep, type Sleep } from '../../src/sources/retryPolicy.ts';

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

  it('retries 5xx with delays doubling from 500 ms', async () => {
    const sleep = fakeSleep();
    const fetchFn = fakeFetch(503, 502, 500, 200);
    const got = await fetchWithRetry(fetchFn, URL_, { sleep });
    expect([got.status, got.attempts, fetchFn.calls]).toEqual(['ok', 4, 4]);
    expect(sleep.delays).toEqual([500, 1000, 2000]);
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
    expect(sleep.delays).toEqual([500, 1000, 2000, 4000]);
  });

  it('caps the delay', async () => {
    const sleep = fakeSleep();
    await expect(
      fetchWithRetry(fakeFetch(500), URL_, { sleep, retries: 8, baseDelayMs: 1000, maxDelayMs: 10_000 }),
    ).rejects.toThrow(/after 9 attempts/u);
    expect(sleep.delays).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000]);
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
    expect(sleep.delays).toEqual([500, 7000]);
    expect(retries).toEqual(['unreachable (fetch failed)', 'HTTP 429']);
  });

  it('retries a request that times out', async () => {
    const sleep = fakeSleep();
    const fetchFn = fakeFetch('hang', 200);
    const got = await fetchWithRetry(fetchFn, URL_, { sleep, timeoutMs: 20 });
    expect([got.status, got.attempts, sleep.delays]).toEqual(['ok', 2, [500]]);
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
