// Inbound replies (spec §6.5, api.md "Messages", docs/decisions.md D28): the signed webhook POST /inbound/:orgId/:channel
// on both databases. The signature is computed here with node:crypto from the documented scheme, not with the
// server's helper, so the test holds the scheme itself.
import { createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InboundOutcomeDto } from '@tandem/api';
import { DATABASE_KINDS } from '../support/databases.ts';
import type { Answer } from './support/api-types.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp, type TestHandle } from './support/test-app.ts';

type Reply = { from: string; to: string; body: string; subject?: string; messageId?: string };
type Delivery = { secret?: string; header?: string | null; raw?: string; at?: number };

const INVALID = { status: 401, code: 'TANDEM_INBOUND_SIGNATURE_INVALID' };

function sign(secret: string, seconds: number, raw: string): string {
  return `t=${seconds},v1=${createHmac('sha256', secret).update(`${seconds}.${raw}`).digest('hex')}`;
}

const replyAddress = (userId: string) => `reply+${userId.replace(/-/g, '')}@localhost`;

function helpers(t: TestHandle) {
  const { api } = t;

  async function deliver(orgId: string, channel: string, reply: Reply | object, d: Delivery = {}) {
    const raw = d.raw ?? JSON.stringify(reply);
    const seconds = Math.floor((d.at ?? t.clock.now()) / 1000);
    const header = d.header === undefined ? (d.secret ? sign(d.secret, seconds, raw) : null) : d.header;
    const res = await t.app.inject({
      method: 'POST', url: `/api/v1/inbound/${orgId}/${channel}`, payload: raw,
      headers: { 'content-type': 'application/json', ...(header ? { 'tandem-signature': header } : {}) },
    });
    const answer = { status: res.statusCode, body: JSON.parse(res.body) as unknown, headers: res.headers };
    return { ...(answer as Answer<{ 200: InboundOutcomeDto }>), header };
  }

  /** Acme: Ben owns Zoe (an e-mail and a national phone number) and shares her with Cat at view; Dan is a stranger, Ada an admin. */
  async function world() {
    const w = await t.world({
      orgs: { acme: {}, globex: {} },
      users: { ben: {}, cat: {}, dan: {}, ada: { role: 'admin' }, oz: { org: 'globex', role: 'admin' }, pia: { org: 'globex' } },
    });
    const { ben, cat, ada, oz } = w.users;
    const zoe = expectStatus(await api.contacts.create({ name: 'Zoe', emails: ['zoe@client.test'], phones: ['(555) 010-7777'] }, { as: ben.token }), 201).contact;
    expectStatus(await api.shares.create(zoe.id, { grantee: { userId: cat.id }, level: 'view' }, { as: ben.token }), 201);
    const secret = expectStatus(await api.org.settings({ as: ada.token }), 200).inboundSecret as string;
    const globexSecret = expectStatus(await api.org.settings({ as: oz.token }), 200).inboundSecret as string;
    return { ...w.users, acme: w.orgs.acme, globex: w.orgs.globex, zoe, secret, globexSecret };
  }

  async function inboundRows(orgId: string) {
    return t.db.selectFrom('contact_events').selectAll().where('org_id', '=', orgId).where('direction', '=', 'inbound').execute();
  }

  return { api, deliver, world, inboundRows };
}

