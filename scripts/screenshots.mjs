#!/usr/bin/env node
// `npm run screenshots`: refreshes docs/screenshots/*.png. Builds the web app and the server, then runs the browser
// journeys with TANDEM_SCREENSHOTS=1, the only mode in which their screenshot() calls write files (`npm test` never
// rewrites tracked files). Extra arguments go to vitest: `npm run screenshots -- packages/web/e2e/phone.spec.ts`.
// TANDEM_SCREENSHOT_DIR=/tmp/shots writes them elsewhere (to look at them without touching the tree).
import { spawnSync } from 'node:child_process';

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npm', ['run', 'build']);
run(process.execPath, ['scripts/build-server.mjs']);
run('npx', ['vitest', 'run', '-c', 'vitest.e2e.config.ts', ...process.argv.slice(2)], { TANDEM_SCREENSHOTS: '1' });
