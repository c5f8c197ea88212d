// `npm run probe:restart -- [--cycles 6] [--clients 8] [--load-ms 3000] [--down-ms 2000]`: the database restart test
// (packages/server/test/process/database-restart.test.ts, D47) with more cycles, printing its figures for
// docs/reliability.md. A throwaway PostgreSQL (synchronous commits on) and the real server process built as the
// Docker image holds it; the clients' mixed load runs throughout while PostgreSQL is stopped (alternately `fast` and
// `immediate`) and started again. Exits 1 when any answer was wrong or missing, a write was lost or half applied, or
// the server did not recover.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startPostgres } from '../../../server/test/support/embedded-postgres.ts';
import { checkLedger, newLedger, runClient, setUpOrg, timeToRecover, type Phase, type Verdict } from '../../../server/test/process/support/restart-load.ts';
import { buildRuntime, freePort, startServer, waitHealthy } from '../../../server/test/process/support/server-process.ts';

const { values } = parseArgs({
  options: { cycles: { type: 'string', default: '6' }, clients: { type: 'string', default: '8' }, 'load-ms': { type: 'string', default: '3000' }, 'down-ms': { type: 'string', default: '2000' } },
});
const number = (name: keyof typeof values): number => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`--${name} needs a positive whole number\n`);
    process.exit(2);
  }
  return n;
};
const cycles = number('cycles');
const clientCount = number('clients');
const loadMs = number('load-ms');
const downMs = number('down-ms');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stderr.write(`${line}\n`);

const runtime = buildRuntime();
const postgres = await startPostgres({ durableCommits: true });
const server = startServer(runtime, { DATABASE_URL: postgres.url, TANDEM_SECRET_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn' }, { port: await freePort() });
let failed = true;
try {
  await waitHealthy(server);
  const org = await setUpOrg(`http://127.0.0.1:${server.port}`, 'probe');
  const ledger = newLedger();
  let phase: Phase = 'up';
  let running = true;
  const clients = Array.from({ length: clientCount }, (_, i) => runClient(org, i, ledger, () => phase, () => running));
  const rows: { cycle: number; mode: string; acked: number; down503: number; recoverMs: number }[] = [];
  for (let cycle = 1; cycle <= cycles; cycle++) {
    const mode = cycle % 2 === 1 ? 'fast' : 'immediate';
    const acked = ledger.tally.acknowledgedWrites;
    await sleep(loadMs);
    const down503 = ledger.tally.unavailableWhileDown;
    await postgres.halt(mode);
    phase = 'down';
    await sleep(downMs);
    phase = 'back';
    await postgres.resume();
    const recoverMs = await timeToRecover(org, 30_000);
    phase = 'up';
    rows.push({ cycle, mode, acked: ledger.tally.acknowledgedWrites - acked, down503: ledger.tally.unavailableWhileDown - down503, recoverMs });
    log(`cycle ${cycle} (${mode}): ${ledger.tally.unavailableWhileDown - down503} 503s while down; recovered ${Math.round(recoverMs)} ms after PostgreSQL accepted connections`);
  }
  await sleep(loadMs);
  running = false;
  await Promise.all(clients);

  // Let the queue's worker deliver what was sent (it polls every 500 ms).
  let verdict: Verdict = await checkLedger(postgres.url, org, ledger);
  for (let waited = 0; verdict.stillQueued > 0 && waited < 30_000; waited += 500) {
    await sleep(500);
    verdict = await checkLedger(postgres.url, org, ledger);
  }
  const alive = server.child.exitCode === null && server.child.signalCode === null;
  const { tally } = ledger;
  console.log(`\nPostgreSQL restarted ${cycles} times under a mixed load (${clientCount} clients; ${loadMs} ms of load, then ${downMs} ms down, each cycle)\n`);
  console.log('| cycle | stop mode | writes acknowledged before the stop | 503s while down | time to recover |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.cycle} | ${r.mode} | ${r.acked} | ${r.down503} | ${Math.round(r.recoverMs)} ms |`);
  const recover = rows.map((r) => r.recoverMs).sort((a, b) => a - b);
  console.log(`
requests:                              ${tally.requests}
writes acknowledged:                   ${tally.acknowledgedWrites} (contacts ${verdict.acknowledged.contacts}, updates ${verdict.acknowledged.updates}, shares ${verdict.acknowledged.shares}, messages ${verdict.acknowledged.messages})
503 TANDEM_DATABASE_UNAVAILABLE:       ${tally.unavailable} (${tally.unavailableWhileDown} while PostgreSQL was down)
2xx while PostgreSQL was down:         ${tally.okWhileDown}
other answers (500, ...):              ${tally.wrong.length}
requests with no answer:               ${tally.noAnswer.length}
time to recover (PostgreSQL up -> 2xx): median ${Math.round(recover[Math.floor(recover.length / 2)] ?? 0)} ms, max ${Math.round(recover.at(-1) ?? 0)} ms
server process restarted:              ${alive ? 'no (same process throughout)' : 'IT DIED'}
acknowledged writes lost:              ${verdict.lost.length}
writes half applied:                   ${verdict.halfApplied.length}
unacknowledged creates committed whole: ${verdict.unacknowledgedButCommitted} (the connection broke during their commit)
messages still queued after 30 s:      ${verdict.stillQueued}`);
  for (const line of [...tally.wrong.slice(0, 5).map((w) => JSON.stringify(w)), ...tally.noAnswer.slice(0, 5).map((w) => JSON.stringify(w)), ...verdict.lost.slice(0, 5), ...verdict.halfApplied.slice(0, 5)]) log(`  ${line}`);
  failed = !alive || tally.wrong.length > 0 || tally.noAnswer.length > 0 || tally.okWhileDown > 0 || verdict.lost.length > 0
    || verdict.halfApplied.length > 0 || verdict.stillQueued > 0;
} catch (error) {
  log(`probe failed: ${error instanceof Error ? error.message : String(error)}\n${server.output().slice(-3000)}`);
} finally {
  if (server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  await postgres.stop();
  rmSync(runtime, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
