// Flat ESLint config: typescript-eslint + eslint-plugin-svelte. src/core stays pure (STYLE.md): no I/O, DOM,
// Svelte or MapLibre imports there.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

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
            { group: ['node:*', 'fs', 'path', 'http', 'https'], message: 'src/core does no I/O (STYLE.md).' },
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
);
