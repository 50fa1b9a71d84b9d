/**
 * src/ui/published.ts (issue #17): the app reads the history `frontline publish` precomputed, and only that. A
 * folder published by the CLI (in-process, on an authored archive of two months) is read through a fetch over the
 * folder: the chart's month ends come from its history, equal to what `frontline history` prints; anything else —
 * no index, the page instead of JSON, another source, a history path outside data/, malformed rows — means
 * "compute as before" (null). The browser side is tests/e2e/publish.spec.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthEnds } from '../../src/core/index.ts';
import { publishedHistory, publishedLength, publishedSeries } from '../../src/ui/published.ts';
import { cliArgs } from '../support/cliArgs.ts';
import { runCli } from '../support/runCli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'frontline-published-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const archive = join(tmp, 'archive');
const app = join(tmp, 'app');
const out = join(tmp, 'site');
const noNet = (u: string) => Promise.reject(new Error(`no network in tests (${u})`));
/** A square whose side grows with the day, so every month end has its own area. */
const day = (n: number) => {
  const d = 0.05 + n / 1000;
  const ring = [
    [37, 48],
    [37 + d, 48],
    [37 + d, 48 + d],
    [37, 48 + d],
    [37, 48],
  ];
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }],
  });
};
const dates: string[] = [];
for (let t = Date.parse('2025-07-01'); t <= Date.parse('2025-08-31'); t += 86_400_000)
  dates.push(new Date(t).toISOString().slice(0, 10));

/** A fetch of same-origin paths over a folder, as a static server answers them (null for a 404). */
const overFolder =
  (dir: string, answer: (path: string) => unknown = () => undefined) =>
  (path: string): Promise<unknown> => {
    const given = answer(path);
    if (given !== undefined) return Promise.resolve(given);
    try {
      return Promise.resolve(JSON.parse(readFileSync(join(dir, path), 'utf8')) as unknown);
    } catch {
      return Promise.resolve(null);
    }
  };

beforeAll(async () => {
  mkdirSync(archive);
  dates.forEach((d, i) =>
    writeFileSync(join(archive, `deepstatemap_data_${d.replaceAll('-', '')}.geojson`), day(i)),
  );
  mkdirSync(app);
  writeFileSync(join(app, 'index.html'), '<!doctype html><title>app</title>');
  const r = await runCli(
    noNet,
    ...cliArgs('publish', {
      app,
      'no-cache': true,
      source: 'archive',
      data: archive,
      from: dates[0],
      to: dates.at(-1),
      out,
    }),
  );
  expect(r.code, r.stderr).toBe(0);
});

describe('the published history, as the app reads it', () => {
  it('gives the chart’s month ends, equal to what `frontline history` prints for those days', async () => {
    const ends = monthEnds(dates[0]!, dates.at(-1)!);
    expect(ends).toEqual(['2025-07-31', '2025-08-31']);
    const series = await publishedSeries('archive', ends, overFolder(out));
    expect(series?.missing).toEqual([]);
    const history = await runCli(
      noNet,
      ...cliArgs('history', {
        'no-cache': true,
        source: 'archive',
        data: archive,
        from: dates[0],
        to: dates.at(-1),
        step: 'day',
        format: 'json',
      }),
    );
    const rows = (JSON.parse(history.stdout) as { rows: { date: string; areaKm2: number }[] }).rows;
    for (const end of ends) {
      const row = rows.find((r) => r.date === end)!;
      expect(series!.points.get(end)).toEqual({ snapshot: end, areaKm2: row.areaKm2 });
    }
    // The front line's length too (publish runs history with --length), as `history --length` prints it.
    const withLength = await runCli(
      noNet,
      ...cliArgs('history', {
        'no-cache': true,
        source: 'archive',
        data: archive,
        from: ends[1],
        to: ends[1],
        step: 'day',
        format: 'json',
        length: true,
      }),
    );
    const lengthRow = (
      JSON.parse(withLength.stdout) as { rows: { lengthKm: number; withoutDniproKm: number }[] }
    ).rows[0]!;
    const history31 = await publishedHistory('archive', overFolder(out));
    expect(publishedLength(history31, ends[1]!)).toEqual({
      lengthKm: lengthRow.lengthKm,
      withoutDniproKm: lengthRow.withoutDniproKm,
    });
    expect(publishedLength(history31, '2025-06-30')).toBeNull();
    expect(publishedLength(null, ends[1]!)).toBeNull();
    // Every day of the range is there; dates outside it are left to compute.
    expect((await publishedHistory('archive', overFolder(out)))?.size).toBe(dates.length);
    expect(
      (await publishedSeries('archive', ['2025-06-30', '2025-07-31'], overFolder(out)))?.missing,
    ).toEqual(['2025-06-30']);
  });

  it('is absent (compute as before) without an index, for another source, or when the files are not its own', async () => {
    expect(await publishedHistory('archive', overFolder(join(tmp, 'nothing-here')))).toBeNull();
    expect(await publishedHistory('deepstate-api', overFolder(out))).toBeNull();
    const index = JSON.parse(readFileSync(join(out, 'data/index.json'), 'utf8')) as { history: string };
    const tampered = (patch: (path: string) => unknown) =>
      publishedHistory('archive', overFolder(out, patch));
    // A server that answers every path with the app's page: not JSON, so no index.
    expect(await tampered((p) => (p === '/data/index.json' ? null : undefined))).toBeNull();
    expect(
      await tampered((p) =>
        p === '/data/index.json' ? { ...index, tool: 'frontline', history: '../elsewhere.json' } : undefined,
      ),
    ).toBeNull();
    expect(
      await tampered((p) =>
        p === `/${index.history}` ? { step: 'day', rows: [{ date: '2025-07-31' }] } : undefined,
      ),
    ).toBeNull();
    expect(
      await tampered((p) => (p === `/${index.history}` ? { step: 'month', rows: [] } : undefined)),
    ).toBeNull();
    // The untouched folder still reads.
    expect(await tampered(() => undefined)).not.toBeNull();
  });
});
