#!/usr/bin/env node
// Runs the CLI from its TypeScript sources through tsx's loader, for development (no build step, always current).
// The package's `bin` is the compiled bundle, dist-cli/frontline.js (scripts/build-cli.mjs), which starts at once.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
