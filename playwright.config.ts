/**
 * Browser tests in Debian's Chromium (never a downloaded browser), against `vite preview` of the built app.
 * Server A serves the DeepStateMap API from the reference mirror (FRONTLINE_REFERENCE_DATA); server B points at a
 * closed local port, to show the app still opens when the source is unreachable.
 */
import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/support/chromium.ts';

const ref = process.env['FRONTLINE_REFERENCE_DATA'];
const CLOSED_PORT_API = 'http://127.0.0.1:9';
// Overridable so that two checkouts (or two people) can run the browser tests at once on one machine:
// FRONTLINE_E2E_PORT picks the first of two ports, FRONTLINE_E2E_DIST the built app to serve.
export const PORT_MIRROR = Number(process.env['FRONTLINE_E2E_PORT'] ?? 4311);
export const PORT_UNREACHABLE = PORT_MIRROR + 1;
const DIST = process.env['FRONTLINE_E2E_DIST'] ?? 'dist';
// Node answers HTTP 431 to a request whose line and headers pass 16 KB: a link with a few hundred pins, before the app
// could say anything. The preview server takes 256 KiB, like `npm run preview` (issue #18).
const PREVIEW = 'node --max-http-header-size=262144 node_modules/vite/bin/vite.js preview';

export default defineConfig({
  testDir: 'tests/e2e',
  // Playwright empties its output folder when it starts: a folder of its own, so test-results/unit.json (Vitest's
  // report, written just before by scripts/test.sh) stays for a look afterwards.
  outputDir: 'test-results/e2e-artifacts',
  // The compiled CLI, rebuilt if stale, for the tests that compare the app with it (tests/e2e/fixtures.ts CLI).
  globalSetup: './tests/support/e2eGlobalSetup.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  // How many browsers at once (FRONTLINE_E2E_WORKERS overrides): docs/testing.md has the measurements behind it.
  workers: Number(process.env['FRONTLINE_E2E_WORKERS'] ?? 2),
  retries: 0,
  reporter: [
    ['list'],
    ['json', { outputFile: process.env['FRONTLINE_E2E_JSON'] ?? 'test-results/e2e.json' }],
  ],
  use: {
    browserName: 'chromium',
    baseURL: `http://127.0.0.1:${PORT_MIRROR}`,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
  },
  webServer: [
    {
      command: `${PREVIEW} --outDir ${DIST} --port ${PORT_MIRROR} --strictPort`,
      url: `http://127.0.0.1:${PORT_MIRROR}/`,
      env: {
        FRONTLINE_DEEPSTATE_API: ref ? resolve(ref, 'deepstate-api') : CLOSED_PORT_API,
        FRONTLINE_ARCHIVE: ref ? resolve(ref, 'deepstate-archive') : CLOSED_PORT_API,
        FRONTLINE_OWLMAPS: ref ? resolve(ref, 'owlmaps-map-data', 'data') : CLOSED_PORT_API,
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `${PREVIEW} --outDir ${DIST} --port ${PORT_UNREACHABLE} --strictPort`,
      url: `http://127.0.0.1:${PORT_UNREACHABLE}/`,
      env: {
        FRONTLINE_DEEPSTATE_API: CLOSED_PORT_API,
        FRONTLINE_ARCHIVE: CLOSED_PORT_API,
        FRONTLINE_OWLMAPS: CLOSED_PORT_API,
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