describe.each(DATABASE_KINDS)('POST /inbound/:orgId/:channel on %s', (kind) => {
  const t = useTestApp({ db: kind });
  const { api, deliver, world, inboundRows } = helpers(t);

  it('appends a signed e-mail reply to the contact: the owner and a viewer read it (inbound, sentBy null); a stranger and an admin without view do not', async () => {
    const w = await world();
    const reply = { from: 'Zoe Client <Zoe@Client.test>', to: replyAddress(w.ben.id), subject: 'Re: your offer', body: 'Yes, Tuesday works.', messageId: '<m1@client.test>' };
    expect(expectStatus(await deliver(w.acme, 'email', reply, { secret: w.secret }), 200)).toEqual({ outcome: 'appended' });
    for (const reader of [w.ben, w.cat]) {
      const items = expectStatus(await api.history.list(w.zoe.id, { as: reader.token }), 200).items;
      expect(items).toEqual([expect.objectContaining({
        kind: 'message', direction: 'inbound', channel: 'email', body: 'Yes, Tuesday works.', subject: 'Re: your offer',
        sentBy: null, onBehalfOf: w.ben.id, fromAddress: 'zoe@client.test', toAddress: replyAddress(w.ben.id), status: null,
        createdAt: '2026-01-05T09:00:00.000Z',
      })]);
    }
    expect(outcome(await api.history.list(w.zoe.id, { as: w.dan.token }))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect((await api.history.list(w.zoe.id, { as: w.ada.token })).status).toBe(403);
    expect((await inboundRows(w.acme))[0]).toMatchObject({ external_id: '<m1@client.test>', sent_by: null, on_behalf_of: w.ben.id });
  });

  it('refuses a missing, malformed, wrong, stale or tampered signature and an unknown org with one identical 401, and keeps nothing', async () => {
    const w = await world();
    const reply = { from: 'zoe@client.test', to: replyAddress(w.ben.id), body: 'Hello' };
    const raw = JSON.stringify(reply);
    const now = Math.floor(t.clock.now() / 1000);
    const refusals = [
      await deliver(w.acme, 'email', reply, { header: null }),
      await deliver(w.acme, 'email', reply, { header: 'nonsense' }),
      await deliver(w.acme, 'email', reply, { header: `t=${now},v1=${'0'.repeat(64)}` }),
      await deliver(w.acme, 'email', reply, { secret: w.globexSecret }),
      await deliver(w.acme, 'email', reply, { secret: 'whsec_not-the-secret' }),
      await deliver(w.acme, 'email', reply, { secret: w.secret, at: t.clock.now() - 301_000 }),
      await deliver(w.acme, 'email', reply, { secret: w.secret, at: t.clock.now() + 301_000 }),
      await deliver(w.acme, 'email', reply, { header: sign(w.secret, now, raw), raw: raw.replace('Hello', 'Hullo') }),
      await deliver(randomUUID(), 'email', reply, { secret: w.secret }),
      await deliver('not-an-org', 'email', reply, { secret: w.secret }),
    ];
    const first = refusals[0];
    for (const refusal of refusals) {
      expect(outcome(refusal)).toEqual(INVALID);
      expect(refusal.body).toEqual(first?.body);
    }
    expect(await inboundRows(w.acme)).toEqual([]);
    // The same delivery signed with the org's secret, at the edge of the tolerance, is taken.
    expect(expectStatus(await deliver(w.acme, 'email', reply, { secret: w.secret, at: t.clock.now() - 299_000 }), 200).outcome).toBe('appended');
  });

  it('refuses a replayed delivery with 409 and appends once; a re-signed retry of the same messageId answers duplicate', async () => {
    const w = await world();
    const reply = { from: 'zoe@client.test', to: replyAddress(w.ben.id), body: 'Once', messageId: 'SM123' };
    const first = await deliver(w.acme, 'email', reply, { secret: w.secret });
    expect(expectStatus(first, 200).outcome).toBe('appended');
    const replay = await deliver(w.acme, 'email', reply, { header: first.header });
    expect(outcome(replay)).toEqual({ status: 409, code: 'TANDEM_INBOUND_REPLAYED' });
    t.clock.advance(1000);
    expect(expectStatus(await deliver(w.acme, 'email', reply, { secret: w.secret }), 200).outcome).toBe('duplicate');
    expect(await inboundRows(w.acme)).toHaveLength(1);
    // A replay stays refused for as long as its timestamp could pass.
    t.clock.advance(250_000);
    expect(outcome(await deliver(w.acme, 'email', reply, { header: first.header }))).toEqual({ status: 409, code: 'TANDEM_INBOUND_REPLAYED' });
    t.clock.advance(60_000);
    expect(outcome(await deliver(w.acme, 'email', reply, { header: first.header }))).toEqual(INVALID);
    expect(expectStatus(await api.history.list(w.zoe.id, { as: w.ben.token }), 200).items).toHaveLength(1);
  });

  it('keeps a reply from an unknown sender for admins only: no history anywhere, listed for admins, 404 for members', async () => {
    const w = await world();
    const stranger = { from: 'someone@else.test', to: replyAddress(w.ben.id), subject: 'Who?', body: 'Who is this?', messageId: 'x1' };
    expect(expectStatus(await deliver(w.acme, 'email', stranger, { secret: w.secret }), 200).outcome).toBe('unmatched');
    t.clock.advance(1000);
    const nobody = { from: 'zoe@client.test', to: 'reply+00000000000000000000000000000000@localhost', body: 'Lost' };
    expect(expectStatus(await deliver(w.acme, 'email', nobody, { secret: w.secret }), 200).outcome).toBe('unmatched');
    expect(await t.db.selectFrom('contact_events').select('id').where('direction', '=', 'inbound').where('org_id', 'in', [w.acme, w.globex]).execute()).toEqual([]);

    const page1 = expectStatus(await api.call<{ 200: { items: Record<string, unknown>[]; nextCursor: string | null } }>('GET', '/api/v1/inbound/unmatched', { as: w.ada.token, query: { limit: 1 } }), 200);
    expect(page1.items).toEqual([expect.objectContaining({ reason: 'unknown_line', ownerId: null, fromAddress: 'zoe@client.test', body: 'Lost', channel: 'email' })]);
    const page2 = expectStatus(await api.call<{ 200: { items: Record<string, unknown>[]; nextCursor: string | null } }>('GET', '/api/v1/inbound/unmatched', { as: w.ada.token, query: { limit: 1, cursor: page1.nextCursor } }), 200);
    expect(page2).toEqual({
      items: [{
        id: expect.any(String), channel: 'email', reason: 'unknown_sender', ownerId: w.ben.id, fromAddress: 'someone@else.test',
        toAddress: replyAddress(w.ben.id), subject: 'Who?', body: 'Who is this?', messageId: 'x1', receivedAt: '2026-01-05T09:00:00.000Z',
      }],
      nextCursor: null,
    });
    for (const member of [w.ben, w.cat]) {
      expect(outcome(await api.call('GET', '/api/v1/inbound/unmatched', { as: member.token }))).toEqual({ status: 404, code: 'TANDEM_NOT_FOUND' });
    }
    expect(outcome(await api.call('GET', '/api/v1/inbound/unmatched'))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    // Another org's admin sees none of it.
    expect(expectStatus(await api.call<{ 200: { items: unknown[] } }>('GET', '/api/v1/inbound/unmatched', { as: w.oz.token }), 200).items).toEqual([]);
  });

  it('crosses no org: org B\'s secret cannot append to org A, and org A\'s delivery naming org B\'s user stays in A, unmatched', async () => {
    const w = await world();
    const pias = expectStatus(await api.contacts.create({ name: 'Yan', emails: ['zoe@client.test'] }, { as: w.pia.token }), 201).contact;
    const toPia = { from: 'zoe@client.test', to: replyAddress(w.pia.id), body: 'Hi Pia' };
    expect(outcome(await deliver(w.globex, 'email', { ...toPia, to: replyAddress(w.ben.id) }, { secret: w.secret }))).toEqual(INVALID);
    expect(expectStatus(await deliver(w.acme, 'email', toPia, { secret: w.secret }), 200).outcome).toBe('unmatched');
    expect(expectStatus(await api.history.list(pias.id, { as: w.pia.token }), 200).items).toEqual([]);
    expect(expectStatus(await api.history.list(w.zoe.id, { as: w.ben.token }), 200).items).toEqual([]);
    const kept = await t.db.selectFrom('inbound_unmatched').select(['org_id', 'reason']).where('org_id', 'in', [w.acme, w.globex]).execute();
    expect(kept).toEqual([{ org_id: w.acme, reason: 'unknown_line' }]);
    // Signed by Globex for Globex, the same reply reaches Pia's contact.
    expect(expectStatus(await deliver(w.globex, 'email', toPia, { secret: w.globexSecret }), 200).outcome).toBe('appended');
    expect(expectStatus(await api.history.list(pias.id, { as: w.pia.token }), 200).items.map((i) => i.body)).toEqual(['Hi Pia']);
  });

  it('matches an SMS by the owner\'s line and the client\'s phone digits (national forms too), preferring an exact number', async () => {
    const w = await world();
    await t.db.updateTable('users').set({ sms_line: '+1 555 010 0001' }).where('id', '=', w.ben.id).execute();
    const sms = { from: '+15550107777', to: '+15550100001', body: 'Running late', messageId: 'SM1' };
    expect(expectStatus(await deliver(w.acme, 'sms', sms, { secret: w.secret }), 200).outcome).toBe('appended');
    const items = expectStatus(await api.history.list(w.zoe.id, { as: w.ben.token }), 200).items;
    expect(items).toEqual([expect.objectContaining({ channel: 'sms', direction: 'inbound', body: 'Running late', subject: null, fromAddress: '+15550107777', toAddress: '+15550100001', sentBy: null })]);
    // A second contact with the whole number wins over Zoe's national form.
    const yan = expectStatus(await api.contacts.create({ name: 'Yan', phones: ['+1 555 010 7777'] }, { as: w.ben.token }), 201).contact;
    t.clock.advance(1000);
    expect(expectStatus(await deliver(w.acme, 'sms', { ...sms, messageId: 'SM2', body: 'Second' }, { secret: w.secret }), 200).outcome).toBe('appended');
    expect(expectStatus(await api.history.list(yan.id, { as: w.ben.token }), 200).items.map((i) => i.body)).toEqual(['Second']);
    // A line nobody has, or a phone none of Ben's contacts has: unmatched.
    t.clock.advance(1000);
    expect(expectStatus(await deliver(w.acme, 'sms', { ...sms, to: '+15550109999', messageId: 'SM3' }, { secret: w.secret }), 200).outcome).toBe('unmatched');
    expect(expectStatus(await deliver(w.acme, 'sms', { ...sms, from: '+15550108888', messageId: 'SM4' }, { secret: w.secret }), 200).outcome).toBe('unmatched');
    expect(await inboundRows(w.acme)).toHaveLength(2);
  });

  it('takes the owner\'s own e-mail as the line; a deactivated owner\'s or an archived contact still gets the reply; a contact in the trash does not', async () => {
    const w = await world();
    const own = { from: 'zoe@client.test', to: `Ben <${w.ben.email.toUpperCase()}>`, body: 'Direct' };
    expect(expectStatus(await deliver(w.acme, 'email', own, { secret: w.secret }), 200).outcome).toBe('appended');
    await t.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', w.ben.id).execute();
    t.clock.advance(1000);
    expect(expectStatus(await deliver(w.acme, 'email', { ...own, body: 'Still there?' }, { secret: w.secret }), 200).outcome).toBe('appended');
    expect(expectStatus(await api.history.list(w.zoe.id, { as: w.cat.token }), 200).items.map((i) => i.body)).toEqual(['Still there?', 'Direct']);
    await t.db.updateTable('contacts').set({ archived_at: new Date(t.clock.now()) }).where('id', '=', w.zoe.id).execute();
    t.clock.advance(1000);
    expect(expectStatus(await deliver(w.acme, 'email', { ...own, body: 'Archived too' }, { secret: w.secret }), 200).outcome).toBe('appended');
    await t.db.updateTable('contacts').set({ trashed_at: new Date(t.clock.now()) }).where('id', '=', w.zoe.id).execute();
    t.clock.advance(1000);
    expect(expectStatus(await deliver(w.acme, 'email', { ...own, body: 'Hello?' }, { secret: w.secret }), 200).outcome).toBe('unmatched');
    expect(await t.db.selectFrom('inbound_unmatched').select(['reason', 'owner_id']).where('org_id', '=', w.acme).execute()).toEqual([{ reason: 'contact_in_trash', owner_id: w.ben.id }]);
    expect(await inboundRows(w.acme)).toHaveLength(3);
  });

  it('several contacts of the owner with the address: the one with the most recent history gets the reply, not the newest', async () => {
    const w = await world();
    t.clock.advance(1000);
    const newer = expectStatus(await api.contacts.create({ name: 'Zoe (work)', emails: ['zoe@client.test'] }, { as: w.ben.token }), 201).contact;
    t.clock.advance(1000);
    expectStatus(await api.history.logNote(w.zoe.id, { body: 'met her' }, { as: w.ben.token }), 201);
    t.clock.advance(1000);
    const reply = { from: 'zoe@client.test', to: replyAddress(w.ben.id), body: 'To the latest' };
    expect(expectStatus(await deliver(w.acme, 'email', reply, { secret: w.secret }), 200).outcome).toBe('appended');
    expect(expectStatus(await api.history.list(w.zoe.id, { as: w.ben.token }), 200).items.map((i) => i.body)).toEqual(['To the latest', 'met her']);
    expect(expectStatus(await api.history.list(newer.id, { as: w.ben.token }), 200).items).toEqual([]);
    // Now the newer one has the latest history: the next reply goes there.
    t.clock.advance(1000);
    expectStatus(await api.history.logNote(newer.id, { body: 'called' }, { as: w.ben.token }), 201);
    t.clock.advance(1000);
    expect(expectStatus(await deliver(w.acme, 'email', { ...reply, body: 'Second' }, { secret: w.secret }), 200).outcome).toBe('appended');
    expect(expectStatus(await api.history.list(newer.id, { as: w.ben.token }), 200).items.map((i) => i.body)).toEqual(['Second', 'called']);
  });

  it('refuses a bad channel, a bad body (signed or not: validation says nothing about the org) and a body over 256 KB', async () => {
    const w = await world();
    const reply = { from: 'zoe@client.test', to: replyAddress(w.ben.id), body: 'x' };
    expect(outcome(await deliver(w.acme, 'fax', reply, { secret: w.secret }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(outcome(await deliver(w.acme, 'email', { ...reply, body: '' }, { secret: w.secret }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(outcome(await deliver(w.acme, 'email', { ...reply, extra: 1 }, { header: null }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(outcome(await deliver(randomUUID(), 'email', { ...reply, body: 'a\u0000b' }, { header: null }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(outcome(await deliver(w.acme, 'email', reply, { header: null }))).toEqual(INVALID);
    const large = await deliver(w.acme, 'email', { ...reply, body: 'x'.repeat(300_000) }, { secret: w.secret });
    expect(outcome(large)).toEqual({ status: 413, code: 'TANDEM_REQUEST_BODY_TOO_LARGE' });
    expect(large.body).toMatchObject({ detail: 'The request body is larger than 256 KB.' });
    expect(await inboundRows(w.acme)).toEqual([]);
  });
});

describe('the inbound secret', () => {
  const t = useTestApp();
  const { api, deliver, world } = helpers(t);

  it('is shown to admins only, made at sign-up, and rotated by an admin (audited, the old one stops working)', async () => {
    const w = await world();
    expect(expectStatus(await api.org.settings({ as: w.ben.token }), 200)).not.toHaveProperty('inboundSecret');
    expect(expectStatus(await api.org.settings({ as: w.ada.token }), 200).inboundSecret).toBe(w.secret);
    expect(outcome(await api.call('POST', '/api/v1/org/inbound-secret', { as: w.ben.token, body: {} }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });
    const rotated = expectStatus(await api.call<{ 200: { inboundSecret: string } }>('POST', '/api/v1/org/inbound-secret', { as: w.ada.token, body: {} }), 200).inboundSecret;
    expect(rotated).toMatch(/^whsec_[\w-]{43}$/);
    expect(rotated).not.toBe(w.secret);
    expect(expectStatus(await api.org.settings({ as: w.ada.token }), 200).inboundSecret).toBe(rotated);
    const reply = { from: 'zoe@client.test', to: replyAddress(w.ben.id), body: 'After rotation' };
    expect(outcome(await deliver(w.acme, 'email', reply, { secret: w.secret }))).toEqual(INVALID);
    expect(expectStatus(await deliver(w.acme, 'email', reply, { secret: rotated }), 200).outcome).toBe('appended');
    const log = await t.db.selectFrom('audit_log').selectAll().where('org_id', '=', w.acme).where('action', '=', 'org.inbound_secret.rotate').execute();
    expect(log).toEqual([expect.objectContaining({ actor_id: w.ada.id, target_type: 'org', target_id: w.acme })]);
    expect(JSON.stringify(log)).not.toContain(rotated.slice(6));

    const signedUp = expectStatus(await api.signup({ orgName: 'Initech', name: 'Ivy', email: 'ivy@initech.test', password: 'a long enough password' }), 201);
    const row = await t.db.selectFrom('orgs').select('inbound_secret').where('id', '=', signedUp.org.id).executeTakeFirstOrThrow();
    expect(row.inbound_secret).toMatch(/^whsec_[\w-]{43}$/);
  });
});
