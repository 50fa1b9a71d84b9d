/**
 * The DeepStateMap adapter on real versions, served over HTTP from the reference folder (issue #2).
 * Skipped, with the reason printed, when FRONTLINE_REFERENCE_DATA is absent.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotAreas } from '../../src/core/index.ts';
import { createDeepStateApi, type DeepStateApi } from '../../src/sources/deepstateApi.ts';
import { referenceDir, serveDeepStateFolder } from '../support/referenceData.ts';
import { PUBLISHED_REL } from './tolerances.ts';

const ref = referenceDir();

interface Published {
  id: number;
  occupied: number;
  liberated: number;
  unspecified: number;
}

describe.skipIf(!ref)('DeepStateMap adapter on the reference mirror', () => {
  let api: DeepStateApi;
  let close: () => Promise<void>;
  let published: Published[];

  beforeAll(async () => {
    const served = await serveDeepStateFolder(`${ref}/deepstate-api`);
    close = served.close;
    api = createDeepStateApi({ baseUrl: served.baseUrl, fetch: (u, i) => fetch(u, i) });
    published = JSON.parse(readFileSync(`${ref}/deepstate-published-areas.json`, 'utf8')) as Published[];
  });
  afterAll(() => close?.());

  it('lists every published version with dates from createdAt', async () => {
    const { versions, warnings } = await api.listVersions();
    expect(versions.length).toBe(1734);
    expect(warnings).toEqual([]);
    expect(versions[0]).toMatchObject({ id: '1648989208', date: '2022-04-03' });
    expect(versions.at(-1)!.date).toBe('2026-08-21');
    expect(versions.find((v) => v.id === '1754077960')?.date).toBe('2025-08-01');
  });

  it('class areas of 2025-08-01 (version 1754077960) are within 0.5% of DeepState’s published figures', async () => {
    const { versions } = await api.listVersions();
    const snapshot = await api.loadVersion(versions.find((v) => v.id === '1754077960')!);
    // Its one warning (issue #3's validation): five holes are drawn counter-clockwise like their shells, against
    // RFC 7946 §3.1.6; they are rewound. Areas do not depend on winding.
    expect(snapshot.warnings).toEqual([
      '2025-08-01 deepstate-api 1754077960: 5 rings wound against RFC 7946 (outer rings counter-clockwise, holes ' +
        'clockwise) in features 52, 53, 55; rewound',
    ]);
    // Satirical overlays (Karelia, Kuril, Prussia…) are dropped; units and attack arrows are kept aside.
    expect(snapshot.territories.some((t) => /karelia|kuril/iu.test(t.properties.name))).toBe(false);
    expect(snapshot.markers.length).toBeGreaterThan(50);
    const areas = snapshotAreas(snapshot).total;
    const pub = published.find((p) => p.id === 1754077960)!;
    console.info(
      `2025-08-01 computed vs published km²: occupied ${areas.occupied.toFixed(1)} / ${pub.occupied.toFixed(1)}, ` +
        `grey ${areas.grey.toFixed(1)} / ${pub.unspecified.toFixed(1)}, liberated ${areas.liberated.toFixed(1)} / ${pub.liberated.toFixed(1)}`,
    );
    expect(Math.abs(areas.occupied / pub.occupied - 1)).toBeLessThan(PUBLISHED_REL);
    expect(Math.abs(areas.grey / pub.unspecified - 1)).toBeLessThan(PUBLISHED_REL);
    expect(Math.abs(areas.liberated / pub.liberated - 1)).toBeLessThan(PUBLISHED_REL);
    // Crimea and the pre-2022 areas are their own class, about 44,000 km².
    expect(areas.occupied_pre2022).toBeGreaterThan(43_000);
    expect(areas.occupied_pre2022).toBeLessThan(45_000);
  });

  it('a version missing from the mirror fails with a clear 404 error', async () => {
    const { versions } = await api.listVersions();
    const missing = versions.find((v) => v.date === '2025-08-15')!;
    await expect(api.loadVersion(missing)).rejects.toThrow(/not published \(404\)/u);
  });
});
