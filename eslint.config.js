import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import moduleBoundaries from './eslint-rules/module-boundaries.js';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // The dependency rule (ARCHITECTURE.md), on resolved paths, for every module without a list to keep: a module reaches
  // another only through its index.ts; shared code (server platform/, web components/, lib/, i18n/) imports no module;
  // the web shell (app/) imports modules through their index.ts and no module imports it. eslint-rules/module-boundaries.js.
  {
    files: ['apps/server/src/**/*.ts', 'apps/web/src/**/*.{ts,tsx}'],
    plugins: { linli: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: { 'linli/module-boundaries': 'error' },
  },
  // Routes never touch the database directly.
  {
    files: ['apps/server/src/modules/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['*.repository', '*.tables', '**/platform/db', 'drizzle-orm', 'drizzle-orm/*'],
              message: 'routes call services; services call repositories',
            },
          ],
        },
      ],
    },
  },
  // SQL lives in repositories: services hold the rules and the transactions, never a query.
  {
    files: ['apps/server/src/modules/**/*.service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*', '*.tables', '**/*.tables'],
              message: 'queries belong in a *.repository.ts; services call repositories',
            },
          ],
        },
      ],
    },
  },
  // Sizes (anatomy): a file past 300 lines of code is split by responsibility, a function past 60 (a web component past
  // 150) into named steps. Tests are exempt from both; the data tables (the PI classification, the demo seed's lists)
  // from the file size only.
  {
    files: ['apps/server/src/**/*.ts', 'packages/contracts/src/**/*.ts', 'apps/web/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'apps/server/src/db/classification.ts', 'apps/server/src/db/seed/**'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['apps/server/src/**/*.ts', 'packages/contracts/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    files: ['apps/web/src/**/*.tsx'],
    ignores: ['**/*.test.tsx'],
    rules: {
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
);
