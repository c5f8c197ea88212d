// Message delivery through the durable job queue (spec §6.5, docs/decisions.md D27), on PGlite and PostgreSQL: a
// message is stored `queued` with its job in one transaction; the queue (run here with `drain()`, deterministically)
// checks the sender again through the core with fresh facts and delivers e-mail over real SMTP (npm smtp-server on
// loopback) or texts through the outbox or a Twilio-style REST API (a local HTTP server), retries transient failures
// with backoff, and neither loses nor repeats a message when the worker dies mid-send.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_ATTEMPTS } from '../../src/domain/history/send-message.ts';
import type { SmsSender } from '../../src/domain/history/delivery-ports.ts';
import { startMessageQueue } from '../../src/jobs/deliver-message-job.ts';
import { backoffMs, type QueueWorker } from '../../src/jobs/queue.ts';
import { logMailer } from '../../src/mail/log-mailer.ts';
import { smtpMailer } from '../../src/mail/smtp-mailer.ts';
import { outboxSms } from '../../src/sms/outbox-sms.ts';
import { twilioSms } from '../../src/sms/twilio-sms.ts';
import { startScriptedSmtp, type ScriptedSmtp } from '../mail/scripted-smtp.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { expectStatus } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const INBOUND = 'reply.acme.test';
const LEASE_MS = 60_000;

type Request = { method: string; url: string; authorization: string; form: URLSearchParams; idempotencyKey: string };

