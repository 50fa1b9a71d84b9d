// Flat ESLint config: typescript-eslint + eslint-plugin-svelte. src/core stays pure (STYLE.md): no I/O, DOM,
// Svelte or MapLibre imports there.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// What the browser runs (src/core, src/ui, src/main.ts and the adapters at the top of src/sources) imports no Node
// built-in, bare ('fs') or prefixed ('node:fs'), and nothing from src/sources/node (the Node-only half: disk cache,
// folder source, atomic writes, mirroring). docs/architecture.md; tests/unit/browserImports.test.ts plants a breach.
const NODE_ONLY = {
  group: ['node:*', ...builtinModules.flatMap((m) => [m, `${m}/*`])],
  message: 'Node built-ins stay out of code the browser runs (src/sources/node and src/cli are Node-only).',
};
const NODE_SOURCES = {
  group: ['**/sources/node/*', './node/*'],
  message: 'src/sources/node is Node-only; the browser imports only the adapters at the top of src/sources.',
};

export default ts.config(
  {
    ignores: [
      'dist/',
      'dist-cli/',
      'node_modules/',
      'scripts/geodata/node_modules/',
      '.frontline-tmp/',
      '*.tmp.mjs',
      '*.tmp.ts',
      'test-results/',
      'playwright-report/',
      'geodata/cache/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // TypeScript already checks undefined names (and knows declared globals such as __APP_VERSION__).
      'no-undef': 'off',
      // Flags every local Map/Set, even short-lived ones built inside a $derived; reactivity here is explicit
      // (fields are replaced, never mutated), so the rule only adds noise.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    // No import cycles (STYLE.md habit 14): shared types live below both users. The rule follows imports that run;
    // tests/unit/importCycles.test.ts also follows `import type`.
    // Svelte components are leaves (no module imports one back), so the modules' graph is what is followed.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.svelte.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...NODE_ONLY, message: 'src/core does no I/O (STYLE.md).' },
            {
              group: ['svelte', 'svelte/*', 'maplibre-gl', '*.svelte'],
              message: 'src/core is framework-free.',
            },
            {
              group: ['**/ui/*', '**/cli/*', '**/sources/*', '**/server/*'],
              message: 'src/core depends on nothing above it.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'fetch', 'document', 'window', 'localStorage'],
    },
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.svelte', 'src/main.ts', 'src/sources/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NODE_ONLY, NODE_SOURCES] }] },
  },
  {
    // Issue #14: a panel takes the parts of the state it reads from context (src/ui/state/context.ts), as
    // svelte-maplibre-gl provides its map; only the panels that switch or restart the source reach AppState. The
    // map's components likewise.
    files: [
      'src/ui/panels/**/*.ts',
      'src/ui/panels/**/*.svelte',
      'src/ui/map/**/*.ts',
      'src/ui/map/**/*.svelte',
    ],
    ignores: [
      'src/ui/panels/SourcePicker.svelte',
      'src/ui/panels/SourceNotice.svelte',
      'src/ui/panels/StateFilePanel.svelte',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NODE_ONLY,
            NODE_SOURCES,
            {
              group: ['**/appState.svelte.ts'],
              message:
                'A panel takes its state from context: getTimeline(), getComparison(), … (src/ui/state/context.ts).',
            },
          ],
        },
      ],
    },
  },
);
