// Browser journeys: the real server (built web app + API, fresh PGlite) driven through Chromium by playwright-core.
// `npm run test:e2e` builds the web app first; globalSetup starts the server once and provides its URL.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/web/e2e/**/*.spec.ts'],
    globalSetup: ['packages/web/e2e/support/global-setup.ts'],
    // Two spec files at a time: each builds its own org on the shared server (or starts its own), so they never meet;
    // on the 2-core CI machine this took the suite from about 480 s to 424 s (quiet machine, 27 files).
    fileParallelism: true,
    maxWorkers: 2,
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The JSON report feeds the closing `tests: N passed` line of `npm test` (scripts/test.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e.json' },
  },
});
