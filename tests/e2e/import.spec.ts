/**
 * A user's own file in the browser (issue #5) and hostile content in it (issue #6): names render as text, nothing
 * runs, nothing is fetched, and a bad file changes nothing already loaded.
 */
import { expect, layerIds, test, UNREACHABLE_URL, waitForMapIdle } from './fixtures.ts';

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  'javascript:window.__pwned=3',
  "{{constructor.constructor('window.__pwned=4')()}}",
];

/** A small square near Pokrovsk, offset by `k` so the four don't overlap. */
function square(k: number): number[][][] {
  const x = 37.0 + 0.12 * k;
  const y = 48.2;
  return [
    [
      [x, y],
      [x + 0.1, y],
      [x + 0.1, y + 0.1],
      [x, y + 0.1],
      [x, y],
    ],
  ];
}

const fileOf = (name: string, content: string) => ({
  name,
  mimeType: 'application/geo+json',
  buffer: Buffer.from(content),
});

const goodFile = JSON.stringify({
  type: 'FeatureCollection',
  features: HOSTILE.map((name, k) => ({
    type: 'Feature',
    properties: { name, class: 'occupied' },
    geometry: { type: 'Polygon', coordinates: square(k) },
  })),
});

test('a dropped file with hostile names shows as its own layer, names as text, nothing runs', async ({
  page,
  pageErrors,
}) => {
  const dialogs: string[] = [];
  const strayRequests: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (/\/x$|javascript:/u.test(r.url())) strayRequests.push(r.url());
  });
  await page.goto(UNREACHABLE_URL);
  await waitForMapIdle(page);
  const picker = page.getByLabel('Add a GeoJSON file (or drop it here)');
  await picker.setInputFiles(fileOf('<img src=x onerror=alert(1)>-2025-08-15.geojson', goodFile));
  const list = page.getByRole('list', { name: 'Layers from your files' });
  await expect(list).toContainText('<img src=x onerror=alert(1)>-2025-08-15.geojson');
  await expect(list).toContainText('2025-08-15 · 4 polygons');
  await expect.poll(() => layerIds(page, 'user-')).toHaveLength(2);
  // Occupied area of four 0.1° squares at 48.2° N: about 4 × 82.9 km².
  await expect(list).toContainText(/occupied 33\d\.\d\d km²/u);

  // Hover the first square: the tooltip shows the name literally.
  await page.evaluate(() => window.__frontline!.map.jumpTo({ center: [37.25, 48.25], zoom: 9 }));
  await waitForMapIdle(page);
  const box = (await page.locator('.map').boundingBox())!;
  const pt = await page.evaluate(() => window.__frontline!.map.project([37.05, 48.25]));
  await page.mouse.move(box.x + pt.x, box.y + pt.y);
  await expect(page.getByRole('tooltip')).toContainText(HOSTILE[0]!);
  for (const [k, name] of HOSTILE.entries()) {
    const p = await page.evaluate((kk) => window.__frontline!.map.project([37.05 + 0.12 * kk, 48.25]), k);
    await page.mouse.move(box.x + p.x, box.y + p.y);
    await expect(page.getByRole('tooltip')).toContainText(name);
  }
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(strayRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('an invalid file lists its problems and changes nothing already loaded', async ({ page }) => {
  await page.goto(UNREACHABLE_URL);
  await waitForMapIdle(page);
  const picker = page.getByLabel('Add a GeoJSON file (or drop it here)');
  await picker.setInputFiles(fileOf('mine-2025-08-15.geojson', goodFile));
  await expect.poll(() => layerIds(page, 'user-')).toHaveLength(2);

  await picker.setInputFiles(
    fileOf('broken-2025-09-01.geojson', '{"type": "FeatureCollection", "features": [ {"ty'),
  );
  await expect(
    page.getByRole('alert').filter({ hasText: 'Nothing was loaded from that file' }),
  ).toContainText('not valid JSON');
  await picker.setInputFiles(
    fileOf('page-2025-09-01.geojson', '<!doctype html><html><body>502 Bad Gateway</body></html>'),
  );
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was loaded' })).toContainText('HTML page');
  await picker.setInputFiles(
    fileOf(
      'nodate.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { class: 'grey' },
            geometry: { type: 'Polygon', coordinates: square(0) },
          },
        ],
      }),
    ),
  );
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was loaded' })).toContainText('no date');
  await picker.setInputFiles(
    fileOf(
      'far-2025-09-01.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { class: 'grey' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [37, 48],
                  [37, 95],
                  [38, 48],
                  [37, 48],
                ],
              ],
            },
          },
        ],
      }),
    ),
  );
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was loaded' })).toBeVisible();
  // The first file's layer is still there, alone.
  expect(await layerIds(page, 'user-')).toHaveLength(2);
  await expect(page.getByRole('list', { name: 'Layers from your files' }).getByRole('listitem')).toHaveCount(
    1,
  );
});

test('the same file imported, removed and imported again keeps one layer per import (keys never repeat)', async ({
  page,
  pageErrors,
}) => {
  await page.goto(UNREACHABLE_URL);
  await waitForMapIdle(page);
  const picker = page.getByLabel('Add a GeoJSON file (or drop it here)');
  const list = page.getByRole('list', { name: 'Layers from your files' });
  const file = fileOf('same-2025-08-15.geojson', goodFile);
  await picker.setInputFiles(file);
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await picker.setInputFiles([]);
  await picker.setInputFiles(file);
  await expect(list.getByRole('listitem')).toHaveCount(2);
  // Remove the first import, then import the file a third time: a key made from the list's length would now repeat
  // the second import's key (Svelte's each_key_duplicate, and a duplicate MapLibre source id).
  await list
    .getByRole('button', { name: /Remove/u })
    .first()
    .click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await picker.setInputFiles([]);
  await picker.setInputFiles(file);
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect.poll(() => layerIds(page, 'user-')).toHaveLength(4);
  expect(pageErrors).toEqual([]);
});
