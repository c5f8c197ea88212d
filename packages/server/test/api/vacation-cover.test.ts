// The vacation-cover journey of issue 11 through the API, on PGlite and PostgreSQL: Ben is away; Cat collaborates on
// his client Zoe (a record share) and holds Edit on his calendar, so she covers for him end to end — reads Zoe's
// history, e-mails her on Ben's behalf (queued, then delivered over real SMTP on loopback by the job queue), sees
// Zoe's reply come back (through Tandem's own SMTP receiver and through the signed webhook), logs a call and puts a
// follow-up task linked to Zoe on Ben's calendar, which Ben then finds on his calendar and on Zoe's page. Dan also
// collaborates on Zoe but only views Ben's calendar: the same task is refused, naming the Edit access he lacks. When
// Ben revokes Cat's share, a message she queued just before is not sent (failed, saying why) and Zoe is gone for her.
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inboundDepsOf } from '../../src/http/routes/inbound.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../../src/inbound/smtp-receiver.ts';
import { startMessageQueue } from '../../src/jobs/deliver-message-job.ts';
import type { QueueWorker } from '../../src/jobs/queue.ts';
import { smtpMailer } from '../../src/mail/smtp-mailer.ts';
import { outboxSms } from '../../src/sms/outbox-sms.ts';
import { startScriptedSmtp, type ScriptedSmtp } from '../mail/scripted-smtp.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { calendarClient } from './support/calendar-client.ts';
import { useTestApp } from './support/test-app.ts';

// The test app's inbound domain (http/app.ts's default): the queue, the receiver and the webhook agree on it, as in production.
const INBOUND = 'localhost';
const WEEK = { from: '2026-01-05T00:00:00Z', to: '2026-01-12T00:00:00Z' };
const FOLLOW_UP = { kind: 'task', title: 'Follow up with Zoe on the quote', dueAt: '2026-01-07T09:00:00Z' };

