/**
 * `frontline sync` against local HTTP servers on 127.0.0.1 over small synthetic sources written to a temporary
 * folder: layout, validation before writing, resume, retries (with a fake sleep), 404s, failures, cancellation,
 * bounded concurrency, progress output and exit codes.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJitteredBackoff } from '../support/backoff.ts';
import { main } from '../../src/cli/main.ts';
import { EXIT, type CliIo } from '../../src/cli/io.ts';
import { syncMirror } from '../../src/sources/node/syncMirror.ts';
import type { Sleep } from '../../src/sources/retryPolicy.ts';
import { TEMP_SUFFIX } from '../../src/sources/node/writeFileAtomic.ts';
import { serveDeepStateFolder } from '../support/referenceData.ts';
import { serveStaticFolder, type Hook } from '../support/staticServer.ts';

const tmp = mkdtempSync(join(tmpdir(), 'frontline-sync-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const square = (x: number): number[][] => [
  [x, 48],
  [x + 0.1, 48],
  [x + 0.1, 48.1],
  [x, 48],
];
const archiveDay = (x: number) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[square(x)]] } },
    ],
  });
const apiVersion = (x: number) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { name: 'Окуповано /// Occupied /// geoJSON.status.occupied', fill: '#a52714' },
        geometry: { type: 'Polygon', coordinates: [square(x).map((p) => [...p, 0])] },
      },
    ],
  });

/** Archive: 2025-08-01 … 08-10, except 08-04 (never published) and 08-07 (projected coordinates: invalid). */
const archiveDir = join(tmp, 'archive-src');
mkdirSync(archiveDir);
for (let d = 1; d <= 10; d++) {
  if (d === 4) continue;
  const body = d === 7 ? archiveDay(4_118_821) : archiveDay(37 + d / 100);
  writeFileSync(join(archiveDir, `deepstatemap_data_202508${String(d).padStart(2, '0')}.geojson`), body);
}

/** API: two versions on 08-01 (the later one is the day's), one on 07-31, a 404 on 08-02, an invalid one on 08-03. */
const apiDir = join(tmp, 'api-src');
const versions = [
  { id: 1754000000, createdAt: '2025-07-31T22:13:20.000Z' },
  { id: 1754040000, createdAt: '2025-08-01T09:20:00.000Z' },
  { id: 1754077960, createdAt: '2025-08-01T19:52:40.000Z' },
  { id: 1754150000, createdAt: '2025-08-02T15:53:20.000Z' },
  { id: 1754200000, createdAt: '2025-08-03T05:46:40.000Z' },
];
mkdirSync(join(apiDir, 'history'), { recursive: true });
writeFileSync(join(apiDir, 'history', 'public'), JSON.stringify(versions));
for (const [id, body] of [
  [1754000000, apiVersion(37)],
  [1754040000, apiVersion(37.1)],
  [1754077960, apiVersion(37.2)],
  [1754200000, '{"type":"Topology"}'],
] as const) {
  mkdirSync(join(apiDir, 'history', String(id)));
  writeFileSync(join(apiDir, 'history', String(id), 'geojson'), body);
}

/** A CliIo that records output; fetch is the real one (local servers only). */
function recordingIo(isTty = false): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTty,
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    fetch: (u: string, i?: RequestInit) => fetch(u, i),
  };
  return io;
}

const noSleep: Sleep = async () => {};
const filesIn = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : [];

