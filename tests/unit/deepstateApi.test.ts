/**
 * The DeepStateMap adapter with an injected fake fetch: no server, no network.
 */
import { describe, expect, it } from 'vitest';
import type { Version } from '../../src/core/index.ts';
import { createDeepStateApi } from '../../src/sources/deepstateApi.ts';
import { SourceError, type FetchLike } from '../../src/sources/fetchJson.ts';

const BASE = 'http://mirror.invalid/api/deepstate';
const VERSION: Version = { id: '1754077960', createdAt: '2025-08-01T19:52:40.000Z', date: '2025-08-01' };

const HISTORY = [
  {
    id: 1754077960,
    createdAt: '2025-08-01T19:52:40.000Z',
    datetime: '01.08 21:52',
    descriptionEn: 'Pokrovsk',
  },
  { id: 1648989208, createdAt: '2022-04-03T12:33:28.000Z', datetime: '03.04 14:33' },
  { id: 'broken' },
];

const GEOJSON = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: 'Окуповано /// Occupied /// geoJSON.status.occupied', fill: '#a52714' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [37, 48, 0],
            [37.1, 48, 0],
            [37.1, 48.1, 0],
            [37, 48, 0],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { name: 'Напрямок атаки /// Attack direction /// geoJSON.status.attack_direction' },
      geometry: { type: 'Point', coordinates: [37.2, 48.2, 0] },
    },
  ],
};

