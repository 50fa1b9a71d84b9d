/**
 * The data worker's request handler (src/ui/worker/handle.ts) in Node, its fetch stubbed (issue #14):
 * - one failed load of oblasts.geojson does not break area computations until reload: the next request fetches again;
 * - the snapshots it holds are the same objects from one request to the next (so the core's caches hit), bounded,
 *   a load asked for twice is fetched once, and a failed load is not kept;
 * - a cancelled request stops waiting at once.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markOutsideUkraine, regionsFrom, snapshotAreas, type Snapshot } from '../../src/core/index.ts';
import { handle } from '../../src/ui/worker/handle.ts';
import { abortable } from '../../src/ui/worker/heldSources.ts';
import { HeldSnapshots } from '../../src/ui/worker/heldSnapshots.ts';
import type { Answer, Request } from '../../src/ui/worker/protocol.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/in/${name}`, import.meta.url), 'utf8');
const regionsText = fixture('snapshot-areas.regions.geojson');
const territoriesText = fixture('snapshot-areas.territories.geojson');

const ask = (req: Request) => handle(req, new AbortController().signal);
const urls = {
  oblasts: 'http://frontline.test/oblasts.geojson',
  focusAreas: 'http://frontline.test/focus-areas.geojson',
  settlements: 'http://frontline.test/settlements.geojson',
  frontOutline: 'http://frontline.test/front-outline.geojson',
};

afterEach(() => vi.unstubAllGlobals());

describe('data worker', () => {
  it('answers areas again after one failed load of oblasts.geojson (the failure is not cached)', async () => {
    let oblastRequests = 0;
    vi.stubGlobal('fetch', async (input: string) => {
      if (input !== urls.oblasts) return new Response('not here', { status: 404 });
      oblastRequests++;
      return oblastRequests === 1
        ? new Response('busy', { status: 503 })
        : new Response(regionsText, { status: 200, headers: { 'content-type': 'application/json' } });
    });
    await ask({ kind: 'init', urls });
    const file = new File([territoriesText], 'mine.geojson', { type: 'application/geo+json' });
    const imported = (await ask({ kind: 'import', file, fileDate: '2025-08-15' })) as Extract<
      Answer,
      { kind: 'import' }
    >;
    expect(imported.refs).toHaveLength(1);
    const ref = imported.refs[0]!;

    await expect(ask({ kind: 'areas', ref, regionIds: [] })).rejects.toThrow(/oblasts\.geojson: HTTP 503/u);
    const second = (await ask({ kind: 'areas', ref, regionIds: [] })) as Extract<Answer, { kind: 'areas' }>;
    expect(oblastRequests).toBe(2);
    // The same figures the core gives for the file's snapshot and those oblasts.
    const oblasts = regionsFrom(JSON.parse(regionsText) as Parameters<typeof regionsFrom>[0]);
    const snapshot = imported.imported.snapshots[0]!;
    const expected = snapshotAreas(markOutsideUkraine(snapshot, oblasts), []);
    expect(second.areas.total.occupied).toBeGreaterThan(0);
    expect(second.areas.total).toEqual(expected.total);
    // Kept once it succeeded: a third request fetches nothing.
    await ask({ kind: 'areas', ref, regionIds: [] });
    expect(oblastRequests).toBe(2);
    await ask({ kind: 'forget', refs: [ref] });
    await expect(ask({ kind: 'areas', ref, regionIds: [] })).rejects.toThrow(/no such layer/u);
  });

  it('holds one object per snapshot, fetches a load asked twice once, forgets failures, drops the least used', async () => {
    const held = new HeldSnapshots(2);
    const snap = (id: string) => ({ version: { id } }) as unknown as Snapshot;
    let loads = 0;
    const load = (id: string) => () => {
      loads++;
      return Promise.resolve(snap(id));
    };
    const [a1, a2] = await Promise.all([held.get('a', load('a')), held.get('a', load('a'))]);
    expect(loads).toBe(1);
    expect(a1).toBe(a2);
    expect(await held.get('a', load('a'))).toBe(a1);
    await expect(held.get('b', () => Promise.reject(new Error('HTTP 502')))).rejects.toThrow('HTTP 502');
    expect(held.peek('b')).toBeUndefined();
    await held.get('b', load('b'));
    expect(loads).toBe(2);
    await held.get('a', load('a')); // a is now the most recently used
    await held.get('c', load('c'));
    expect(held.size).toBe(2);
    expect(held.peek('b')).toBeUndefined();
    expect(held.peek('a')).toBe(a1);
  });

  it('a cancelled request stops waiting at once (the work it waited for goes on for others)', async () => {
    const controller = new AbortController();
    let finish!: (v: number) => void;
    const slow = new Promise<number>((resolve) => (finish = resolve));
    const waiting = abortable(slow, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    finish(7);
    await expect(slow).resolves.toBe(7);
    await expect(abortable(Promise.resolve(1), controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
