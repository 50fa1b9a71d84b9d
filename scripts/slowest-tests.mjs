// Prints the slowest tests of a Playwright or Vitest JSON report (as scripts/test.sh writes them), so the time a
// run takes can be traced to the tests that take it. Usage: node scripts/slowest-tests.mjs FILE.json [COUNT]
// e.g. node scripts/slowest-tests.mjs test-results/e2e.json 15
import { readFileSync } from 'node:fs';

const [file, countArg = '10'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/slowest-tests.mjs REPORT.json [COUNT]');
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
/** @type {{ ms: number, name: string, status: string }[]} */
const rows = [];
/** Playwright only: seconds per spec file, the unit its workers share out. */
const byFile = new Map();
if (Array.isArray(report.testResults)) {
  // Vitest: one entry per file, its tests with their durations.
  for (const f of report.testResults) {
    const ms = f.assertionResults.reduce((s, t) => s + (t.duration ?? 0), 0);
    rows.push({
      ms,
      name: `${f.name.replace(`${process.cwd()}/`, '')} (${f.assertionResults.length} tests)`,
      status: f.status,
    });
  }
} else {
  // Playwright: suites (files, then describe blocks) hold specs, each with one result per run.
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests)
        for (const r of t.results) {
          const file = suite.file ?? path;
          rows.push({ ms: r.duration, name: `${file} › ${spec.title}`, status: r.status });
          byFile.set(file, (byFile.get(file) ?? 0) + r.duration);
        }
    for (const s of suite.suites ?? []) walk(s, suite.file ?? path);
  };
  for (const s of report.suites) walk(s, s.file);
}
const total = rows.reduce((s, r) => s + r.ms, 0);
rows.sort((a, b) => b.ms - a.ms);
const count = Number(countArg);
console.log(
  `${rows.length} entries, ${(total / 1000).toFixed(1)} s in all; the ${Math.min(count, rows.length)} slowest:`,
);
for (const r of rows.slice(0, count))
  console.log(`${(r.ms / 1000).toFixed(1).padStart(7)} s  ${r.status.padEnd(8)} ${r.name}`);
if (byFile.size) {
  const files = [...byFile].sort((a, b) => b[1] - a[1]);
  console.log(`by spec file: ${files.map(([f, ms]) => `${f} ${(ms / 1000).toFixed(0)} s`).join(', ')}`);
}
