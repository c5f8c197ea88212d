// `npm start`: build what is missing or stale (the web app, the compiled server), then run the compiled server
// (migrations, demo data on first start, listen). Production runs JavaScript, not TypeScript through tsx: less
// memory and a faster start (docs/decisions.md).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';

/** The newest modification time of these files and of any file below these folders (0 when none exists). */
function newest(...paths) {
  let latest = 0;
  const visit = (path) => {
    const stat = statSync(path);
    if (!stat.isDirectory()) {
      latest = Math.max(latest, stat.mtimeMs);
      return;
    }
    for (const entry of readdirSync(path)) {
      if (entry !== 'node_modules' && entry !== 'dist') visit(join(path, entry));
    }
  };
  for (const path of paths) if (existsSync(path)) visit(path);
  return latest;
}

function stale(builtFile, ...sources) {
  return !existsSync(builtFile) || statSync(builtFile).mtimeMs < newest(...sources);
}

function run(what, command, args) {
  console.log(what);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (existsSync('packages/web/index.html') && stale('packages/web/dist/index.html', 'packages/web/src', 'packages/web/index.html', 'packages/core/src')) {
  run('Building the web app...', 'npm', ['run', 'build', '-w', '@tandem/web']);
}
if (stale('packages/server/dist/BUILT', 'packages/server/src', 'packages/core/src')) {
  run('Building the server...', process.execPath, ['scripts/build-server.mjs']);
}
// The server runs as a child; this process only passes signals on and exits with the child's code. A SIGTERM
// (docker stop, systemd, a supervisor) sent to this process alone must reach the server, or the server would live on
// as an orphan that keeps answering (issue 14). SIGINT from a terminal reaches both; the server shuts down once.
const server = spawn(process.execPath, ['--enable-source-maps', 'packages/server/dist/main.js'], { stdio: 'inherit' });
const stop = (signal) => {
  if (server.exitCode === null && server.signalCode === null) server.kill(signal);
};
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => stop(signal));
// `npm start` runs this through `sh -c`: a SIGTERM to npm ends npm and the shell but is not passed on to us. When the
// process that started us goes away we are handed to another parent: take that as a SIGTERM.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, 250).unref();
server.on('exit', (code, signal) => {
  // Killed by a signal it did not handle: exit as shells report it (128 + the signal's number).
  process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
});
