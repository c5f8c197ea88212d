// The message queue's send throughput (issue 11; docs/performance.md "Send throughput"): N messages are queued
// through the use case the route runs (domain/history/send-message.ts: the row, its job and its audit entry in one
// transaction), then the queue worker main.ts starts (jobs/deliver-message-job.ts: claim, re-check the sender through
// the core with fresh facts, send over SMTP, record the outcome and acknowledge) delivers them to an SMTP server on
// loopback (npm smtp-server, messages counted, not parsed). Measured: messages per second from the worker's start
// until every row is `sent`. The floor, in the same run: raw nodemailer sends per second through the same pooled
// transport to the same server, no database.
//
//   npx tsx packages/bench/src/send-throughput.ts --db pglite|postgres --messages 2000 [--contacts 200] [--batch 10] [--pool 5]
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { systemClock } from '../../server/src/clock.ts';
import { sendMessage } from '../../server/src/domain/history/send-message.ts';
import { startMessageQueue } from '../../server/src/jobs/deliver-message-job.ts';
import { smtpMailer } from '../../server/src/mail/smtp-mailer.ts';
import { outboxSms } from '../../server/src/sms/outbox-sms.ts';
import { openDatabase, type DbHandle } from '../../server/src/storage/connect.ts';
import { loadActorContext } from '../../server/src/storage/load-actor-context.ts';
import { migrate } from '../../server/src/storage/migrate.ts';
import { startScriptedSmtp } from '../../server/test/mail/scripted-smtp.ts';
import { openCluster } from './postgres.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' }, messages: { type: 'string', default: '2000' }, contacts: { type: 'string', default: '200' },
    batch: { type: 'string', default: '10' }, pool: { type: 'string', default: '5' }, 'data-dir': { type: 'string' },
  },
});
const MESSAGES = Number(args.messages);
const CONTACTS = Math.min(Number(args.contacts), MESSAGES);
const BATCH = Number(args.batch);
const POOL = Number(args.pool);

async function open(): Promise<{ handle: DbHandle; stop: () => Promise<void> }> {
  if (args.db === 'pglite') return { handle: openDatabase({ kind: 'pglite' }), stop: async () => {} };
  const cluster = await openCluster(join(args['data-dir'] ?? join(process.cwd(), 'bench', '.data'), 'send-pg'), true);
  return { handle: openDatabase({ kind: 'postgres', url: cluster.url, poolSize: 4 }), stop: cluster.stop };
}

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000 * 10) / 10;

/** Runs `count` calls of `task` with at most `width` in flight. */
async function inParallel(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, count) }, async () => {
    while (next < count) await task(next++);
  }));
}

async function main(): Promise<void> {
  const smtp = await startScriptedSmtp({ parse: false });
  const { handle, stop } = await open();
  const { db } = handle;
  try {
    await migrate(handle);
    const org = await db.insertInto('orgs').values({ name: 'Send bench' }).returning('id').executeTakeFirstOrThrow();
    const owner = await db.insertInto('users').values({ org_id: org.id, name: 'Ben Owner', email: 'ben@acme.example', password_hash: 'x', role: 'member' })
      .returning('id').executeTakeFirstOrThrow();
    const contacts = await db.insertInto('contacts').values(Array.from({ length: CONTACTS }, (_, i) => ({
      org_id: org.id, owner_id: owner.id, name: `Client ${i}`, sort_name: `client ${i}`, emails: [`client${i}@clients.example`],
    }))).returning('id').execute();

    // Floor: raw nodemailer through the same pooled transport, same server, no database.
    const floorCount = Math.min(MESSAGES, 1000);
    const floorMailer = smtpMailer({ url: smtp.url, from: 'Bench <bench@acme.example>', pool: POOL });
    let started = performance.now();
    await inParallel(floorCount, BATCH, async (i) => floorMailer.send({ to: { name: 'Client', address: `floor${i}@clients.example` }, subject: 'Floor', text: 'Raw nodemailer send.' }));
    const floorMs = performance.now() - started;
    floorMailer.close();

    // Queueing: the use case of POST /contacts/:id/messages, one transaction per message.
    const ctx = await loadActorContext(db, org.id, owner.id, systemClock.now());
    if (!ctx) throw new Error('no actor');
    started = performance.now();
    for (let i = 0; i < MESSAGES; i++) {
      const contact = contacts[i % CONTACTS];
      if (!contact) throw new Error('no contact');
      await sendMessage({ db }, { ...ctx, now: systemClock.now() }, contact.id, { body: `Message ${i}: your quote is ready.`, subject: 'Your quote' });
    }
    const queueMs = performance.now() - started;

    // Delivery: the worker as main.ts starts it, with the same pooled transport.
    const mailer = smtpMailer({ url: smtp.url, from: 'Tandem <tandem@acme.example>', pool: POOL });
    const accepted = smtp.accepted.length;
    const errors: unknown[] = [];
    started = performance.now();
    const worker = startMessageQueue({
      db, mailer, sms: outboxSms(() => systemClock.now()), inboundDomain: 'reply.acme.example', smsDefaultLine: null,
    }, systemClock, { info: () => {}, error: (obj) => void errors.push(obj) }, { batchSize: BATCH, pollMs: 20 });
    const deadline = Date.now() + 30 * 60_000;
    let sent = 0;
    while (sent < MESSAGES) {
      if (Date.now() > deadline) throw new Error(`only ${sent} of ${MESSAGES} sent in 30 minutes`);
      if (errors.length > 0) throw new Error(`queue errors: ${JSON.stringify(errors.slice(0, 3))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const row = await db.selectFrom('contact_events').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow();
      sent = Number(row.n);
    }
    const deliverMs = performance.now() - started;
    await worker.stop();
    mailer.close();
    const failed = await db.selectFrom('contact_events').select('id').where('status', '=', 'failed').execute();
    const left = await db.selectFrom('queue_jobs').select('id').execute();

    console.log(`send throughput on ${args.db}: ${MESSAGES} messages to ${CONTACTS} contacts, batch ${BATCH}, SMTP pool ${POOL}`);
    console.log(`  queue (POST use case, 1 transaction each): ${perSecond(MESSAGES, queueMs)} msg/s (${Math.round(queueMs)} ms)`);
    console.log(`  deliver (queue worker until all sent):     ${perSecond(MESSAGES, deliverMs)} msg/s (${Math.round(deliverMs)} ms)`);
    console.log(`  floor (raw nodemailer, ${floorCount} sends):      ${perSecond(floorCount, floorMs)} msg/s (${Math.round(floorMs)} ms)`);
    console.log(`  SMTP server accepted ${smtp.accepted.length - accepted} queued messages; failed rows ${failed.length}; jobs left ${left.length}`);
    console.log(`  load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await handle.close();
    await stop();
    await smtp.close();
  }
}

await main();
