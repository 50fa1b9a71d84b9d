/**
 * Playwright's global set-up: the browser tests compare the app with the compiled CLI (dist-cli/frontline.js, the
 * package's `bin`), which starts in a fraction of the time `bin/frontline.js` takes to compile the sources through
 * tsx on every call. Rebuilt here, once, when a source of it changed since `npm ci` built it (`--if-stale`), so the
 * tests never compare with a stale bundle.
 */
import { execFileSync } from 'node:child_process';

export default function globalSetup(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs', '--if-stale'], { stdio: 'inherit' });
}
