/**
 * Shared browser-test helpers: every test collects page errors and must end with none (STYLE.md).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import '../../src/env.d.ts';

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The built app runs under a Content-Security-Policy: a violation is an error too.
    page.on('console', (m) => {
      if (/Content Security Policy/iu.test(m.text())) errors.push(`CSP: ${m.text()}`);
    });
    await use(errors);
    expect(errors, 'page errors').toEqual([]);
  },
});
export { expect };

/**
 * Waits until the map has loaded its style and sources and stopped moving: the main map is three stacked maps
 * (src/ui/map/stackedMaps.ts), so all three.
 */
export async function waitForMapIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const f = window.__frontline;
    const maps = [f?.map, f?.baseMap, f?.timelineMap].filter((m) => m !== undefined);
    return !!f?.map && maps.every((m) => m.loaded() && m.areTilesLoaded() && !m.isMoving());
  });
}

/**
 * Ids of the main map's style layers that start with `prefix`, bottom to top across its stacked maps (base,
 * timeline, top: src/ui/map/stackedMaps.ts).
 */
export function layerIds(page: Page, prefix: string): Promise<string[]> {
  return page.evaluate((p) => {
    const f = window.__frontline;
    return [f?.baseMap, f?.timelineMap, f?.map]
      .flatMap((m) => m?.getStyle().layers ?? [])
      .map((l) => l.id)
      .filter((id) => id.startsWith(p));
  }, prefix);
}

/** A map on `window.__frontline`: the main (top) map, or one of the two stacked under it. */
export type MapHandleName = 'map' | 'baseMap' | 'timelineMap';

/**
 * One frame of each named map, drawn on request: its GL draw calls and its pixels (a PNG data URL read inside the
 * `render` event, since the drawing buffer is not kept after the frame).
 */
export function drawnFrames(
  page: Page,
  which: readonly MapHandleName[],
): Promise<{ draws: number; png: string }[]> {
  return page.evaluate(async (names) => {
    const out = [];
    for (const name of names) {
      const map = window.__frontline![name]!;
      const gl = map.painter.context.gl;
      const own = gl.drawElements;
      let draws = 0;
      gl.drawElements = (...args) => {
        draws++;
        own.apply(gl, args);
      };
      const png = await new Promise<string>((resolve) => {
        map.once('render', () => resolve(map.getCanvas().toDataURL('image/png')));
        map.triggerRepaint();
      });
      delete (gl as Partial<WebGL2RenderingContext>).drawElements;
      out.push({ draws, png });
    }
    return out;
  }, which);
}

export const hasReference = !!process.env['FRONTLINE_REFERENCE_DATA'];
export const NO_REFERENCE_REASON =
  'FRONTLINE_REFERENCE_DATA is not set: no local DeepStateMap mirror to test dated layers against';

/** The second preview server, whose sources point at a closed port (playwright.config.ts). */
export const UNREACHABLE_URL = `http://127.0.0.1:${Number(process.env['FRONTLINE_E2E_PORT'] ?? 4311) + 1}/`;

/**
 * The command line the browser tests compare the app with: the compiled bundle (the package's `bin`), kept current by
 * tests/support/e2eGlobalSetup.ts. It starts at once; `bin/frontline.js` compiles the sources through tsx each call.
 */
export const CLI = 'dist-cli/frontline.js';

/**
 * The CLI's own `change` report for the reference mirror's daily archive, parsed: what the browser must show for the
 * same dates. `extra` adds options (e.g. `--areas FILE`).
 * @example const cli = cliChange<Report>('2025-08-15', '2025-11-20');
 */
export function cliChange<T>(from: string, to: string, ...extra: string[]): T {
  const ref = process.env['FRONTLINE_REFERENCE_DATA'] ?? '';
  const args = ['change', '--source', 'archive', '--data', resolve(ref, 'deepstate-archive')];
  const out = execFileSync('node', [CLI, ...args, '--from', from, '--to', to, ...extra], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out) as T;
}

/**
 * Opens the app at `query` and waits for the map and the default comparison's figures, whose group is named
 * `figures` (English unless a test expects otherwise).
 * @example await openCompared(page, '?source=archive&lang=uk', /^Зміни з/u);
 */
export async function openCompared(
  page: Page,
  query = '?source=archive',
  figures: RegExp = /^Change from/u,
): Promise<void> {
  await page.goto(`/${query}`);
  await waitForMapIdle(page);
  await expect(page.getByRole('group', { name: figures })).toBeVisible({ timeout: 60_000 });
}

/**
 * Decodes a PNG in the page (the browser's own decoder) and measures the share of its pixels within `tol` of
 * `rgb`: over the whole image, and down each column of `columns` (x in image pixels).
 * @example const { width, share } = await pngShares(page, bytes, [0xd4, 0xe4, 0xee], 2);
 */
export function pngShares(
  page: Page,
  bytes: Buffer,
  rgb: readonly [number, number, number],
  tol: number,
  columns: readonly number[] = [],
): Promise<{ width: number; height: number; share: number; columnShares: number[] }> {
  return page.evaluate(
    async ({ b64, rgb: [r, g, b], tol, columns }) => {
      // Not fetch(data:…): the app's Content-Security-Policy rightly refuses it.
      const raw = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const img = await createImageBitmap(new Blob([raw], { type: 'image/png' }));
      const c = new OffscreenCanvas(img.width, img.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, img.width, img.height).data;
      const near = (i: number) =>
        Math.abs(px[i]! - r) <= tol && Math.abs(px[i + 1]! - g) <= tol && Math.abs(px[i + 2]! - b) <= tol;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (near(i)) n++;
      const columnShares = columns.map((x) => {
        let m = 0;
        for (let y = 0; y < img.height; y++) if (near((y * img.width + x) * 4)) m++;
        return m / img.height;
      });
      return { width: img.width, height: img.height, share: n / (px.length / 4), columnShares };
    },
    { b64: bytes.toString('base64'), rgb, tol, columns },
  );
}

/**
 * The texts of the labels MapLibre has placed in the main map's symbol layers (a label dropped because it would
 * overlap another is not rendered), read through each layer's `['get', key]` text field (issue #12).
 * @example await expect.poll(() => renderedLabels(page, ['oblast-labels'])).toContain('Donetsk');
 */
export function renderedLabels(page: Page, layers: readonly string[]): Promise<string[]> {
  return page.evaluate((ids) => {
    const map = window.__frontline?.map;
    const present = ids.filter((id) => map?.getLayer(id));
    if (!map || !present.length) return [];
    return map.queryRenderedFeatures({ layers: present }).map((f) => {
      const field = map.getLayoutProperty(f.layer.id, 'text-field') as [string, string];
      return String(f.properties[field[1]]);
    });
  }, layers);
}

/** Opens `text` as a state file through the page's "Open state file" control. */
export async function openStateFile(
  page: Page,
  name: string,
  text: string,
  label = 'Open state file',
): Promise<void> {
  await page
    .getByLabel(label)
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}