describe.each(DATABASE_KINDS)('vacation cover on %s', (kind) => {
  const t = useTestApp({ db: kind });
  const cal = calendarClient(t.api);
  let smtp: ScriptedSmtp;
  let receiver: SmtpReceiver;
  const workers: QueueWorker[] = [];
  const errors: unknown[] = [];
  const log = { info: () => {}, error: (obj: object) => void errors.push(obj) };

  beforeAll(async () => {
    smtp = await startScriptedSmtp();
    receiver = await startSmtpReceiver({ port: 0, host: '127.0.0.1', maxBytes: 100_000 }, {
      ...inboundDepsOf({ db: t.db, inboundDomain: INBOUND }), inboundDomain: INBOUND, clock: t.clock,
    });
  });
  afterAll(async () => {
    await receiver.close();
    await smtp.close();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    expect(errors.splice(0)).toEqual([]);
  });

  /** The message queue over this app's database, run with `drain()` only (deterministic). */
  function queue(): QueueWorker {
    const worker = startMessageQueue({
      db: t.db, mailer: smtpMailer({ url: smtp.url, from: 'Tandem <tandem@acme.test>' }), sms: outboxSms(() => t.clock.now()),
      inboundDomain: INBOUND, smsDefaultLine: null,
    }, t.clock, log, { poll: false });
    workers.push(worker);
    return worker;
  }

  /** Ben owns Zoe (with an e-mail); Cat: collaborate on Zoe + Edit on Ben's calendar; Dan: collaborate + View only. */
  async function world() {
    const w = await t.world({
      users: { ben: {}, cat: {}, dan: {}, ada: { role: 'admin' } },
      contacts: { zoe: { owner: 'ben', name: 'Zoe Client', emails: ['zoe@client.test'] } },
      shares: [{ contact: 'zoe', user: 'cat', level: 'collaborate', by: 'ben' }, { contact: 'zoe', user: 'dan', level: 'collaborate', by: 'ben' }],
      grants: [
        { owner: 'ben', user: 'cat', scope: 'calendar', level: 'edit', by: 'ben' },
        { owner: 'ben', user: 'dan', scope: 'calendar', level: 'view', by: 'ben' },
      ],
    });
    const [catShare = ''] = w.shares;
    return { ...w.users, orgId: w.orgId, zoe: w.contacts.zoe, catShare };
  }

  /** Zoe answers from her mail client: real SMTP to Tandem's receiver, to the Reply-To the e-mail carried. */
  async function replyBySmtp(to: string, inReplyTo: string, text: string) {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
    return transport.sendMail({ from: 'Zoe Client <zoe@client.test>', to, subject: 'Re: Your quote', text, inReplyTo, messageId: `<zoe.${Date.now()}@client.test>` });
  }

  /** A provider posting a reply to the signed webhook (the scheme of api.md, computed here with node:crypto). */
  async function replyByWebhook(orgId: string, secret: string, reply: object) {
    const raw = JSON.stringify(reply);
    const seconds = Math.floor(t.clock.now() / 1000);
    const signature = `t=${seconds},v1=${createHmac('sha256', secret).update(`${seconds}.${raw}`).digest('hex')}`;
    const res = await t.app.inject({
      method: 'POST', url: `/api/v1/inbound/${orgId}/email`, payload: raw, headers: { 'content-type': 'application/json', 'tandem-signature': signature },
    });
    return { status: res.statusCode, body: JSON.parse(res.body) as unknown };
  }

  it('Cat covers for Ben: reads the history, e-mails Zoe as Ben, sees her replies, logs a call, puts a follow-up on Ben\'s calendar', async () => {
    const { ben, cat, ada, orgId, zoe } = await world();
    // Reads Zoe's history (empty so far) and sees Ben's earlier note.
    expectStatus(await t.api.history.logNote(zoe, { body: 'Zoe wants the revised quote before Friday.' }, { as: ben.token }), 201);
    const before = expectStatus(await t.api.history.list(zoe, { as: cat.token }), 200).items;
    expect(before.map((i) => [i.kind, i.body])).toEqual([['note', 'Zoe wants the revised quote before Friday.']]);

    // E-mails Zoe on Ben's behalf: queued, then the queue delivers it over SMTP.
    const sentBefore = smtp.accepted.length;
    const queued = expectStatus(await t.api.history.sendMessage(zoe, { channel: 'email', subject: 'Your quote', body: 'Ben is away; the revised quote is attached.' }, { as: cat.token }), 201).message;
    expect(queued).toMatchObject({ status: 'queued', channel: 'email', fromAddress: ben.email, toAddress: 'zoe@client.test', sentBy: cat.id, onBehalfOf: ben.id });
    expect(await queue().drain()).toBe(1);
    const arrived = smtp.accepted.slice(sentBefore);
    expect(arrived.map((a) => a.envelopeTo)).toEqual([['zoe@client.test']]);
    const mail = arrived[0]?.mail;
    expect(mail?.from?.value).toEqual([{ name: 'Ben', address: ben.email }]);
    expect(mail?.headers.get('sender')).toMatchObject({ value: [{ name: 'Cat', address: cat.email }] });
    expect(mail?.headers.get('x-tandem-sent-by')).toBe(`Cat <${cat.id}>`);
    const replyTo = mail?.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toBe(`reply+${ben.id.replace(/-/g, '')}@${INBOUND}`);
    expect(mail?.subject).toBe('Your quote');
    const sent = expectStatus(await t.api.history.list(zoe, { as: cat.token }), 200).items.find((i) => i.id === queued.id);
    expect(sent).toMatchObject({ status: 'sent', error: null, sentAt: new Date(t.clock.now()).toISOString() });

    // Zoe replies to that e-mail: it reaches Tandem's SMTP receiver and lands in the thread, where Cat reads it.
    t.clock.advance(60_000);
    const relayed = await replyBySmtp(replyTo, mail?.messageId ?? '', 'Thanks Cat, Tuesday works for a call.');
    expect(relayed.accepted).toEqual([replyTo]);
    // A later reply comes through the provider's signed webhook.
    t.clock.advance(60_000);
    const secret = expectStatus(await t.api.org.settings({ as: ada.token }), 200).inboundSecret as string;
    const posted = await replyByWebhook(orgId, secret, { from: 'zoe@client.test', to: replyTo, subject: 'Re: Your quote', body: 'PS: 10am please.', messageId: '<zoe-ps@client.test>' });
    expect(posted).toEqual({ status: 200, body: { outcome: 'appended' } });
    const thread = expectStatus(await t.api.history.list(zoe, { as: cat.token }), 200).items;
    const replies = thread.filter((i) => i.direction === 'inbound');
    expect(replies.map((r) => [r.body.trim(), r.fromAddress, r.sentBy, r.onBehalfOf])).toEqual(expect.arrayContaining([
      ['Thanks Cat, Tuesday works for a call.', 'zoe@client.test', null, ben.id],
      ['PS: 10am please.', 'zoe@client.test', null, ben.id],
    ]));
    expect(replies).toHaveLength(2);

    // Logs the call.
    const call = expectStatus(await t.api.history.logCall(zoe, { body: 'Called Zoe: call booked for Tuesday 10am.' }, { as: cat.token }), 201).call;
    expect(call).toMatchObject({ kind: 'call', sentBy: cat.id });

    // A follow-up task linked to Zoe on Ben's calendar.
    const task = expectStatus(await cal.create({ ...FOLLOW_UP, userId: ben.id, contactId: zoe }, { as: cat }), 201).item;
    expect(task).toMatchObject({ kind: 'task', title: FOLLOW_UP.title, contact: { id: zoe } });

    // Ben, back, sees everything: the thread, the task on his calendar, in his tasks and on Zoe's page.
    const bens = expectStatus(await t.api.history.list(zoe, { as: ben.token }), 200).items;
    expect(bens.map((i) => i.kind).sort()).toEqual(['call', 'message', 'message', 'message', 'note']);
    expect(expectStatus(await cal.list({ as: ben, query: WEEK }), 200).items.map((i) => i.id)).toEqual([task.id]);
    expect(expectStatus(await cal.tasks({ as: ben, query: {} }), 200).items.map((i) => i.title)).toEqual([FOLLOW_UP.title]);
    expect(expectStatus(await cal.ofContact(zoe, { as: ben }), 200).items.map((i) => i.id)).toEqual([task.id]);
  });

  it('Dan (collaborate on Zoe, View on Ben\'s calendar) reads and writes the history but may not put the task on Ben\'s calendar', async () => {
    const { ben, dan, zoe } = await world();
    expectStatus(await t.api.history.list(zoe, { as: dan.token }), 200);
    expectStatus(await t.api.history.logCall(zoe, { body: 'Left a voicemail.' }, { as: dan.token }), 201);
    const refused = await cal.create({ ...FOLLOW_UP, userId: ben.id, contactId: zoe }, { as: dan });
    expect(outcome(refused)).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect((refused.body as { detail?: string }).detail).toMatch(/needs Edit access to Ben's calendar/);
    // He still reads Ben's calendar, which holds nothing of his; unlinked, on his own calendar, the task is his to add.
    expect(expectStatus(await cal.list({ as: dan, query: WEEK }), 200).items).toEqual([]);
    expectStatus(await cal.create({ ...FOLLOW_UP, userId: dan.id, contactId: zoe }, { as: dan }), 201);
    expect(expectStatus(await cal.ofContact(zoe, { as: ben }), 200).items).toEqual([]);
  });

  it('when Ben revokes Cat\'s share, the message she queued just before is not sent and says why; Zoe is gone for her', async () => {
    const { ben, cat, zoe, catShare } = await world();
    const sentBefore = smtp.accepted.length;
    const queued = expectStatus(await t.api.history.sendMessage(zoe, { subject: 'Late', body: 'One more thing.' }, { as: cat.token }), 201).message;
    expectStatus(await t.api.shares.revoke(zoe, catShare, { as: ben.token }), 204);
    expect(await queue().drain()).toBe(1);
    expect(smtp.accepted.length).toBe(sentBefore);
    const failed = expectStatus(await t.api.history.list(zoe, { as: ben.token }), 200).items.find((i) => i.id === queued.id);
    expect(failed).toMatchObject({ status: 'failed', sentAt: null, error: "The sender's access to this contact ended before the message was sent" });
    expect(outcome(await t.api.history.list(zoe, { as: cat.token }))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect(outcome(await cal.create({ ...FOLLOW_UP, userId: ben.id, contactId: zoe }, { as: cat }))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
  });
});
