// Restart mid-send with a real process (spec §6.5, docs/decisions.md D27): a queue worker runs in a child process,
// starts delivering a message to an SMTP server on loopback that holds the DATA unanswered, and is killed with
// SIGKILL (no shutdown, no cleanup). The server drops the half-sent message. A worker started afterwards takes the job
// once its lease has ended and delivers it: exactly one message arrives, the row is `sent` after 2 attempts, and the
// acknowledged job never runs again. PostgreSQL (a database on the run's server) and PGlite (a data folder the dead
// process held, opened again as after a crash).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, systemClock } from '../../src/clock.ts';
import { sendMessage } from '../../src/domain/history/send-message.ts';
import { startMessageQueue } from '../../src/jobs/deliver-message-job.ts';
import { smtpMailer } from '../../src/mail/smtp-mailer.ts';
import { outboxSms } from '../../src/sms/outbox-sms.ts';
import { openDatabase, type DbHandle, type DbTarget } from '../../src/storage/connect.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { migrate } from '../../src/storage/migrate.ts';
import { startScriptedSmtp, type ScriptedSmtp } from '../mail/scripted-smtp.ts';
import { DATABASE_KINDS, freshPostgresUrl } from '../support/databases.ts';
import { buildWorld } from './support/world-builder.ts';

const LEASE_MS = 1_500;
const CHILD = fileURLToPath(new URL('./fixtures/queue-worker-process.ts', import.meta.url));

function startChild(target: DbTarget, smtpUrl: string): { child: ChildProcess; ready: Promise<void>; exited: Promise<void>; errors: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, TANDEM_TEST_TARGET: JSON.stringify(target), SMTP_URL: smtpUrl, LEASE_MS: String(LEASE_MS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => { errors += chunk.toString(); });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => { if (chunk.toString().includes('worker ready')) resolve(); });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready: ${errors}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, ready, exited, errors: () => errors };
}

describe.each(DATABASE_KINDS)('a worker process killed mid-send on %s', (kind) => {
  let smtp: ScriptedSmtp;
  let dataDir: string | undefined;
  beforeAll(async () => { smtp = await startScriptedSmtp(); });
  afterAll(async () => {
    await smtp.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('is restarted: the message arrives exactly once, sent after 2 attempts, and its job never runs again', async () => {
    dataDir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'tandem-restart-')) : undefined;
    const target: DbTarget = kind === 'pglite' ? { kind: 'pglite', dataDir: dataDir as string } : { kind: 'postgres', url: await freshPostgresUrl(), poolSize: 2 };
    let handle: DbHandle = openDatabase(target);
    await migrate(handle);
    const w = await buildWorld(handle.db, manualClock(systemClock.now()), {
      users: { ben: {} }, contacts: { zoe: { owner: 'ben', emails: ['zoe@client.test'] } },
    });
    const ctx = await loadActorContext(handle.db, w.orgId, w.users.ben.id, systemClock.now());
    if (!ctx) throw new Error('no actor');
    const message = (await sendMessage({ db: handle.db }, ctx, w.contacts.zoe, { body: 'Exactly once, across a crash' })).row;
    if (kind === 'pglite') await handle.close(); // one process at a time holds a PGlite data folder

    const held = smtp.stallNext();
    const worker = startChild(target, smtp.url);
    await worker.ready;
    const heldOrGone = await Promise.race([held.then(() => 'held'), new Promise((resolve) => setTimeout(() => resolve('not held'), 60_000).unref())]);
    if (heldOrGone !== 'held') throw new Error(`the worker never sent: ${worker.errors()}`);
    worker.child.kill('SIGKILL');
    await worker.exited;
    smtp.release('drop');
    expect(smtp.accepted).toEqual([]);

    if (kind === 'pglite') handle = openDatabase(target);
    const row = () => handle.db.selectFrom('contact_events').select(['status', 'attempts', 'external_id']).where('id', '=', message.id).executeTakeFirstOrThrow();
    const jobs = () => handle.db.selectFrom('queue_jobs').select(['attempts', 'lease']).execute();
    expect(await row()).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await jobs()).toEqual([{ attempts: 1, lease: expect.any(String) }]);

    const restarted = startMessageQueue({
      db: handle.db, mailer: smtpMailer({ url: smtp.url, from: 'Tandem <tandem@acme.test>' }), sms: outboxSms(() => systemClock.now()),
      inboundDomain: 'reply.acme.test', smsDefaultLine: null,
    }, systemClock, { info: () => {}, error: (obj) => { throw new Error(JSON.stringify(obj)); } }, { poll: false });
    // The dead worker's lease ends LEASE_MS after its claim: look until then (bounded), never sleep a fixed time.
    const deadline = Date.now() + 30_000;
    while ((await restarted.drain()) === 0) {
      if (Date.now() > deadline) throw new Error('the job never became due again');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(smtp.accepted.map((a) => a.mail?.messageId)).toEqual([`<tandem.${message.id}@${w.users.ben.email.split('@')[1]}>`]);
    expect(await row()).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await jobs()).toEqual([]);
    expect(await restarted.drain()).toBe(0);
    await restarted.stop();
    await handle.close();
  }, 240_000);
});
