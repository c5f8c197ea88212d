// Tandem's own SMTP receiver (inbound/smtp-receiver.ts; docs/decisions.md D28): real mail sent with nodemailer over
// loopback to the receiver, read back through the API.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.ts';
import { inboundDepsOf } from '../../src/http/routes/inbound.ts';
import { smtpReceiverConfig, startSmtpReceiver, type SmtpReceiver } from '../../src/inbound/smtp-receiver.ts';
import { expectStatus } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const DOMAIN = 'reply.acme.test';
const MAX_BYTES = 20_000;
const replyAddress = (userId: string) => `reply+${userId.replace(/-/g, '')}@${DOMAIN}`;
const codeOf = (error: unknown) => (error as { responseCode?: number } | null)?.responseCode;

describe.each(DATABASE_KINDS)('the inbound SMTP receiver on %s', (kind) => {
  const t = useTestApp({ db: kind });
  const { api } = t;
  let receiver: SmtpReceiver;

  beforeAll(async () => {
    receiver = await startSmtpReceiver({ port: 0, host: '127.0.0.1', maxBytes: MAX_BYTES }, {
      ...inboundDepsOf({ db: t.db, inboundDomain: DOMAIN }), inboundDomain: DOMAIN, clock: t.clock,
    });
  });
  afterAll(async () => {
    await receiver.close();
  });

  const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });

  async function world() {
    const w = await t.world({ users: { ben: {}, ada: { role: 'admin' } } });
    const zoe = expectStatus(await api.contacts.create({ name: 'Zoe', emails: ['zoe@client.test'] }, { as: w.users.ben.token }), 201).contact;
    return { ...w.users, orgId: w.orgId, zoe };
  }

  it('puts a reply sent to reply+<owner>@<inbound domain> in the contact\'s history, with its subject, text and Message-ID', async () => {
    const w = await world();
    const info = await transport().sendMail({
      from: 'Zoe Client <zoe@client.test>', to: replyAddress(w.ben.id), subject: 'Re: the offer',
      text: 'Tuesday is fine.\n\n> earlier message', messageId: '<reply-1@client.test>',
    });
    expect(info.accepted).toEqual([replyAddress(w.ben.id)]);
    const items = expectStatus(await api.history.list(w.zoe.id, { as: w.ben.token }), 200).items;
    expect(items).toEqual([expect.objectContaining({
      kind: 'message', direction: 'inbound', channel: 'email', subject: 'Re: the offer', body: 'Tuesday is fine.\n\n> earlier message',
      sentBy: null, onBehalfOf: w.ben.id, fromAddress: 'zoe@client.test', toAddress: replyAddress(w.ben.id),
    })]);
    // The same message relayed again (a retrying MTA) is kept once.
    await transport().sendMail({ from: 'zoe@client.test', to: replyAddress(w.ben.id), subject: 'Re: the offer', text: 'Tuesday is fine.', messageId: '<reply-1@client.test>' });
    expect(expectStatus(await api.history.list(w.zoe.id, { as: w.ben.token }), 200).items).toHaveLength(1);
  });

  it('reads an HTML-only reply as text; an unknown sender is kept for admins only', async () => {
    const w = await world();
    await transport().sendMail({ from: 'zoe@client.test', to: replyAddress(w.ben.id), subject: 'html', html: '<p>Hello <b>Ben</b></p>' });
    expect(expectStatus(await api.history.list(w.zoe.id, { as: w.ben.token }), 200).items.map((i) => i.body)).toEqual(['Hello Ben']);
    await transport().sendMail({ from: 'stranger@else.test', to: replyAddress(w.ben.id), subject: 'spam', text: 'Buy now' });
    const unmatched = expectStatus(await api.call<{ 200: { items: { fromAddress: string; reason: string }[] } }>('GET', '/api/v1/inbound/unmatched', { as: w.ada.token }), 200).items;
    expect(unmatched.map((u) => [u.fromAddress, u.reason])).toEqual([['stranger@else.test', 'unknown_sender']]);
  });

  it('refuses at RCPT TO with 550 a recipient of another domain and a reply address that names nobody; keeps nothing', async () => {
    const w = await world();
    // Each refusal is caught as the send starts: awaiting them one by one would leave a later one unhandled meanwhile.
    const refusals = await Promise.all([
      transport().sendMail({ from: 'zoe@client.test', to: 'ben@elsewhere.test', text: 'relay me' }),
      transport().sendMail({ from: 'zoe@client.test', to: `reply+${'0'.repeat(32)}@${DOMAIN}`, text: 'nobody' }),
      transport().sendMail({ from: 'zoe@client.test', to: `postmaster@${DOMAIN}`, text: 'hello' }),
    ].map((send) => send.then(() => null, (e: unknown) => e)));
    expect(refusals.map(codeOf)).toEqual([550, 550, 550]);
    // One good and one foreign recipient: the good one gets it, the foreign one is refused.
    const info = await transport().sendMail({ from: 'zoe@client.test', to: [replyAddress(w.ben.id), 'ben@elsewhere.test'], text: 'both' });
    expect([info.accepted, info.rejected]).toEqual([[replyAddress(w.ben.id)], ['ben@elsewhere.test']]);
    expect(expectStatus(await api.history.list(w.zoe.id, { as: w.ben.token }), 200).items.map((i) => i.body)).toEqual(['both']);
  });

  it('refuses mail larger than its size limit with 552 and keeps nothing', async () => {
    const w = await world();
    const error = await transport().sendMail({ from: 'zoe@client.test', to: replyAddress(w.ben.id), text: 'x'.repeat(MAX_BYTES * 2) }).then(() => null, (e: unknown) => e);
    expect(codeOf(error)).toBe(552);
    expect(expectStatus(await api.history.list(w.zoe.id, { as: w.ben.token }), 200).items).toEqual([]);
  });
});

describe('smtpReceiverConfig', () => {
  it('starts no receiver without INBOUND_SMTP_PORT, listens on loopback by default, and refuses a port that is not one', () => {
    expect(smtpReceiverConfig({})).toBeNull();
    expect(smtpReceiverConfig({ INBOUND_SMTP_PORT: '2525' })).toEqual({ port: 2525, host: '127.0.0.1', maxBytes: 10 * 1024 * 1024 });
    expect(smtpReceiverConfig({ INBOUND_SMTP_PORT: '25', INBOUND_SMTP_HOST: '0.0.0.0', INBOUND_SMTP_MAX_BYTES: '1000' })).toEqual({ port: 25, host: '0.0.0.0', maxBytes: 1000 });
    expect(() => smtpReceiverConfig({ INBOUND_SMTP_PORT: 'smtp' })).toThrow(/INBOUND_SMTP_PORT/);
    expect(() => smtpReceiverConfig({ INBOUND_SMTP_PORT: '70000' })).toThrow(/INBOUND_SMTP_PORT/);
    expect(() => smtpReceiverConfig({ INBOUND_SMTP_PORT: '25', INBOUND_SMTP_MAX_BYTES: 'lots' })).toThrow(/INBOUND_SMTP_MAX_BYTES/);
  });
});
