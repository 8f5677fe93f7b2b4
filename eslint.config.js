import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const MODULES = ['org', 'auth', 'users', 'audit', 'care', 'requests', 'volunteers', 'charity', 'projects', 'meetings', 'dashboards'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'e2e/test-results/**', 'e2e/playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // The dependency rule (ARCHITECTURE.md): a server module reaches another only through its index.ts.
  ...MODULES.map((name) => ({
    files: [`apps/server/src/modules/${name}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: MODULES.filter((other) => other !== name).map((other) => ({
          group: [`../${other}/*`],
          message: `import from '../${other}' (its index.ts), not its internals`,
        })),
      }],
    },
  })),
  // Routes never touch the database directly.
  {
    files: ['apps/server/src/modules/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['*.repository', '*.tables', '**/platform/db'], message: 'routes call services; services call repositories' }] }],
    },
  },
);
