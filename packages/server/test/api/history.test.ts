// History (spec §6.5): messages on the owner's behalf (queued here; their delivery: message-delivery.test.ts), notes
// and calls, newest first in keyset pages, audited messages without their body.
import { describe, expect, it } from 'vitest';
import { expectStatus } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';
import type { GrantSpec } from './support/world-builder.ts';

const t = useTestApp();
const { api } = t;

/** Acme: admin Ada, members Ben, Cat and Dan (and `grants`); Ben creates Zoe and shares her with Cat (collaborate). */
async function world(grants: readonly GrantSpec<'ben' | 'cat' | 'dan' | 'ada', never>[] = []) {
  const w = await t.world({ users: { ben: {}, cat: {}, dan: {}, ada: { role: 'admin' } }, grants });
  const { ben, cat } = w.users;
  const zoe = expectStatus(await api.contacts.create({ name: 'Zoe', emails: ['zoe@client.test'], phones: ['+15550100'] }, { as: ben.token }), 201).contact;
  expectStatus(await api.shares.create(zoe.id, { grantee: { userId: cat.id }, level: 'collaborate' }, { as: ben.token }), 201);
  return { orgId: w.orgId, ...w.users, zoe };
}

describe('POST /contacts/:id/messages', () => {
  it('stores the sender and the owner it was sent for, and audits it without the body', async () => {
    const { orgId, ben, cat, zoe } = await world();
    const message = expectStatus(await api.history.sendMessage(zoe.id, { body: 'Your offer is ready', channel: 'sms' }, { as: cat.token }), 201).message;
    expect(message).toEqual({
      id: expect.any(String), kind: 'message', body: 'Your offer is ready', channel: 'sms', sentBy: cat.id, sentByName: 'Cat',
      onBehalfOf: ben.id, onBehalfOfName: 'Ben', createdAt: '2026-01-05T09:00:00.000Z',
      direction: 'outbound', subject: null, status: 'queued', error: null, fromAddress: null, toAddress: '+15550100', sentAt: null,
    });
    const log = await t.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('action', '=', 'contact.message').execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: cat.id, target_type: 'contact', target_id: zoe.id, before: null });
    expect(log[0]?.after).toEqual({ messageId: message.id, channel: 'sms', sentBy: cat.id, onBehalfOf: ben.id });
    expect(JSON.stringify(log[0])).not.toContain('offer');
  });

  it('defaults the channel to email; rejects empty bodies and unknown fields', async () => {
    const { ben, zoe } = await world();
    expect(expectStatus(await api.history.sendMessage(zoe.id, { body: 'Hi' }, { as: ben.token }), 201).message.channel).toBe('email');
    for (const body of [{ body: '' }, { body: '   ' }, {}, { body: 'x', sentBy: ben.id }, { body: 'x'.repeat(10_001) }]) {
      expect((await api.history.sendMessage(zoe.id, body, { as: ben.token })).status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
  });

  it('is sent on behalf of the owner at send time: after a reassignment, new messages name the new owner', async () => {
    const { ben, cat, ada, zoe } = await world([{ owner: 'ben', user: 'cat', scope: 'contacts', level: 'edit' }]);
    const first = expectStatus(await api.history.sendMessage(zoe.id, { body: 'one' }, { as: cat.token }), 201).message;
    t.clock.advance(1000);
    expectStatus(await api.contacts.reassign(zoe.id, { ownerId: cat.id }, { as: ada.token }), 200);
    const second = expectStatus(await api.history.sendMessage(zoe.id, { body: 'two' }, { as: cat.token }), 201).message;
    expect([first.onBehalfOf, second.onBehalfOf]).toEqual([ben.id, cat.id]);
    const items = expectStatus(await api.history.list(zoe.id, { as: cat.token }), 200).items;
    expect(items.map((i) => `${i.body}:${i.onBehalfOfName}`)).toEqual(['two:Cat', 'one:Ben']);
  });
});

describe('notes and calls', () => {
  it('are the caller\'s own record: no onBehalfOf, no channel, not audited', async () => {
    const { orgId, cat, zoe } = await world();
    const note = expectStatus(await api.history.logNote(zoe.id, { body: 'Prefers mornings' }, { as: cat.token }), 201).note;
    const callEntry = expectStatus(await api.history.logCall(zoe.id, { body: '10 min, positive' }, { as: cat.token }), 201).call;
    expect(note).toMatchObject({ kind: 'note', channel: null, sentBy: cat.id, onBehalfOf: null, onBehalfOfName: null });
    expect(callEntry).toMatchObject({ kind: 'call', channel: null, sentBy: cat.id, onBehalfOf: null });
    expect(await t.db.selectFrom('audit_log').select('seq').where('org_id', '=', orgId).where('action', 'like', 'contact.%note%').execute()).toEqual([]);
  });
});

describe('GET /contacts/:id/history', () => {
  it('pages newest first with an opaque cursor, over messages, notes and calls', async () => {
    const { ben, cat, zoe } = await world();
    const sent: string[] = [];
    for (let i = 0; i < 7; i++) {
      t.clock.advance(60_000);
      const body = `entry ${i}`;
      const as = i % 2 ? cat.token : ben.token;
      if (i % 3 === 0) await api.history.sendMessage(zoe.id, { body }, { as });
      else if (i % 3 === 1) await api.history.logNote(zoe.id, { body }, { as });
      else await api.history.logCall(zoe.id, { body }, { as });
      sent.push(body);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = expectStatus(await api.history.list(zoe.id, { as: cat.token, query: { limit: 3, cursor } }), 200);
      seen.push(...page.items.map((i) => i.body));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...sent].reverse());
  });

  it('orders entries of the same instant stably and pages through them without loss', async () => {
    const { ben, zoe } = await world();
    for (let i = 0; i < 5; i++) await api.history.logNote(zoe.id, { body: `same ${i}` }, { as: ben.token });
    const first = expectStatus(await api.history.list(zoe.id, { as: ben.token, query: { limit: 2 } }), 200);
    const ids: string[] = first.items.map((i) => i.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = expectStatus(await api.history.list(zoe.id, { as: ben.token, query: { limit: 2, cursor } }), 200);
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    }
    expect(new Set(ids).size).toBe(5);
  });

  it('rejects a forged cursor with 400', async () => {
    const { ben, zoe } = await world();
    for (const cursor of ['x', Buffer.from(JSON.stringify(['yesterday', '00000000-0000-4000-8000-000000000000'])).toString('base64url')]) {
      expect((await api.history.list(zoe.id, { as: ben.token, query: { cursor } })).status).toBe(400);
    }
  });

  it('is closed to admins without a source, and to a collaborator once the share expires', async () => {
    const { ben, ada, dan, zoe } = await world();
    expect((await api.history.list(zoe.id, { as: ada.token })).status).toBe(403);
    expectStatus(await api.shares.create(zoe.id, { grantee: { userId: dan.id }, level: 'view', expiresAt: '2026-01-06T00:00:00Z' }, { as: ben.token }), 201);
    expectStatus(await api.history.list(zoe.id, { as: dan.token }), 200);
    t.clock.set('2026-01-06T00:00:00Z');
    expect((await api.history.list(zoe.id, { as: dan.token })).status).toBe(404);
  });
});
