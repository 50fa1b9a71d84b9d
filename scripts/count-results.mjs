// Prints "<passed> <failed>" from a Vitest or Playwright JSON report, for scripts/test.sh.
// A run that failed without a failing test (an import error, a web server that did not start) counts as one failure.
import { readFileSync } from 'node:fs';

const [kind, file, exitCode] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, 'utf8'));
let passed;
let failed;
if (kind === 'vitest') {
  passed = report.numPassedTests;
  failed = report.numFailedTests;
} else {
  passed = report.stats.expected + report.stats.flaky;
  failed = report.stats.unexpected;
}
if (failed === 0 && Number(exitCode) !== 0) failed = 1;
console.log(passed, failed);
