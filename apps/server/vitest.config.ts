import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', '../../packages/contracts/src/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own database; no shared state between files.
    isolate: true,
    // One migrated database per run, copied for each test database (test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/failure-causes.ts'],
  },
});
