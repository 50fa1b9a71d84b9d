/**
 * Sources that fail (issue #6), against a local misbehaving server (tests/support/misbehavingServer.ts): no answer,
 * 5xx, 429 with Retry-After, a stalled body, an HTML error page with 200, a body that changes between fetches or
 * while sent, a connection reset mid-body, a size far over the cap. For each: the adapter says what happened, the
 * CLI exits non-zero with a readable summary, and neither the snapshot cache nor a sync mirror is left holding a
 * partial or temporary file. No real waiting: timeouts are 0.5 s and retry sleeps are injected.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectJitteredBackoff } from '../support/backoff.ts';
import { runCli } from '../support/runCli.ts';
import { syncMirror } from '../../src/sources/node/syncMirror.ts';
import { archiveFileName, archiveVersion, parseArchiveDay } from '../../src/core/index.ts';
import { createArchiveSource } from '../../src/sources/archive.ts';
import { cachingFetch, DEFAULT_CACHE_DIR, type CacheMeta } from '../../src/sources/node/cache.ts';
import { createDeepStateApi } from '../../src/sources/deepstateApi.ts';
import { fetchJson, SourceError, type FetchLike } from '../../src/sources/fetchJson.ts';
import { fetchWithRetry } from '../../src/sources/fetchWithRetry.ts';
import type { Sleep } from '../../src/sources/retryPolicy.ts';
import { TEMP_SUFFIX } from '../../src/sources/node/writeFileAtomic.ts';
import {
  answer,
  chunked,
  htmlPage,
  hugeDeclared,
  misbehavingServer,
  reset,
  sequence,
  silent,
  stall,
  status,
  switchMidBody,
  type Behaviour,
} from '../support/misbehavingServer.ts';

const DATE = '2025-08-15';
const PATH = `/${archiveFileName(DATE)}`;
/**
 * The time limit where the failure is a timeout (no answer, a stalled body): short, so the tests do not wait. The
 * other modes get a generous one, so a loaded machine cannot turn them into timeouts.
 */
const TIMEOUT_S = 0.5;
const GENEROUS_S = 20;

/** One archive day: a square near Pokrovsk (A), and the same day as republished with another square (B). */
const dayOf = (x: number): string =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [x, 48],
                [x + 0.1, 48],
                [x + 0.1, 48.1],
                [x, 48.1],
                [x, 48],
              ],
            ],
          ],
        },
      },
    ],
  });
const A = dayOf(37);
const B = dayOf(37.5);
const HALF = Math.floor(A.length / 2);

/** Only the local servers these tests start: anything else is a bug in the test. */
const localFetch: FetchLike = (url, init) =>
  url.startsWith('http://127.0.0.1:')
    ? fetch(url, init)
    : Promise.reject(new Error(`tests make no network request (${url})`));

/** What the archive adapter makes of a whole body. */
const snapshotOf = (text: string): unknown => {
  const parsed = parseArchiveDay(JSON.parse(text), archiveVersion(DATE));
  return parsed.ok ? parsed.value : parsed.issues;
};

const sha = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');

/** Every file under `dir` (relative paths), [] when it does not exist. */
const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? (readdirSync(dir, { recursive: true }) as string[])
        .filter((n) => statSync(join(dir, n)).isFile())
        .sort()
    : [];

/** geodata/cache/ as it was: these tests must leave it exactly so (they use temporary cache folders). */
function cacheState(): string {
  return filesUnder(DEFAULT_CACHE_DIR)
    .map((n) => `${n} ${statSync(join(DEFAULT_CACHE_DIR, n)).mtimeMs}`)
    .join('\n');
}

