/** The compiled CLI's entry (scripts/build-cli.mjs bundles it into dist-cli/frontline.js, the package's `bin`). */
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
