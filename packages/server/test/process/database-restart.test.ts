// PostgreSQL restarted under a mixed load (issue 14 item 3, docs/decisions.md D47, docs/reliability.md "Faults"):
// the real server process on its own PostgreSQL (synchronous commits on, as in production), four clients creating,
// changing, sharing, messaging and reading, and PostgreSQL stopped twice mid-load (fast: sessions ended; immediate:
// a crash, so the next start runs recovery). While it is down every answer is the 503 TANDEM_DATABASE_UNAVAILABLE
// problem with Retry-After, never a 500 and never a dropped connection; when it is back the same server process
// answers again without a restart; afterwards every acknowledged write is in the database and no write is there in
// part. The queue resumes: every message sent during the load has its delivery run.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type RunningPostgres } from '../support/embedded-postgres.ts';
import { checkLedger, newLedger, runClient, setUpOrg, timeToRecover, type Phase } from './support/restart-load.ts';
import { buildRuntime, freePort, startServer, waitHealthy, waitUntil, type Running } from './support/server-process.ts';

const CLIENTS = 4;
const LOAD_MS = 2_000;
const DOWN_MS = 1_500;

let runtime: string;
let postgres: RunningPostgres;
let server: Running | undefined;

beforeAll(async () => {
  runtime = buildRuntime();
  postgres = await startPostgres({ durableCommits: true });
}, 120_000);
afterAll(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await postgres?.stop();
  rmSync(runtime, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PostgreSQL restarted under a mixed load', () => {
  it('answers 503 problems while it is down, recovers without a restart, and loses or half-applies nothing', async () => {
    server = startServer(runtime, { DATABASE_URL: postgres.url, TANDEM_SECRET_KEY: randomBytes(32).toString('base64') }, { port: await freePort() });
    await waitHealthy(server);
    const org = await setUpOrg(`http://127.0.0.1:${server.port}`, 'test');
    const ledger = newLedger();
    let phase: Phase = 'up';
    let running = true;
    const clients = Array.from({ length: CLIENTS }, (_, i) => runClient(org, i, ledger, () => phase, () => running));

    const recoveries: number[] = [];
    for (const mode of ['fast', 'immediate'] as const) {
      const before = ledger.tally.acknowledgedWrites;
      await sleep(LOAD_MS);
      expect(ledger.tally.acknowledgedWrites).toBeGreaterThan(before); // the load runs (again) before the stop
      await postgres.halt(mode);
      phase = 'down';
      await sleep(DOWN_MS);
      expect(ledger.tally.okWhileDown).toBe(0);
      phase = 'back';
      await postgres.resume();
      recoveries.push(await timeToRecover(org, 15_000));
      phase = 'up';
    }
    const beforeLast = ledger.tally.acknowledgedWrites;
    await sleep(LOAD_MS);
    running = false;
    await Promise.all(clients);
    expect(ledger.tally.acknowledgedWrites).toBeGreaterThan(beforeLast); // and after the last start

    // The same process all along: never crashed, never restarted.
    expect(server.child.exitCode, server.output()).toBeNull();
    expect(ledger.tally.noAnswer).toEqual([]);
    expect(ledger.tally.wrong).toEqual([]);
    expect(ledger.tally.unavailableWhileDown).toBeGreaterThan(CLIENTS);
    expect(ledger.tally.okWhileDown).toBe(0);
    expect(server.output()).not.toContain('unhandled error');

    // The queue's worker survived: every message's delivery job runs (no SMTP here: the log mailer records each one).
    let verdict = await checkLedger(postgres.url, org, ledger);
    await waitUntil('every message to leave the queue', async () => {
      verdict = await checkLedger(postgres.url, org, ledger);
      return verdict.stillQueued === 0;
    }, 15_000).catch((error: unknown) => { throw new Error(`${String(error)}: ${JSON.stringify(verdict.queuedJobs)}\n${server?.output().split("\n").filter((l) => /queue/.test(l) && !/finished/.test(l)).join("\n")}`); });
    expect(verdict.lost).toEqual([]);
    expect(verdict.halfApplied).toEqual([]);
    expect(verdict.acknowledged.contacts).toBeGreaterThan(10);
    expect(verdict.acknowledged.messages).toBeGreaterThan(5);
    expect(verdict.acknowledged.shares).toBeGreaterThan(3);
    for (const ms of recoveries) expect(ms).toBeLessThan(5_000);
    console.log(`restart under load: ${ledger.tally.requests} requests, ${ledger.tally.acknowledgedWrites} writes acknowledged, `
      + `${ledger.tally.unavailableWhileDown} 503s while down, recovered in ${recoveries.map((ms) => `${Math.round(ms)} ms`).join(' and ')}, `
      + `${verdict.unacknowledgedButCommitted} unacknowledged creates committed whole, 0 lost, 0 half-applied`);
  }, 60_000);
});
