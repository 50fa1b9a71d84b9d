/**
 * Issue #14: panels take the state they read from context (src/ui/state/context.ts), not through AppState. ESLint
 * says so (eslint.config.js); each case lints planted code through the project's own config, so the rule is proven
 * to fire on a panel and not on the three that switch or restart the source.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function breaches(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const component = (spec: string, name: string) =>
  `<script lang="ts">\n  import { ${name} } from '${spec}';\n  const s = ${name}();\n</script>\n<p>{String(s)}</p>\n`;

describe('panels take their state from context', () => {
  it.each(['src/ui/panels/Legend.svelte', 'src/ui/panels/Timeline.svelte'])(
    '%s reaching AppState fails lint',
    async (path) => {
      const found = await breaches(path, component('../appState.svelte.ts', 'getAppState'));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/takes its state from context/u);
    },
  );

  it('a module among the panels reaching AppState fails lint', async () => {
    const code =
      "import { getAppState } from '../appState.svelte.ts';\nexport const planted = getAppState;\n";
    expect(await breaches('src/ui/panels/planted.ts', code)).toHaveLength(1);
  });

  it('the same panel taking a part from context passes', async () => {
    expect(
      await breaches('src/ui/panels/Legend.svelte', component('../state/context.ts', 'getTimeline')),
    ).toEqual([]);
  });

  it.each([
    'src/ui/panels/SourcePicker.svelte',
    'src/ui/panels/SourceNotice.svelte',
    'src/ui/panels/StateFilePanel.svelte',
  ])('%s, which switches or restarts the source, may reach AppState', async (path) => {
    expect(await breaches(path, component('../appState.svelte.ts', 'getAppState'))).toEqual([]);
  });

  it('the Node-only rule still holds among the panels', async () => {
    const code = "import { readFileSync } from 'node:fs';\nexport const planted = readFileSync;\n";
    expect(await breaches('src/ui/panels/planted.ts', code)).toHaveLength(1);
  });
});