/** A Twilio-style REST API on loopback: records each request and answers the scripted statuses, then 201. */
async function startSmsApi() {
  const requests: Request[] = [];
  const statuses: number[] = [];
  const read = (req: IncomingMessage) => new Promise<string>((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
    req.on('end', () => resolve(text));
  });
  const server = createServer((req, res) => {
    void read(req).then((text) => {
      requests.push({
        method: req.method ?? '', url: req.url ?? '', authorization: String(req.headers.authorization ?? ''),
        form: new URLSearchParams(text), idempotencyKey: String(req.headers['idempotency-key'] ?? ''),
      });
      const status = statuses.shift() ?? 201;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 201 ? { sid: `SM${requests.length}`, status: 'queued' } : { code: status, message: `scripted ${status}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, requests, answerNext: (...codes: number[]) => statuses.push(...codes),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(DATABASE_KINDS)('message delivery on %s', (kind) => {
  const t = useTestApp({ db: kind });
  let smtp: ScriptedSmtp;
  let smsApi: Awaited<ReturnType<typeof startSmsApi>>;
  const errors: unknown[] = [];
  const log = { info: () => {}, error: (obj: object) => void errors.push(obj) };
  const workers: QueueWorker[] = [];

  beforeAll(async () => {
    smtp = await startScriptedSmtp();
    smsApi = await startSmsApi();
  });
  afterAll(async () => {
    await smtp.close();
    await smsApi.close();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    expect(errors.splice(0)).toEqual([]);
  });

  /** A queue worker over this app's database, run by `drain()` only. */
  function queue(sms: SmsSender = outboxSms(() => t.clock.now()), smsDefaultLine: string | null = '+15550000'): QueueWorker {
    const worker = startMessageQueue({
      db: t.db, mailer: smtpMailer({ url: smtp.url, from: 'Tandem <tandem@acme.test>' }), sms, inboundDomain: INBOUND, smsDefaultLine,
    }, t.clock, log, { poll: false, leaseMs: LEASE_MS });
    workers.push(worker);
    return worker;
  }

  /** Acme: Ben owns Zoe (e-mail and phone) and shares her with Cat at collaborate; Ada is the admin. */
  async function world() {
    const w = await t.world({ users: { ben: {}, cat: {}, ada: { role: 'admin' } } });
    const { ben, cat } = w.users;
    const zoe = expectStatus(await t.api.contacts.create({ name: 'Zoe Client', emails: ['zoe@client.test'], phones: ['+15550123'] }, { as: ben.token }), 201).contact;
    const share = expectStatus(await t.api.shares.create(zoe.id, { grantee: { userId: cat.id }, level: 'collaborate' }, { as: ben.token }), 201) as { share: { id: string } };
    return { ...w, ...w.users, zoe, shareId: share.share.id };
  }

  const messageRow = (id: string) => t.db.selectFrom('contact_events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const jobsOf = (id: string) => t.db.selectFrom('queue_jobs').selectAll().where('payload', '@>', JSON.stringify({ messageId: id })).execute();
  const to = (address: string) => smtp.accepted.filter((a) => a.envelopeTo.includes(address));
  /** The Message-ID of a message sent from `from`: its id on the From address's domain. */
  const messageIdOf = (id: string, from: string) => `<tandem.${id}@${from.slice(from.indexOf('@') + 1)}>`;

  it('e-mails the client from the owner, replies routed back, the sender named, a stable Message-ID; the history shows it sent', async () => {
    const { orgId, ben, cat, zoe } = await world();
    const before = smtp.accepted.length;
    const queued = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'Your revised quote is attached.', subject: 'Revised quote' }, { as: cat.token }), 201).message;
    expect(queued).toMatchObject({
      status: 'queued', channel: 'email', direction: 'outbound', subject: 'Revised quote', toAddress: 'zoe@client.test',
      fromAddress: ben.email, sentAt: null, error: null, sentBy: cat.id, onBehalfOf: ben.id,
    });
    expect(await jobsOf(queued.id)).toHaveLength(1);
    expect(smtp.accepted.length, 'nothing is sent before the queue runs').toBe(before);

    expect(await queue().drain()).toBe(1);
    const arrived = smtp.accepted.slice(before);
    expect(arrived).toHaveLength(1);
    const mail = arrived[0]?.mail;
    expect(arrived[0]?.envelopeTo).toEqual(['zoe@client.test']);
    expect(mail?.from?.value).toEqual([{ name: 'Ben', address: ben.email }]);
    expect(mail?.replyTo?.value).toEqual([{ name: '', address: `reply+${ben.id.replace(/-/g, '')}@${INBOUND}` }]);
    expect(mail?.headers.get('sender')).toMatchObject({ value: [{ name: 'Cat', address: cat.email }] });
    expect(mail?.headers.get('x-tandem-sent-by')).toBe(`Cat <${cat.id}>`);
    expect(mail?.messageId).toBe(messageIdOf(queued.id, ben.email));
    expect(mail?.subject).toBe('Revised quote');
    expect(mail?.text?.trim()).toBe('Your revised quote is attached.');

    const row = await messageRow(queued.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, error: null, external_id: messageIdOf(queued.id, ben.email) });
    expect(row.sent_at?.toISOString()).toBe(new Date(t.clock.now()).toISOString());
    expect(await jobsOf(queued.id)).toEqual([]);
    const [item] = expectStatus(await t.api.history.list(zoe.id, { as: ben.token }), 200).items;
    expect(item).toMatchObject({ id: queued.id, status: 'sent', sentAt: new Date(t.clock.now()).toISOString(), error: null });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('action', 'like', 'contact.message%').orderBy('seq').execute();
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([['contact.message', cat.id], ['contact.message.sent', null]]);
    expect(audit[1]?.after).toMatchObject({ messageId: queued.id, channel: 'email', sentBy: cat.id, onBehalfOf: ben.id, attempts: 1 });
    expect(JSON.stringify(audit)).not.toContain('revised quote');
  });

  it("sends from the org's sending domain with the owner's name and a default subject; the owner sending names no other Sender", async () => {
    const { orgId, ben, zoe } = await world();
    await t.db.updateTable('orgs').set({ sending_domain: 'mail.acme.test' }).where('id', '=', orgId).execute();
    const queued = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'Hello' }, { as: ben.token }), 201).message;
    const local = ben.email.slice(0, ben.email.indexOf('@'));
    expect(queued.fromAddress).toBe(`${local}@mail.acme.test`);
    await queue().drain();
    const mail = to('zoe@client.test').at(-1)?.mail;
    expect(mail?.from?.value).toEqual([{ name: 'Ben', address: `${local}@mail.acme.test` }]);
    expect(mail?.messageId).toBe(`<tandem.${queued.id}@mail.acme.test>`);
    expect(mail?.subject).toBe('A message from Ben');
    expect(mail?.headers.has('sender')).toBe(false);
  });

  it('validates the channel (400) and answers 409 TANDEM_CONTACT_NO_ADDRESS for a missing address, queueing nothing', async () => {
    const { ben, zoe } = await world();
    const pigeon = await t.api.history.sendMessage(zoe.id, { body: 'coo', channel: 'carrier-pigeon' }, { as: ben.token });
    expect(pigeon.status).toBe(400);
    expect(pigeon.body).toMatchObject({ code: 'TANDEM_INPUT_INVALID' });
    const bare = expectStatus(await t.api.contacts.create({ name: 'No Address' }, { as: ben.token }), 201).contact;
    for (const channel of ['email', 'sms'] as const) {
      const refused = await t.api.history.sendMessage(bare.id, { body: 'hi', channel }, { as: ben.token });
      expect(refused.status, channel).toBe(409);
      expect(refused.body).toMatchObject({ code: 'TANDEM_CONTACT_NO_ADDRESS' });
    }
    expect(expectStatus(await t.api.history.list(bare.id, { as: ben.token }), 200).items).toEqual([]);
    expect(await queue().drain()).toBe(0);
  });

  it('without SMTP (the log mailer) an e-mail is not delivered, not logged, and fails saying why', async () => {
    const { ben, zoe } = await world();
    const logged: object[] = [];
    const worker = startMessageQueue({
      db: t.db, mailer: logMailer({ info: (obj) => void logged.push(obj) }), sms: outboxSms(() => t.clock.now()), inboundDomain: INBOUND, smsDefaultLine: null,
    }, t.clock, log, { poll: false });
    workers.push(worker);
    const message = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'Private words' }, { as: ben.token }), 201).message;
    await worker.drain();
    expect(await messageRow(message.id)).toMatchObject({ status: 'failed', attempts: 1, error: 'Not delivered: no SMTP server is configured (SMTP_URL)' });
    expect(JSON.stringify(logged)).not.toContain('Private words');
  });

  it('honours Idempotency-Key: one message, one job, one e-mail', async () => {
    const { cat, zoe } = await world();
    const headers = { 'idempotency-key': `key-${kind}-${Date.now()}` };
    const first = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'Once' }, { as: cat.token, headers }), 201).message;
    const again = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'Once' }, { as: cat.token, headers }), 201).message;
    expect(again.id).toBe(first.id);
    expect(await jobsOf(first.id)).toHaveLength(1);
    const before = to('zoe@client.test').length;
    expect(await queue().drain()).toBe(1);
    expect(to('zoe@client.test').length - before).toBe(1);
  });

  it('a share revoked, a sender deactivated or a contact trashed between queueing and running stops the send, saying why', async () => {
    const { ben, cat, zoe, shareId } = await world();
    const before = smtp.accepted.length;
    const revoked = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'one' }, { as: cat.token }), 201).message;
    expectStatus(await t.api.shares.revoke(zoe.id, shareId, { as: ben.token }), 204);
    await queue().drain();
    expect(await messageRow(revoked.id)).toMatchObject({ status: 'failed', attempts: 1, error: "The sender's access to this contact ended before the message was sent" });

    const w2 = await world();
    const byDeactivated = expectStatus(await t.api.history.sendMessage(w2.zoe.id, { body: 'two' }, { as: w2.cat.token }), 201).message;
    expectStatus(await t.api.users.update(w2.cat.id, { status: 'deactivated' }, { as: w2.ada.token }), 200);
    const trashedMessage = expectStatus(await t.api.history.sendMessage(w2.zoe.id, { body: 'three' }, { as: w2.ben.token }), 201).message;
    expectStatus(await t.api.contacts.delete(w2.zoe.id, { as: w2.ben.token }), 204);
    await queue().drain();
    expect(await messageRow(byDeactivated.id)).toMatchObject({ status: 'failed', error: "The sender's account was deactivated before the message was sent" });
    expect(await messageRow(trashedMessage.id)).toMatchObject({ status: 'failed', error: 'The contact was moved to the trash before the message was sent' });
    expect(smtp.accepted.length, 'nothing was sent').toBe(before);
    const [item] = expectStatus(await t.api.history.list(zoe.id, { as: ben.token }), 200).items;
    expect(item).toMatchObject({ id: revoked.id, status: 'failed', error: "The sender's access to this contact ended before the message was sent" });
  });

  it('retries a 4xx refusal with backoff, then sends once; a 5xx refusal fails at once', async () => {
    const { ben, zoe } = await world();
    const worker = queue();
    smtp.refuseNext(1, 451);
    const retried = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'retry me' }, { as: ben.token }), 201).message;
    await worker.drain();
    expect(await messageRow(retried.id)).toMatchObject({ status: 'queued', attempts: 1, error: expect.stringContaining('SMTP 451') });
    const [job] = await jobsOf(retried.id);
    expect(new Date(job?.available_at ?? 0).getTime()).toBe(t.clock.now() + backoffMs(1));
    expect(await worker.drain(), 'not due before its backoff').toBe(0);
    t.clock.advance(backoffMs(1));
    const before = to('zoe@client.test').length;
    expect(await worker.drain()).toBe(1);
    expect(to('zoe@client.test').length - before).toBe(1);
    expect(await messageRow(retried.id)).toMatchObject({ status: 'sent', attempts: 2, error: null });

    smtp.refuseNext(1, 550);
    const refused = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'never' }, { as: ben.token }), 201).message;
    await worker.drain();
    expect(await messageRow(refused.id)).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringContaining('SMTP 550') });
    expect(await jobsOf(refused.id)).toEqual([]);
  });

  it(`fails with the last error after ${DELIVERY_ATTEMPTS} transient failures`, async () => {
    const { ben, zoe } = await world();
    const worker = queue();
    smtp.refuseNext(DELIVERY_ATTEMPTS, 421);
    const message = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'doomed' }, { as: ben.token }), 201).message;
    for (let attempt = 1; attempt <= DELIVERY_ATTEMPTS; attempt++) {
      expect(await worker.drain()).toBe(1);
      t.clock.advance(backoffMs(attempt));
    }
    expect(await messageRow(message.id)).toMatchObject({ status: 'failed', attempts: DELIVERY_ATTEMPTS, error: expect.stringContaining('SMTP 421') });
    expect(await jobsOf(message.id)).toEqual([]);
  });

  it("texts through the outbox by default, from the owner's line or the default line, once per message", async () => {
    const { orgId, ben, cat, zoe } = await world();
    const first = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'See you at 10', channel: 'sms' }, { as: cat.token }), 201).message;
    expect(first).toMatchObject({ channel: 'sms', toAddress: '+15550123', fromAddress: null, subject: null });
    await queue().drain();
    const outbox = await t.db.selectFrom('sms_outbox').selectAll().where('org_id', '=', orgId).execute();
    expect(outbox.map((o) => [o.message_id, o.from_line, o.to_number, o.body])).toEqual([[first.id, '+15550000', '+15550123', 'See you at 10']]);
    expect(await messageRow(first.id)).toMatchObject({ status: 'sent', from_address: '+15550000', external_id: `outbox:${outbox[0]?.id}` });

    await t.db.updateTable('users').set({ sms_line: '+15559999' }).where('id', '=', ben.id).execute();
    const second = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'Running late', channel: 'sms' }, { as: cat.token }), 201).message;
    expect(second.fromAddress).toBe('+15559999');
    await queue().drain();
    expect(await messageRow(second.id)).toMatchObject({ status: 'sent', from_address: '+15559999' });

    await t.db.updateTable('users').set({ sms_line: null }).where('id', '=', ben.id).execute();
    const lineless = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'x', channel: 'sms' }, { as: cat.token }), 201).message;
    await queue(outboxSms(() => t.clock.now()), null).drain();
    expect(await messageRow(lineless.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('No SMS line') });
  });

  it('texts through a Twilio-style API: form-encoded To/From/Body with basic auth; 429 and 500 retried, 400 permanent', async () => {
    const { ben, zoe } = await world();
    const worker = queue(twilioSms({ accountSid: 'AC123', authToken: 'secret-token', baseUrl: `${smsApi.url}/` }));
    smsApi.answerNext(429, 500);
    const message = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'Your table is ready', channel: 'sms' }, { as: ben.token }), 201).message;
    const seen = smsApi.requests.length;
    await worker.drain();
    t.clock.advance(backoffMs(1));
    await worker.drain();
    expect(await messageRow(message.id)).toMatchObject({ status: 'queued', attempts: 2, error: expect.stringContaining('answered 500') });
    t.clock.advance(backoffMs(2));
    await worker.drain();
    const requests = smsApi.requests.slice(seen);
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/2010-04-01/Accounts/AC123/Messages.json');
      expect(request.authorization).toBe(`Basic ${Buffer.from('AC123:secret-token').toString('base64')}`);
      expect(Object.fromEntries(request.form)).toEqual({ To: '+15550123', From: '+15550000', Body: 'Your table is ready' });
      expect(request.idempotencyKey).toBe(message.id);
    }
    expect(await messageRow(message.id)).toMatchObject({ status: 'sent', attempts: 3, external_id: `SM${smsApi.requests.length}`, error: null });

    smsApi.answerNext(400);
    const refused = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'x', channel: 'sms' }, { as: ben.token }), 201).message;
    await worker.drain();
    expect(await messageRow(refused.id)).toMatchObject({ status: 'failed', attempts: 1, error: 'SMS provider answered 400: scripted 400' });
  });

  it('a worker that dies mid-send loses nothing and sends nothing twice: the next one sends it once; an acknowledged job never runs again', async () => {
    const { orgId, ben, zoe } = await world();
    const message = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'Exactly once' }, { as: ben.token }), 201).message;
    const before = to('zoe@client.test').length;
    const held = smtp.stallNext();
    const dying = queue();
    const run = dying.drain();
    await held;
    dying.abandon();
    smtp.release('drop');
    await run;
    expect(await messageRow(message.id)).toMatchObject({ status: 'queued', attempts: 0 });
    const [leased] = await jobsOf(message.id);
    expect(leased).toMatchObject({ attempts: 1, lease: expect.any(String) });

    const restarted = queue();
    expect(await restarted.drain(), 'the lease still holds').toBe(0);
    t.clock.advance(LEASE_MS);
    expect(await restarted.drain()).toBe(1);
    const arrived = to('zoe@client.test').slice(before);
    expect(arrived.map((a) => a.mail?.messageId)).toEqual([messageIdOf(message.id, ben.email)]);
    expect(await messageRow(message.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await jobsOf(message.id)).toEqual([]);

    t.clock.advance(24 * 3_600_000);
    expect(await queue().drain()).toBe(0);
    // A job for a message already sent (as if its acknowledgement were replayed) sends nothing and is dropped.
    await t.db.insertInto('queue_jobs').values({
      queue: 'deliver-message', org_id: orgId, payload: JSON.stringify({ messageId: message.id }), max_attempts: 3,
      available_at: new Date(t.clock.now()), created_at: new Date(t.clock.now()),
    }).execute();
    expect(await queue().drain()).toBe(1);
    expect(to('zoe@client.test').length - before).toBe(1);
    expect(await jobsOf(message.id)).toEqual([]);
  });

  it('a worker that dies after the server accepted but before recording it sends again with the same Message-ID (at least once)', async () => {
    const { ben, zoe } = await world();
    const message = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'Twice at most' }, { as: ben.token }), 201).message;
    const before = to('zoe@client.test').length;
    const held = smtp.stallNext();
    const dying = queue();
    const run = dying.drain();
    await held;
    smtp.release('accept');
    dying.abandon();
    await run;
    t.clock.advance(LEASE_MS);
    await queue().drain();
    const ids = to('zoe@client.test').slice(before).map((a) => a.mail?.messageId);
    expect(ids).toEqual([messageIdOf(message.id, ben.email), messageIdOf(message.id, ben.email)]);
    expect(await messageRow(message.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('stop() finishes and records the send in flight before it resolves', async () => {
    const { ben, zoe } = await world();
    const message = expectStatus(await t.api.history.sendMessage(zoe.id, { body: 'Finish me' }, { as: ben.token }), 201).message;
    const held = smtp.stallNext();
    const worker = queue();
    void worker.drain();
    await held;
    let stopped = false;
    const stopping = worker.stop().then(() => { stopped = true; });
    await Promise.resolve();
    expect(stopped).toBe(false);
    smtp.release('accept');
    await stopping;
    expect(await messageRow(message.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
