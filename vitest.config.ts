import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'apps/*/src/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'cloudformation/test/**/*.test.ts',
    ],
    globalSetup: ['./scripts/test-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // chDB and embedded Postgres are real engines: keep concurrency modest on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
