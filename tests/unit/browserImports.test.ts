/**
 * The Node/browser split (issue #14, docs/architecture.md): ESLint fails when code the browser runs (src/core, src/ui,
 * src/main.ts, the adapters at the top of src/sources) imports a Node built-in — `node:fs`, or bare `fs`, `crypto`,
 * `fs/promises` — or anything from src/sources/node. Each case lints a planted file through the project's own config,
 * so the rule is proven to fire (and not to fire on the Node-only side).
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

/** The messages of no-restricted-imports for `code` linted as if it were the file `path`. */
async function breaches(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const use = (spec: string): string => `import * as m from '${spec}';\nexport const planted = m;\n`;

describe('Node built-ins stay out of what the browser runs', () => {
  it.each([
    ['src/ui/planted.ts', 'node:fs'],
    ['src/ui/planted.ts', 'fs'],
    ['src/ui/planted.ts', 'crypto'],
    ['src/ui/map/planted.ts', 'fs/promises'],
    ['src/ui/myAreas.svelte.ts', 'node:path'],
    ['src/main.ts', 'os'],
    ['src/sources/planted.ts', 'path'],
    ['src/sources/planted.ts', 'node:crypto'],
    ['src/core/geometry/planted.ts', 'fs'],
    ['src/core/model/planted.ts', 'node:worker_threads'],
  ])('%s importing %s fails lint', async (path, spec) => {
    const found = await breaches(path, use(spec));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/Node built-ins|src\/core does no I\/O/u);
  });

  it.each([
    ['src/ui/planted.ts', '../sources/node/cache.ts'],
    ['src/ui/map/planted.ts', '../../sources/node/folder.ts'],
    ['src/sources/planted.ts', './node/writeFileAtomic.ts'],
    ['src/core/io/planted.ts', '../../sources/node/fileFetch.ts'],
  ])('%s importing %s (Node-only sources) fails lint', async (path, spec) => {
    expect(await breaches(path, use(spec))).toHaveLength(1);
  });

  it('a planted import in a Svelte component fails lint too', async () => {
    const code = `<script lang="ts">\n  import { readFileSync } from 'node:fs';\n  const t = readFileSync;\n</script>\n<p>{String(t)}</p>\n`;
    const found = await breaches('src/ui/panels/LocaleSwitch.svelte', code);
    expect(found).toHaveLength(1);
  });

  it.each([
    ['src/sources/node/planted.ts', 'node:fs'],
    ['src/sources/node/planted.ts', '../archive.ts'],
    ['src/cli/planted.ts', 'fs'],
    ['src/cli/planted.ts', '../sources/node/cache.ts'],
    ['src/server/planted.ts', 'node:http'],
    ['src/ui/planted.ts', '../sources/archive.ts'],
    ['src/sources/planted.ts', './readBody.ts'],
  ])('%s importing %s is allowed', async (path, spec) => {
    expect(await breaches(path, use(spec))).toEqual([]);
  });
});