/** A fake fetch answering from a table of url → Response factory, recording every call. */
function fakeFetch(routes: Record<string, () => Response | Promise<Response>>): {
  fetch: FetchLike;
  calls: { url: string; init: RequestInit | undefined }[];
} {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const route = routes[url];
    return route ? route() : new Response('{"error":"no such route"}', { status: 404 });
  };
  return { fetch, calls };
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The SourceError a promise rejects with (fails the test if it resolves or throws something else). */
async function sourceError(promise: Promise<unknown>): Promise<SourceError> {
  const err = await promise.then(
    () => expect.fail('expected a SourceError'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

describe('createDeepStateApi', () => {
  it('lists versions oldest first from /history/public, with warnings about skipped entries', async () => {
    const { fetch, calls } = fakeFetch({ [`${BASE}/history/public`]: () => json(HISTORY) });
    // A trailing slash on the base URL is tolerated.
    const api = createDeepStateApi({ baseUrl: `${BASE}/`, fetch });
    const { versions, warnings } = await api.listVersions();
    expect(versions).toEqual([
      { id: '1648989208', createdAt: '2022-04-03T12:33:28.000Z', date: '2022-04-03' },
      {
        id: '1754077960',
        createdAt: '2025-08-01T19:52:40.000Z',
        date: '2025-08-01',
        description: 'Pokrovsk',
      },
    ]);
    expect(warnings).toEqual(['history list: entry 2: missing id or createdAt, skipped']);
    expect(calls.map((c) => c.url)).toEqual([`${BASE}/history/public`]);
    expect(new Headers(calls[0]!.init?.headers).get('accept')).toBe('application/json');
    expect(calls[0]!.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('fails listing with the parser issue when the list is not an array', async () => {
    const { fetch } = fakeFetch({ [`${BASE}/history/public`]: () => json({ versions: [] }) });
    const err = await sourceError(createDeepStateApi({ baseUrl: BASE, fetch }).listVersions());
    expect(err.message).toBe(`${BASE}/history/public: history list: expected a JSON array of versions`);
  });

  it('loads a version from /history/{id}/geojson into a snapshot', async () => {
    const { fetch, calls } = fakeFetch({ [`${BASE}/history/1754077960/geojson`]: () => json(GEOJSON) });
    const snapshot = await createDeepStateApi({ baseUrl: BASE, fetch }).loadVersion(VERSION);
    expect(calls.map((c) => c.url)).toEqual([`${BASE}/history/1754077960/geojson`]);
    expect(snapshot.source).toBe('deepstate-api');
    expect(snapshot.version).toEqual(VERSION);
    expect(snapshot.territories.map((t) => [t.properties.cls, t.geometry.coordinates])).toEqual([
      [
        'occupied',
        [
          [
            [37, 48],
            [37.1, 48],
            [37.1, 48.1],
            [37, 48],
          ],
        ],
      ],
    ]);
    expect(snapshot.markers.map((m) => m.properties.key)).toEqual(['geoJSON.status.attack_direction']);
    expect(snapshot.warnings).toEqual([]);
  });

  it('fails with "not published (404)" for a version the server does not have', async () => {
    const { fetch } = fakeFetch({});
    const err = await sourceError(createDeepStateApi({ baseUrl: BASE, fetch }).loadVersion(VERSION));
    expect(err.message).toBe(`${BASE}/history/1754077960/geojson: not published (404): no such route`);
    expect(err.status).toBe(404);
    expect(err.url).toBe(`${BASE}/history/1754077960/geojson`);
  });

  it('names other HTTP statuses', async () => {
    const { fetch } = fakeFetch({ [`${BASE}/history/public`]: () => new Response('oops', { status: 503 }) });
    const err = await sourceError(createDeepStateApi({ baseUrl: BASE, fetch }).listVersions());
    expect(err.message).toBe(`${BASE}/history/public: HTTP 503`);
    expect(err.status).toBe(503);
  });

  it('says an HTML page answered with 200 is not JSON', async () => {
    const html = () =>
      new Response('<!DOCTYPE html>\n<html><body>Cloudflare</body></html>', {
        status: 200,
        headers: { 'content-type': 'text/html' },
      });
    const { fetch } = fakeFetch({ [`${BASE}/history/1754077960/geojson`]: html });
    const err = await sourceError(createDeepStateApi({ baseUrl: BASE, fetch }).loadVersion(VERSION));
    expect(err.message).toBe(
      `${BASE}/history/1754077960/geojson: the answer is not JSON (an HTML page, perhaps an error page)`,
    );
    expect(err.status).toBe(200);
  });

  it('fails with the parser issue when the JSON is not a FeatureCollection', async () => {
    const { fetch } = fakeFetch({ [`${BASE}/history/1754077960/geojson`]: () => json({ type: 'Feature' }) });
    const err = await sourceError(createDeepStateApi({ baseUrl: BASE, fetch }).loadVersion(VERSION));
    expect(err.message).toBe(
      '2025-08-01 deepstate-api 1754077960: not a GeoJSON FeatureCollection: got a single Feature; ' +
        'wrap it as {"type": "FeatureCollection", "features": [...]}',
    );
  });

  it('says "unreachable" when fetch rejects, with its reason', async () => {
    const fetch: FetchLike = () => Promise.reject(new TypeError('fetch failed (ECONNREFUSED)'));
    const err = await sourceError(createDeepStateApi({ baseUrl: BASE, fetch }).listVersions());
    expect(err.message).toBe(`${BASE}/history/public: unreachable (fetch failed (ECONNREFUSED))`);
    expect(err.status).toBe(0);
  });

  it('gives up after timeoutMs with a message naming the wait', async () => {
    // A fetch that only ends when its signal aborts, as the real one does.
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const err = await sourceError(createDeepStateApi({ baseUrl: BASE, fetch, timeoutMs: 50 }).listVersions());
    expect(err.message).toBe(`${BASE}/history/public: no answer within 0.05 s`);
  });

  it('says "cancelled" when the caller aborts', async () => {
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const controller = new AbortController();
    const pending = createDeepStateApi({ baseUrl: BASE, fetch }).loadVersion(VERSION, controller.signal);
    controller.abort();
    const err = await sourceError(pending);
    expect(err.message).toBe(`${BASE}/history/1754077960/geojson: cancelled`);
  });

  it.each(['12a', '../1', '', '1754077960/../../admin'])(
    'refuses the non-numeric id %j without fetching',
    async (id) => {
      const { fetch, calls } = fakeFetch({});
      const err = await sourceError(
        createDeepStateApi({ baseUrl: BASE, fetch }).loadVersion({ ...VERSION, id }),
      );
      expect(err.message).toBe(`version id ${JSON.stringify(id)} is not numeric`);
      expect(calls).toEqual([]);
    },
  );
});