const servers: { close: () => Promise<void> }[] = [];
async function serve(routes: Record<string, Behaviour>) {
  const s = await misbehavingServer(routes);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const tmpRoot = mkdtempSync(join(tmpdir(), 'frontline-failing-'));
let tmpCount = 0;
const freshDir = (): string => join(tmpRoot, String(tmpCount++));
let cacheBefore = '';
beforeAll(async () => {
  cacheBefore = cacheState();
  // The first fetch of a process loads undici (a few hundred ms): not something a timeout test should measure.
  const warm = await misbehavingServer({ '/': answer('[]') });
  await (await localFetch(`${warm.baseUrl}/`)).text();
  await warm.close();
});
afterAll(() => {
  rmSync(tmpRoot, { recursive: true, force: true });
  expect(cacheState(), 'geodata/cache/ was touched').toBe(cacheBefore);
});

async function sourceError(p: Promise<unknown>): Promise<SourceError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

/** The archive adapter over the server, through a snapshot cache in a fresh temporary folder. */
function cachedArchive(baseUrl: string, timeoutS = GENEROUS_S) {
  const root = freshDir();
  const notes: string[] = [];
  const source = createArchiveSource({
    baseUrl,
    fetch: cachingFetch(localFetch, { source: 'archive', baseUrl, root, onError: (m) => notes.push(m) }),
    timeoutMs: timeoutS * 1000,
  });
  return { source, root, notes, file: join(root, 'archive', archiveFileName(DATE)) };
}

/** A fake sleep that records the delays asked for. */
function fakeSleep(): Sleep & { delays: number[] } {
  const delays: number[] = [];
  const sleep = (async (ms: number) => void delays.push(ms)) as Sleep & { delays: number[] };
  sleep.delays = delays;
  return sleep;
}

/**
 * The failure modes, each with what the adapter (and `area`) must say about it, and what `sync` says: it fetches
 * with retries (src/sources/fetchWithRetry.ts) and counts what came as failed (exit 1) or invalid (exit 3).
 */
const MODES: {
  mode: string;
  behaviour: () => Behaviour;
  says: RegExp;
  sync: [number, RegExp];
  timeoutS?: number;
}[] = [
  {
    mode: 'no answer (timeout)',
    timeoutS: TIMEOUT_S,
    behaviour: silent,
    says: /: no answer within 0\.5 s$/u,
    sync: [1, /: no answer within 0\.5 s, after 1 attempts/u],
  },
  {
    mode: 'HTTP 503',
    behaviour: () => status(503),
    says: /: HTTP 503$/u,
    sync: [1, /: HTTP 503, after 1 attempts/u],
  },
  {
    mode: '429 with Retry-After',
    behaviour: () => status(429, { 'retry-after': '120' }),
    says: /: HTTP 429 \(too many requests\), the server asks to wait 120 s$/u,
    sync: [1, /: HTTP 429, after 1 attempts/u],
  },
  {
    mode: 'a stalled body',
    timeoutS: TIMEOUT_S,
    behaviour: () => stall(A, HALF),
    says: /: the answer stalled: it began but was not complete within 0\.5 s$/u,
    sync: [1, /: the answer stalled: it began but was not complete within 0\.5 s, after 1 attempts/u],
  },
  {
    mode: 'an HTML error page with 200',
    behaviour: () => htmlPage('Just a moment...'),
    says: /: the answer is not JSON \(an HTML page titled "Just a moment\.\.\.", perhaps an error page\)$/u,
    sync: [
      3,
      /: the answer is not JSON \(an HTML page titled "Just a moment\.\.\.", perhaps an error page\)/u,
    ],
  },
  {
    mode: 'a connection reset mid-body',
    behaviour: () => reset(A, HALF),
    says: /: the answer broke off \(.+\)$/u,
    sync: [1, /: the answer broke off \(.+\), after 1 attempts/u],
  },
  {
    mode: 'a body that changes while sent',
    behaviour: () => switchMidBody(A, '<'.repeat(A.length), HALF),
    // Where the switch falls decides the exact words ("found "<" at …", or "ends … inside a string").
    says: /: the answer is not valid JSON: /u,
    sync: [3, /: the answer is not valid JSON: /u],
  },
  {
    mode: 'a size far over the cap',
    behaviour: () => hugeDeclared(200_000_000),
    says: /: the answer is 200 MB, over the 100 MB cap for one file; not read$/u,
    sync: [1, /: the answer is 200 MB, over the 100 MB cap for one file; not read/u],
  },
];

describe('the archive adapter (through the snapshot cache) says what happened, and caches nothing', () => {
  it.each(MODES)('$mode', async ({ behaviour, says, timeoutS }) => {
    const server = await serve({ [PATH]: behaviour() });
    const { source, root } = cachedArchive(server.baseUrl, timeoutS);
    const err = await sourceError(source.loadVersion(archiveVersion(DATE)));
    expect(err.message).toMatch(says);
    expect(err.message.startsWith(`${server.baseUrl}${PATH}: `)).toBe(true);
    expect(filesUnder(root)).toEqual([]);
  });

  it('the DeepState adapter says the same for its version list', async () => {
    const server = await serve({ '/history/public': htmlPage('Attention Required! | Cloudflare') });
    const api = createDeepStateApi({ baseUrl: server.baseUrl, fetch: localFetch, timeoutMs: 300 });
    const err = await sourceError(api.listVersions());
    expect(err.message).toBe(
      `${server.baseUrl}/history/public: the answer is not JSON (an HTML page titled "Attention Required! | Cloudflare", perhaps an error page)`,
    );
  });

  it('a server that is not there is "unreachable", with the reason', async () => {
    const server = await serve({});
    const base = server.baseUrl;
    await server.close();
    const err = await sourceError(fetchJson(localFetch, `${base}${PATH}`, { timeoutMs: 2000 }));
    expect(err.message).toMatch(/: unreachable \(fetch failed: .*ECONNREFUSED/u);
  });

  it('a chunked body is cut off at the cap while it streams, not after', async () => {
    const server = await serve({ [PATH]: chunked(64, 1024) });
    const err = await sourceError(fetchJson(localFetch, `${server.baseUrl}${PATH}`, { maxBytes: 10_000 }));
    expect(err.message).toMatch(
      /: the answer is more than 10,000 bytes, over the 10,000 bytes cap for one file; not read$/u,
    );
  });
});

describe('every other read (area, change, the browser) retries what is worth retrying, through fetchJson', () => {
  const url = (server: { baseUrl: string }) => `${server.baseUrl}${PATH}`;
  /** fetchJson with retries, the sleep and the retries said recorded. */
  const retrying = (retries: number, timeoutS = GENEROUS_S) => {
    const sleep = fakeSleep();
    const said: string[] = [];
    const options = {
      timeoutMs: timeoutS * 1000,
      retry: { retries, sleep, onRetry: (r: { attempt: number; reason: string }) => said.push(r.reason) },
    };
    return { sleep, said, options };
  };

  it('5xx then success: the value, after delays of up to 0.5 s and 1 s (jittered), each retry said', async () => {
    const server = await serve({ [PATH]: sequence(status(503), status(502), answer(A)) });
    const { sleep, said, options } = retrying(2);
    expect(await fetchJson(localFetch, url(server), options)).toEqual(JSON.parse(A));
    expectJitteredBackoff(sleep.delays, [500, 1000]);
    expect(said).toEqual(['HTTP 503', 'HTTP 502']);
    expect(server.requests).toHaveLength(3);
  });

  it('429 waits what Retry-After asks; a stalled body and a reset are retried too', async () => {
    const server = await serve({
      [PATH]: sequence(status(429, { 'retry-after': '3' }), stall(A, HALF), reset(A, HALF), answer(A)),
    });
    const { sleep, said, options } = retrying(3, TIMEOUT_S);
    expect(await fetchJson(localFetch, url(server), options)).toEqual(JSON.parse(A));
    expect(sleep.delays[0]).toBe(3000);
    expectJitteredBackoff(sleep.delays.slice(1), [1000, 2000]);
    expect(said[0]).toBe('HTTP 429 (too many requests), the server asks to wait 3 s');
    expect(said[1]).toBe('the answer stalled: it began but was not complete within 0.5 s');
    expect(said[2]).toMatch(/^the answer broke off \(.+\)$/u);
  });

  it('when every attempt fails, the last reason and the number of attempts', async () => {
    const server = await serve({ [PATH]: status(503) });
    const { sleep, options } = retrying(2);
    const err = await sourceError(fetchJson(localFetch, url(server), options));
    expect(err.message).toBe(`${url(server)}: HTTP 503, after 3 attempts`);
    expect(err.status).toBe(503);
    expectJitteredBackoff(sleep.delays, [500, 1000]);
  });

  it.each([
    ['a 404 (an answer: not published)', () => status(404), /: not published \(404\)$/u],
    ['another 4xx', () => status(403), /: HTTP 403$/u],
    ['an HTML page with 200', () => htmlPage('Just a moment...'), /: the answer is not JSON/u],
    ['a size over the cap', () => hugeDeclared(200_000_000), /over the 100 MB cap/u],
  ])('%s is not retried', async (_name, behaviour, says) => {
    const server = await serve({ [PATH]: behaviour() });
    const { sleep, options } = retrying(2);
    const err = await sourceError(fetchJson(localFetch, url(server), options));
    expect(err.message).toMatch(says);
    expect(sleep.delays).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('cancelling during the wait stops at once, said as cancelled', async () => {
    const server = await serve({ [PATH]: status(503) });
    const controller = new AbortController();
    const err = await sourceError(
      fetchJson(localFetch, url(server), {
        signal: controller.signal,
        retry: { retries: 5, onRetry: () => controller.abort(new Error('stop')) },
      }),
    );
    expect(err.message).toBe(`${url(server)}: cancelled`);
    expect(server.requests).toHaveLength(1);
  });

  it('through the snapshot cache: a body that broke off is fetched again, and only the whole one cached', async () => {
    const server = await serve({ [PATH]: sequence(reset(A, HALF), answer(A)) });
    const root = freshDir();
    const sleep = fakeSleep();
    const source = createArchiveSource({
      baseUrl: server.baseUrl,
      fetch: cachingFetch(localFetch, { source: 'archive', baseUrl: server.baseUrl, root }),
      retry: { retries: 1, sleep },
    });
    const snapshot = await source.loadVersion(archiveVersion(DATE));
    expect(snapshot).toEqual(snapshotOf(A));
    expectJitteredBackoff(sleep.delays, [500]);
    expect(readFileSync(join(root, 'archive', archiveFileName(DATE)), 'utf8')).toBe(A);
  });
});

describe('a version whose body changes between fetches', () => {
  it('sequentially: the cache keeps the first whole body, verified by its hash, and serves it', async () => {
    const server = await serve({ [PATH]: sequence(answer(A), answer(B)) });
    const { source, file } = cachedArchive(server.baseUrl);
    const first = await source.loadVersion(archiveVersion(DATE));
    const second = await source.loadVersion(archiveVersion(DATE));
    expect(second).toEqual(first);
    expect(server.requests).toEqual([PATH]);
    const meta = JSON.parse(readFileSync(`${file}.meta.json`, 'utf8')) as CacheMeta;
    expect([sha(readFileSync(file)), meta.sha256]).toEqual([sha(A), sha(A)]);
  });

  it('a cache file damaged on disk fails its hash and is fetched again, whole', async () => {
    const server = await serve({ [PATH]: sequence(answer(A), answer(B)) });
    const { source, file } = cachedArchive(server.baseUrl);
    await source.loadVersion(archiveVersion(DATE));
    writeFileSync(file, A.slice(0, HALF)); // half a file where the whole one was
    const again = await source.loadVersion(archiveVersion(DATE));
    expect(again).toEqual(snapshotOf(B));
    const meta = JSON.parse(readFileSync(`${file}.meta.json`, 'utf8')) as CacheMeta;
    expect([sha(readFileSync(file)), meta.sha256]).toEqual([sha(B), sha(B)]);
  });

  it('concurrently: each load is one whole version; the cache ends whole or untrusted, never mixed', async () => {
    const late: Behaviour = (req, res) => void setTimeout(() => answer(A)(req, res), 60);
    const server = await serve({ [PATH]: sequence(late, answer(B)) });
    const { source, file } = cachedArchive(server.baseUrl);
    const [x, y] = await Promise.all([
      source.loadVersion(archiveVersion(DATE)),
      source.loadVersion(archiveVersion(DATE)),
    ]);
    const whole = [A, B].map(snapshotOf);
    expect(whole).toContainEqual(x);
    expect(whole).toContainEqual(y);
    const body = readFileSync(file, 'utf8');
    expect([A, B]).toContain(body);
    const meta = JSON.parse(readFileSync(`${file}.meta.json`, 'utf8')) as CacheMeta;
    const requests = server.requests.length;
    const next = await source.loadVersion(archiveVersion(DATE));
    if (sha(body) === meta.sha256) {
      expect(server.requests.length).toBe(requests); // served from the cache: the whole body it verified
      expect(whole[[A, B].indexOf(body)]).toEqual(next);
    } else {
      expect(server.requests.length).toBe(requests + 1); // file and meta from different writers: not trusted
    }
    expect(filesUnder(join(file, '..')).filter((n) => n.endsWith(TEMP_SUFFIX))).toEqual([]);
  });
});

describe('sync retries what is worth retrying, with the sleep injected', () => {
  const item = (out: string) => ({
    source: 'archive' as const,
    from: DATE,
    to: DATE,
    step: 'day' as const,
    out,
  });

  it('5xx then success: retried with exponential backoff, the file written once, whole', async () => {
    const server = await serve({ [PATH]: sequence(status(503), status(502), answer(A)) });
    const sleep = fakeSleep();
    const out = freshDir();
    const summary = await syncMirror(
      { ...item(out), data: server.baseUrl },
      { fetch: localFetch, retry: { sleep, retries: 4 }, today: () => DATE },
    );
    expect([summary.fetched, summary.failed]).toEqual([1, 0]);
    expectJitteredBackoff(sleep.delays, [500, 1000]);
    expect(readFileSync(join(out, archiveFileName(DATE)), 'utf8')).toBe(A);
    expect(filesUnder(out)).toEqual([archiveFileName(DATE)]);
  });

  it('429 with Retry-After: waits what the server asks (seconds or an HTTP date), within the cap', async () => {
    const when = new Date(Date.now() + 20_000).toUTCString();
    const server = await serve({
      [PATH]: sequence(status(429, { 'retry-after': '7' }), status(429, { 'retry-after': when }), answer(A)),
    });
    const sleep = fakeSleep();
    const got = await fetchWithRetry(localFetch, `${server.baseUrl}${PATH}`, { sleep, retries: 3 });
    expect(got.status).toBe('ok');
    expect(sleep.delays[0]).toBe(7000);
    expect(sleep.delays[1]).toBeGreaterThan(15_000);
    expect(sleep.delays[1]).toBeLessThanOrEqual(20_000);
  });

  it('a reset and a stall mid-body are retried and said as such', async () => {
    const server = await serve({ [PATH]: sequence(reset(A, HALF), stall(A, HALF), answer(A)) });
    const reasons: string[] = [];
    const got = await fetchWithRetry(localFetch, `${server.baseUrl}${PATH}`, {
      sleep: fakeSleep(),
      timeoutMs: 1000,
      onRetry: (r) => reasons.push(r.reason),
    });
    expect(got.status === 'ok' && new TextDecoder().decode(got.body)).toBe(A);
    expect(reasons[0]).toMatch(/^the answer broke off \(/u);
    expect(reasons[1]).toBe('the answer stalled: it began but was not complete within 1 s');
  });

  it('a body that changed while sent is not written', async () => {
    const server = await serve({ [PATH]: switchMidBody(A, '<'.repeat(A.length), HALF) });
    const out = freshDir();
    const summary = await syncMirror(
      { ...item(out), data: server.baseUrl },
      { fetch: localFetch, retry: { sleep: fakeSleep() }, today: () => DATE },
    );
    expect([summary.invalid, summary.fetched]).toEqual([1, 0]);
    expect(summary.invalidList[0]).toMatch(/the answer is not valid JSON: /u);
    expect(filesUnder(out)).toEqual([]);
  });
});

const cli = (...argv: string[]) => runCli(localFetch, ...argv);
/** `frontline area` on the archive at `baseUrl` for DATE, with `extra` options. */
const area = (baseUrl: string, ...extra: string[]) =>
  cli('area', '--source', 'archive', '--data', baseUrl, '--date', DATE, ...extra);

describe('the CLI exits non-zero with a readable summary, and leaves no partial file', () => {
  it.each(MODES)('area: $mode', async ({ behaviour, says, timeoutS = GENEROUS_S }) => {
    const server = await serve({ [PATH]: behaviour() });
    const cache = freshDir();
    // One attempt, so the message is the mode's own (retries have their own tests).
    const r = await area(
      server.baseUrl,
      '--timeout',
      String(timeoutS),
      '--cache-dir',
      cache,
      '--retries',
      '0',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const line = r.stderr.trim().split('\n').at(-1)!;
    expect(line.startsWith(`frontline area: ${server.baseUrl}${PATH}: `)).toBe(true);
    expect(line).toMatch(says);
    expect(filesUnder(cache)).toEqual([]);
  });

  it.each(MODES)('sync: $mode', async ({ behaviour, sync: [code, says], timeoutS = GENEROUS_S }) => {
    const server = await serve({ [PATH]: behaviour() });
    const out = freshDir();
    const r = await cli(
      'sync',
      '--source',
      'archive',
      '--data',
      server.baseUrl,
      '--from',
      DATE,
      '--to',
      DATE,
      '--out',
      out,
      '--retries',
      '0',
      '--timeout',
      String(timeoutS),
    );
    // Content that is not a snapshot is "invalid" (3); a fetch that failed is a failure (1).
    expect(r.code).toBe(code);
    expect(r.stdout).toMatch(
      code === 3
        ? /fetched 0, cached 0, missing 0, invalid 1, failed 0/u
        : /fetched 0, cached 0, missing 0, invalid 0, failed 1/u,
    );
    // The note names the file and says what happened.
    expect(r.stderr).toContain(`${server.baseUrl}${PATH}: `);
    expect(r.stderr).toMatch(says);
    expect(filesUnder(out)).toEqual([]);
  });

  it('sync: 5xx then success (one real retry delay of 0.25–0.5 s) exits 0 with the file whole', async () => {
    const server = await serve({ [PATH]: sequence(status(503), answer(A)) });
    const out = freshDir();
    const r = await cli(
      'sync',
      '--source',
      'archive',
      '--data',
      server.baseUrl,
      '--from',
      DATE,
      '--to',
      DATE,
      '--out',
      out,
      '--retries',
      '1',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fetched 1, cached 0, missing 0, invalid 0, failed 0/u);
    expect(r.stderr).toMatch(/retry 1 in 0\.[345] s: .*: HTTP 503\n/u);
    expect(readFileSync(join(out, archiveFileName(DATE)), 'utf8')).toBe(A);
  });

  it('area: 5xx then success (one real retry delay of 0.25–0.5 s, by default) exits 0 and says it retried', async () => {
    const server = await serve({ [PATH]: sequence(status(503), answer(A)) });
    const r = await area(server.baseUrl, '--no-cache');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`retry 1 in 0\\.[345] s: ${server.baseUrl}${PATH}: HTTP 503\n`, 'u'));
    expect(JSON.parse(r.stdout)).toHaveProperty('meta');
    expect(server.requests.filter((p) => p === PATH)).toHaveLength(2);
  });

  it.each([
    ['--timeout', 'soon', '--timeout "soon": seconds, from 0.05 to 3600'],
    ['--retries', '21', '--retries "21": a whole number 0–20'],
  ])('%s is checked like any option', async (option, value, says) => {
    const r = await area('http://127.0.0.1:9', option, value);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(says);
  });
});