describe('sync --source archive', () => {
  let server: Awaited<ReturnType<typeof serveStaticFolder>>;
  let hook: Hook | undefined;
  beforeAll(async () => {
    server = await serveStaticFolder(archiveDir, (req, res) => hook?.(req, res) ?? false);
  });
  afterAll(() => server.close());

  it('mirrors the range, reports 404s as not published, and does not write an invalid file (exit 3)', async () => {
    const out = join(tmp, 'a1');
    const io = recordingIo();
    const code = await main(
      [
        'sync',
        '--source',
        'archive',
        '--data',
        server.baseUrl,
        '--from',
        '2025-08-01',
        '--to',
        '2025-08-10',
        '--out',
        out,
      ],
      io,
    );
    expect(code).toBe(EXIT.invalid);
    expect(filesIn(out)).toEqual(
      [1, 2, 3, 5, 6, 8, 9, 10].map((d) => `deepstatemap_data_202508${String(d).padStart(2, '0')}.geojson`),
    );
    expect(readFileSync(join(out, 'deepstatemap_data_20250801.geojson'), 'utf8')).toBe(archiveDay(37.01));
    expect(io.out).toContain('fetched 8, cached 0, missing 1, invalid 1, failed 0');
    expect(io.out).toContain('not published: 2025-08-04 (2025-08-04)');
    expect(io.err).toContain(`not published (404): ${server.baseUrl}/deepstatemap_data_20250804.geojson`);
    expect(io.err).toMatch(
      /invalid, not written: .*2025-08-07 archive: feature 0: polygon 0, ring 0 position 0 .* is outside/u,
    );
  });

  it('resumes: a rerun keeps valid files without fetching them, and refetches a damaged one', async () => {
    const out = join(tmp, 'a1');
    writeFileSync(join(out, 'deepstatemap_data_20250802.geojson'), '{"type":"FeatureColl'); // a torn file
    writeFileSync(join(out, `.deepstatemap_data_20250803.geojson.123.abcd${TEMP_SUFFIX}`), '{"type"'); // a killed write
    const before = server.requests.length;
    const summary = await syncMirror(
      { source: 'archive', data: server.baseUrl, from: '2025-08-01', to: '2025-08-10', step: 'day', out },
      { fetch: (u, i) => fetch(u, i), retry: { sleep: noSleep } },
    );
    expect(summary).toMatchObject({
      total: 10,
      done: 10,
      fetched: 1,
      cached: 7,
      missing: 1,
      invalid: 1,
      failed: 0,
    });
    expect(server.requests.slice(before).sort()).toEqual([
      '/deepstatemap_data_20250802.geojson',
      '/deepstatemap_data_20250804.geojson',
      '/deepstatemap_data_20250807.geojson',
    ]);
    expect(filesIn(out).some((f) => f.endsWith(TEMP_SUFFIX))).toBe(false);
    expect(readFileSync(join(out, 'deepstatemap_data_20250802.geojson'), 'utf8')).toBe(archiveDay(37.02));
  });

  it('thins to one day per week or month: the last of each period', async () => {
    const out = join(tmp, 'a-week');
    const summary = await syncMirror(
      { source: 'archive', data: server.baseUrl, from: '2025-08-01', to: '2025-08-09', step: 'week', out },
      { fetch: (u, i) => fetch(u, i) },
    );
    // ISO weeks: Mon 07-28 … Sun 08-03, and Mon 08-04 … (the range ends 08-09).
    expect(filesIn(out)).toEqual([
      'deepstatemap_data_20250803.geojson',
      'deepstatemap_data_20250809.geojson',
    ]);
    expect(summary.fetched).toBe(2);
  });

  it('retries 5xx with backoff (fake sleep) and counts files that fail after retries', async () => {
    const out = join(tmp, 'a-retry');
    let flaky = 0;
    hook = (req, res) => {
      if (req.url === '/deepstatemap_data_20250801.geojson' && flaky++ < 2) {
        res.writeHead(503).end('busy');
        return true;
      }
      if (req.url === '/deepstatemap_data_20250802.geojson') {
        res.writeHead(500).end('broken');
        return true;
      }
      return false;
    };
    const delays: number[] = [];
    const notes: string[] = [];
    try {
      const summary = await syncMirror(
        {
          source: 'archive',
          data: server.baseUrl,
          from: '2025-08-01',
          to: '2025-08-02',
          step: 'day',
          out,
          concurrency: 1,
        },
        {
          fetch: (u, i) => fetch(u, i),
          retry: { sleep: async (ms) => void delays.push(ms), retries: 3 },
          onNote: (l) => notes.push(l),
        },
      );
      expect(summary).toMatchObject({ fetched: 1, failed: 1 });
      expect(summary.failedList).toEqual([
        `${server.baseUrl}/deepstatemap_data_20250802.geojson: HTTP 500, after 4 attempts`,
      ]);
      expectJitteredBackoff(delays, [500, 1000, 500, 1000, 2000]);
      // The note names the wait actually drawn (jittered within 0.25–0.5 s).
      expect(notes[0]).toBe(
        `retry 1 in ${(delays[0]! / 1000).toFixed(1)} s: ${server.baseUrl}/deepstatemap_data_20250801.geojson: HTTP 503`,
      );
    } finally {
      hook = undefined;
    }
  });

  it('exits 1 when a fetch fails after the retries', async () => {
    hook = (req, res) => {
      if (req.url !== '/deepstatemap_data_20250801.geojson') return false;
      res.writeHead(502).end();
      return true;
    };
    try {
      const io = recordingIo();
      const code = await main(
        [
          'sync',
          '--source',
          'archive',
          '--data',
          server.baseUrl,
          '--from',
          '2025-08-01',
          '--to',
          '2025-08-01',
          '--out',
          join(tmp, 'a-fail'),
          '--retries',
          '0',
        ],
        io,
      );
      expect(code).toBe(EXIT.failure);
      expect(io.out).toContain('failed 1');
    } finally {
      hook = undefined;
    }
  });

  it('keeps to the concurrency bound', async () => {
    let inFlight = 0;
    let most = 0;
    hook = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((ok) => setTimeout(ok, 30));
      inFlight--;
      return false;
    };
    try {
      await syncMirror(
        {
          source: 'archive',
          data: server.baseUrl,
          from: '2025-08-01',
          to: '2025-08-10',
          step: 'day',
          out: join(tmp, 'a-conc'),
          concurrency: 3,
        },
        { fetch: (u, i) => fetch(u, i) },
      );
      expect(most).toBe(3);
    } finally {
      hook = undefined;
    }
  });

  it('cancelled midway leaves only whole, valid files and no temporary ones; a rerun completes', async () => {
    const out = join(tmp, 'a-abort');
    const controller = new AbortController();
    let served = 0;
    hook = async (_req, res) => {
      if (++served <= 3) return false;
      controller.abort();
      // Hold the answer: the sync must give up on it by itself.
      await new Promise((ok) => setTimeout(ok, 100));
      res.destroy();
      return true;
    };
    try {
      const first = await syncMirror(
        {
          source: 'archive',
          data: server.baseUrl,
          from: '2025-08-01',
          to: '2025-08-10',
          step: 'day',
          out,
          concurrency: 2,
        },
        { fetch: (u, i) => fetch(u, i), signal: controller.signal },
      );
      expect(first.cancelled).toBe(true);
      expect(first.done).toBeLessThan(10);
    } finally {
      hook = undefined;
    }
    const partial = filesIn(out);
    expect(partial.some((f) => f.endsWith(TEMP_SUFFIX))).toBe(false);
    for (const f of partial)
      expect(() => JSON.parse(readFileSync(join(out, f), 'utf8')) as unknown).not.toThrow();
    const second = await syncMirror(
      { source: 'archive', data: server.baseUrl, from: '2025-08-01', to: '2025-08-10', step: 'day', out },
      { fetch: (u, i) => fetch(u, i) },
    );
    expect(second).toMatchObject({ cancelled: false, done: 10, missing: 1, invalid: 1 });
    expect(second.cached).toBe(partial.length);
    expect(second.fetched + second.cached).toBe(8);
  });

  it('reads a local folder laid out like the archive, too', async () => {
    const out = join(tmp, 'a-local');
    const summary = await syncMirror(
      { source: 'archive', data: archiveDir, from: '2025-08-01', to: '2025-08-05', step: 'day', out },
      { fetch: () => Promise.reject(new Error('no network in this test')) },
    );
    // The listing of a folder knows 08-04 was never published: it is not even requested.
    expect(summary).toMatchObject({ total: 4, fetched: 4, missing: 0 });
  });
});

