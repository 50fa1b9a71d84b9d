/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import {
  ARCHIVE_MOUNT,
  archiveMiddleware,
  DEEPSTATE_MOUNT,
  deepstateMiddleware,
  DEFAULT_ARCHIVE,
  resolveDeepStateTarget,
  DEFAULT_OWLMAPS,
  OWLMAPS_MOUNT,
  owlmapsMiddleware,
} from './src/server/deepstateMiddleware.ts';
import { glyphsPlugin } from './src/server/glyphsPlugin.ts';
import { settlementLabelsPlugin } from './src/server/settlementLabelsPlugin.ts';

/** Serves the DeepStateMap API same-origin in `vite` (dev) and `vite preview`; see src/server/deepstateMiddleware.ts. */
function deepstateApi(): Plugin {
  const api = resolveDeepStateTarget(process.env['FRONTLINE_DEEPSTATE_API']);
  const archive = resolveDeepStateTarget(process.env['FRONTLINE_ARCHIVE'], process.cwd(), DEFAULT_ARCHIVE);
  // Issue #16: UA Control Map, live by default, or a folder (its data/ directory, or a mirror made by `sync`).
  const owlmaps = resolveDeepStateTarget(process.env['FRONTLINE_OWLMAPS'], process.cwd(), DEFAULT_OWLMAPS);
  const where = (t: typeof api) => (t.kind === 'folder' ? `folder ${t.dir}` : t.base);
  const mount = (middlewares: {
    use: (path: string, fn: ReturnType<typeof deepstateMiddleware>) => void;
  }) => {
    middlewares.use(DEEPSTATE_MOUNT, deepstateMiddleware(api));
    middlewares.use(ARCHIVE_MOUNT, archiveMiddleware(archive));
    middlewares.use(OWLMAPS_MOUNT, owlmapsMiddleware(owlmaps));
  };
  return {
    name: 'frontline-deepstate-api',
    configureServer(server) {
      server.config.logger.info(`  DeepStateMap API: ${where(api)} (same-origin at ${DEEPSTATE_MOUNT})`);
      server.config.logger.info(`  DeepState archive: ${where(archive)} (same-origin at ${ARCHIVE_MOUNT})`);
      server.config.logger.info(`  UA Control Map: ${where(owlmaps)} (same-origin at ${OWLMAPS_MOUNT})`);
      mount(server.middlewares);
    },
    configurePreviewServer(server) {
      mount(server.middlewares);
    },
  };
}

/**
 * The Content-Security-Policy of the built app (issue #6): everything from its own origin; workers from its own
 * files or blob: URLs; images also from data:/blob: (map export); styles allow inline because MapLibre and
 * Observable Plot insert <style> elements. No inline or remote script, no plugins, no framing of forms elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'frontline-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<head>',
        `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  plugins: [svelte(), deepstateApi(), contentSecurityPolicy(), glyphsPlugin(), settlementLabelsPlugin()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  // Svelte components under Vitest/jsdom need the browser build of svelte.
  resolve: process.env['VITEST'] ? { conditions: ['browser'] } : {},
  server: { port: 5173, strictPort: false, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  worker: { format: 'es' },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // The CLI's caches (src/sources/node/cache.ts: fetched and validated snapshots) go to a temporary folder, never the
    // user's ~/.cache/frontline.
    env: process.env['VITEST']
      ? { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'frontline-test-cache-')) }
      : {},
  },
});
