// `npm start`: build the web app if it has not been built, then run the server (migrations, demo data, listen).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('packages/web/dist/index.html') && existsSync('packages/web/index.html')) {
  console.log('Building the web app (first start only)...');
  const build = spawnSync('npm', ['run', 'build', '-w', '@tandem/web'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawnSync(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], { stdio: 'inherit' });
process.exit(server.status ?? 0);