describe('sync --source deepstate-api', () => {
  let server: Awaited<ReturnType<typeof serveDeepStateFolder>>;
  beforeAll(async () => {
    server = await serveDeepStateFolder(apiDir);
  });
  afterAll(() => server.close());

  it('writes the full list and the last version of each day, like the API; 404 missing, invalid not written', async () => {
    const out = join(tmp, 'api1');
    const io = recordingIo();
    const code = await main(
      [
        'sync',
        '--source',
        'deepstate-api',
        '--data',
        server.baseUrl,
        '--from',
        '2025-07-31',
        '--to',
        '2025-08-03',
        '--out',
        out,
      ],
      io,
    );
    expect(code).toBe(EXIT.invalid);
    expect(filesIn(out).filter((f) => f.endsWith('geojson') || f.endsWith('public'))).toEqual([
      join('history', '1754000000', 'geojson'),
      join('history', '1754077960', 'geojson'),
      join('history', 'public'),
    ]);
    expect(JSON.parse(readFileSync(join(out, 'history', 'public'), 'utf8'))).toEqual(versions);
    expect(io.out).toContain('4 files planned');
    expect(io.out).toContain('fetched 2, cached 0, missing 1, invalid 1, failed 0');
    expect(io.out).toContain('not published: 2025-08-02 (1754150000)');
    expect(io.err).toContain('1754200000: not a GeoJSON FeatureCollection');
  });

  it('a month step takes the month’s last version; the mirror serves the app and the CLI', async () => {
    const out = join(tmp, 'api2');
    const summary = await syncMirror(
      {
        source: 'deepstate-api',
        data: server.baseUrl,
        from: '2025-07-01',
        to: '2025-07-31',
        step: 'month',
        out,
      },
      { fetch: (u, i) => fetch(u, i) },
    );
    expect(summary).toMatchObject({ total: 1, fetched: 1 });
    const io = recordingIo();
    expect(await main(['list', '--source', 'deepstate-api', '--data', out], io)).toBe(EXIT.ok);
    expect(io.out.split('\n')).toContain('2025-08-03');
  });

  it('uses the list already in the mirror when the source cannot be reached', async () => {
    const out = join(tmp, 'api1');
    const notes: string[] = [];
    const summary = await syncMirror(
      {
        source: 'deepstate-api',
        data: 'http://127.0.0.1:9',
        from: '2025-07-31',
        to: '2025-08-01',
        step: 'day',
        out,
      },
      { fetch: (u, i) => fetch(u, i), retry: { retries: 0 }, onNote: (l) => notes.push(l) },
    );
    expect(summary).toMatchObject({ total: 2, cached: 2, fetched: 0 });
    expect(notes[0]).toMatch(/unreachable.*; using the version list already in/u);
  });

  it('fails clearly when there is no list at all', async () => {
    const io = recordingIo();
    const code = await main(
      [
        'sync',
        '--source',
        'deepstate-api',
        '--data',
        'http://127.0.0.1:9',
        '--from',
        '2025-07-31',
        '--to',
        '2025-08-01',
        '--out',
        join(tmp, 'none'),
        '--retries',
        '0',
      ],
      io,
    );
    expect(code).toBe(EXIT.failure);
    expect(io.err).toMatch(/frontline sync: http:\/\/127\.0\.0\.1:9\/history\/public: unreachable/u);
  });
});

