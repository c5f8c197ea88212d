import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    globalSetup: ['packages/server/test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine. The database tests wait on
    // PostgreSQL and PGlite as much as they compute, so two workers finish sooner (an 8-file API sample: 65 s -> 50 s);
    // each test file has its own database, so files never share state.
    maxWorkers: 2,
  },
});
