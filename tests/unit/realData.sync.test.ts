/**
 * Sync and validation on the real reference data (issue #3), served from local HTTP servers on 127.0.0.1.
 * Skipped, with the reason printed, when FRONTLINE_REFERENCE_DATA is absent.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  archiveDateFromName,
  archiveVersion,
  areaKm2,
  parseArchiveDay,
  parseDeepStateVersion,
  parseHistoryList,
  type Version,
} from '../../src/core/index.ts';
import { syncMirror } from '../../src/sources/node/syncMirror.ts';
import { TEMP_SUFFIX } from '../../src/sources/node/writeFileAtomic.ts';
import { referenceDir, serveDeepStateFolder } from '../support/referenceData.ts';
import { serveStaticFolder, type Hook } from '../support/staticServer.ts';
import { FLOAT_REL } from './tolerances.ts';

const ref = referenceDir();
// Made only when the real-data tests run: a skipped file runs no hooks, so it would never be removed.
const tmp = ref ? mkdtempSync(join(tmpdir(), 'frontline-realsync-')) : '';
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const filesIn = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String) : [];

/** A one-line tally of warnings by kind (numbers and names blanked), for the test output. */
function tally(warnings: string[]): string {
  const kinds = new Map<string, number>();
  for (const w of warnings) {
    const k = w
      .replace(/^[^:]*: /u, '')
      .replace(/feature \d+ \("[^"]*"\)/u, 'feature N')
      .replace(/in features? [\d, …()a-z]+;/u, 'in features …;')
      .replace(/\d+(\.\d+)?/gu, '#');
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  return [...kinds].map(([k, n]) => `${n} × ${k}`).join('\n  ');
}

describe.skipIf(!ref)('sync on the reference mirror', () => {
  let archive: Awaited<ReturnType<typeof serveStaticFolder>>;
  let api: Awaited<ReturnType<typeof serveDeepStateFolder>>;
  let hook: Hook | undefined;
  beforeAll(async () => {
    archive = await serveStaticFolder(`${ref}/deepstate-archive`, (req, res) => hook?.(req, res) ?? false);
    api = await serveDeepStateFolder(`${ref}/deepstate-api`);
  });
  afterAll(async () => {
    await archive?.close();
    await api?.close();
  });

  it('mirrors a month of the archive (2025-08): 31 files, each byte-identical and valid', async () => {
    const out = join(tmp, 'archive-2025-08');
    const t0 = performance.now();
    const summary = await syncMirror(
      {
        source: 'archive',
        data: archive.baseUrl,
        from: '2025-08-01',
        to: '2025-08-31',
        step: 'day',
        out,
        concurrency: 4,
      },
      { fetch: (u, i) => fetch(u, i) },
    );
    const seconds = (performance.now() - t0) / 1000;
    console.info(
      `sync archive 2025-08: ${summary.fetched} files, ${(summary.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s ` +
        `(${(summary.fetched / seconds).toFixed(0)} files/s, validation included)`,
    );
    expect(summary).toMatchObject({ total: 31, fetched: 31, cached: 0, missing: 0, invalid: 0, failed: 0 });
    const copies = filesIn(out);
    expect(copies).toHaveLength(31);
    // Buffer.equals: a deep toEqual over 2.5 MB of bytes takes seconds.
    const different = copies.filter(
      (f) => !readFileSync(join(out, f)).equals(readFileSync(join(`${ref}/deepstate-archive`, f))),
    );
    expect(different).toEqual([]);
  });

  it('mirrors 3 API versions (the first of June, July, August 2025) and reports the days the mirror lacks as missing', async () => {
    const out = join(tmp, 'api');
    const summary = await syncMirror(
      { source: 'deepstate-api', data: api.baseUrl, from: '2025-06-01', to: '2025-08-01', step: 'day', out },
      { fetch: (u, i) => fetch(u, i) },
    );
    expect(summary.fetched).toBe(3);
    expect(summary.invalid + summary.failed).toBe(0);
    expect(summary.missing).toBe(summary.total - 3);
    // 2025-07-30's only version is not in the reference mirror (404, as a real outage would answer).
    expect(summary.missingList).toContain('2025-07-30 (1753908830)');
    expect(
      filesIn(join(out, 'history'))
        .filter((f) => f.endsWith('geojson'))
        .sort(),
    ).toEqual([join('1748806839', 'geojson'), join('1751400934', 'geojson'), join('1754077960', 'geojson')]);
    const list = parseHistoryList(
      JSON.parse(readFileSync(join(out, 'history', 'public'), 'utf8')) as unknown,
    );
    expect(list.ok && list.value.length).toBe(1734);
  });

  it('killed midway (aborted fetches), leaves no partial or temporary file; a rerun completes without refetching', async () => {
    const out = join(tmp, 'archive-abort');
    const range = {
      source: 'archive' as const,
      data: archive.baseUrl,
      from: '2025-06-01',
      to: '2025-08-31',
      step: 'day' as const,
      out,
    };
    const controller = new AbortController();
    let answered = 0;
    hook = (_req, res) => {
      if (++answered === 25) controller.abort();
      if (answered < 25) return false;
      // Cut the answer off mid-body: the client sees a broken stream, as when a connection dies.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000000' });
      res.write(
        '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[37.1,',
      );
      setTimeout(() => res.destroy(), 20);
      return true;
    };
    let first;
    try {
      first = await syncMirror(range, { fetch: (u, i) => fetch(u, i), signal: controller.signal });
    } finally {
      hook = undefined;
    }
    expect(first.cancelled).toBe(true);
    const partial = filesIn(out);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(first.total);
    expect(partial.filter((f) => f.endsWith(TEMP_SUFFIX))).toEqual([]);
    for (const f of partial) {
      const parsed = parseArchiveDay(
        JSON.parse(readFileSync(join(out, f), 'utf8')),
        archiveVersion(archiveDateFromName(f)!),
      );
      expect(parsed.ok).toBe(true);
    }
    // Count what the rerun asks for on the client side: the server may still log requests of the first run that
    // were aborted in flight, and those must not be charged to the rerun.
    const rerunRequests: string[] = [];
    const second = await syncMirror(range, {
      fetch: (u, i) => {
        rerunRequests.push(String(u));
        return fetch(u, i);
      },
    });
    console.info(
      `abort after ${partial.length} of ${first.total} files; rerun: fetched ${second.fetched}, cached ${second.cached}, missing ${second.missing}`,
    );
    expect(second).toMatchObject({
      cancelled: false,
      done: second.total,
      invalid: 0,
      failed: 0,
      cached: partial.length,
    });
    expect(rerunRequests.length).toBe(second.total - partial.length);
    // Every file asked for once across the two runs: none of the files already on disk was fetched again.
    const fileNames = new Set([...partial, ...rerunRequests.map((u) => u.slice(u.lastIndexOf('/') + 1))]);
    expect(fileNames.size).toBe(second.total);
    expect(filesIn(out).length).toBe(second.total - second.missing);
  });
});

describe.skipIf(!ref)('every reference snapshot goes through the one validation path', () => {
  it('all 769 archive days validate', () => {
    const dir = `${ref}/deepstate-archive`;
    const names = readdirSync(dir).filter((n) => archiveDateFromName(n));
    const warnings: string[] = [];
    const failures: string[] = [];
    let ms = 0;
    for (const n of names) {
      const json = JSON.parse(readFileSync(join(dir, n), 'utf8')) as unknown;
      const t0 = performance.now();
      const parsed = parseArchiveDay(json, archiveVersion(archiveDateFromName(n)!));
      ms += performance.now() - t0;
      if (parsed.ok) warnings.push(...parsed.warnings);
      else failures.push(...parsed.issues);
    }
    console.info(
      `archive: ${names.length} days validated in ${(ms / 1000).toFixed(2)} s (parsing JSON excluded); ` +
        `${warnings.length} warnings:\n  ${tally(warnings)}`,
    );
    expect(names).toHaveLength(769);
    expect(failures).toEqual([]);
  });

  it('validation keeps every area: repaired archive days measure as the raw files do (every 20th day)', () => {
    const dir = `${ref}/deepstate-archive`;
    const names = readdirSync(dir)
      .filter((n) => archiveDateFromName(n))
      .filter((_n, i) => i % 20 === 0);
    for (const n of names) {
      const raw = JSON.parse(readFileSync(join(dir, n), 'utf8')) as FeatureCollection<MultiPolygon>;
      const parsed = parseArchiveDay(raw, archiveVersion(archiveDateFromName(n)!));
      if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
      const before = raw.features.reduce((sum, f) => sum + areaKm2(f.geometry), 0);
      const after = parsed.value.territories.reduce((sum, t) => sum + areaKm2(t.geometry), 0);
      expect(before).toBeGreaterThan(100_000);
      expect(Math.abs(after / before - 1)).toBeLessThan(FLOAT_REL);
    }
  });

  it('all 41 API versions validate', () => {
    const dir = `${ref}/deepstate-api/history`;
    const list = parseHistoryList(JSON.parse(readFileSync(join(dir, 'public'), 'utf8')) as unknown);
    if (!list.ok) throw new Error(list.issues.join('\n'));
    const byId = new Map<string, Version>(list.value.map((v) => [v.id, v]));
    const ids = readdirSync(dir).filter((n) => /^\d+$/u.test(n));
    const warnings: string[] = [];
    const failures: string[] = [];
    let ms = 0;
    for (const id of ids) {
      const json = JSON.parse(readFileSync(join(dir, id, 'geojson'), 'utf8')) as unknown;
      const t0 = performance.now();
      const parsed = parseDeepStateVersion(json, byId.get(id)!);
      ms += performance.now() - t0;
      if (parsed.ok) warnings.push(...parsed.warnings);
      else failures.push(...parsed.issues);
    }
    console.info(
      `deepstate-api: ${ids.length} versions validated and parsed in ${(ms / 1000).toFixed(2)} s; ` +
        `${warnings.length} warnings:\n  ${tally(warnings)}`,
    );
    expect(ids).toHaveLength(41);
    expect(failures).toEqual([]);
  });
});