describe('sync: command line', () => {
  it('--help prints the usage', async () => {
    const io = recordingIo();
    expect(await main(['sync', '--help'], io)).toBe(EXIT.ok);
    expect(io.out).toContain('frontline sync --source deepstate-api|archive');
  });

  it.each([
    [['--from', '2025-08-01', '--to', '2025-08-02', '--out', 'x'], '--source is required'],
    [
      ['--source', 'folder', '--from', '2025-08-01', '--to', '2025-08-02', '--out', 'x'],
      'use one of deepstate-api, archive',
    ],
    [['--source', 'archive', '--from', '2025-08-01', '--to', '2025-08-02'], '--out DIR is required'],
    [['--source', 'archive', '--from', '2025-08-03', '--to', '2025-08-02', '--out', 'x'], 'is after --to'],
    [
      ['--source', 'archive', '--from', '2025-08-01', '--to', '2025-08-02', '--out', 'x', '--step', 'year'],
      'use one of day, week, month',
    ],
    [
      [
        '--source',
        'archive',
        '--from',
        '2025-08-01',
        '--to',
        '2025-08-02',
        '--out',
        'x',
        '--concurrency',
        '0',
      ],
      'a whole number 1–32',
    ],
  ])('%j is a usage error', async (args, message) => {
    const io = recordingIo();
    expect(await main(['sync', ...args], io)).toBe(EXIT.usage);
    expect(io.err).toContain(message);
  });

  it('draws a bar in place on a terminal, and plain lines with rate and ETA otherwise', async () => {
    const run = async (isTty: boolean) => {
      const io = recordingIo(isTty);
      await main(
        [
          'sync',
          '--source',
          'archive',
          '--data',
          archiveDir,
          '--from',
          '2025-08-01',
          '--to',
          '2025-08-03',
          '--out',
          join(tmp, `p-${isTty}`),
        ],
        io,
      );
      return io.err;
    };
    const tty = await run(true);
    expect(tty).toContain('\r\x1b[2K');
    expect(tty).toMatch(
      /sync archive \[#{24}\] 3\/3 100% {2}[\d.]+ files\/s {2}in \d+:\d{2} {2}fetched 3 · cached 0 · missing 0 · invalid 0\n$/u,
    );
    const plain = await run(false);
    expect(plain).not.toContain('\r');
    expect(plain).toMatch(/^sync archive 0\/3 {3}0% {2}0\.0 files\/s {2}ETA \?/u);
    expect(plain.trimEnd().split('\n').at(-1)).toMatch(
      /^sync archive 3\/3 100% {2}[\d.]+ files\/s {2}in \d+:\d{2}/u,
    );
  });
});
