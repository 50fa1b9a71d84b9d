/**
 * Debian's Chromium (never a downloaded browser) and the flags that work on this machine: software WebGL renders,
 * and nothing tries to reach the network. Shared by playwright.config.ts and bench/ui.ts.
 */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];
