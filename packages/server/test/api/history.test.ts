// History (spec §6.5): messages on the owner's behalf, notes and calls, newest first in keyset pages, audited
// messages without their body.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOrg, createUser, createUserGrant } from '../fixtures/org-fixture.ts';
import { buildTestApp, type TestApp } from '../support/harness.ts';
import { contactsClient, expectStatus, type ContactClient } from './support/contacts-client.ts';

let t: TestApp;
let client: ContactClient;
beforeAll(async () => {
  t = await buildTestApp();
  client = contactsClient(t.app);
});
afterAll(async () => t.close());
beforeEach(() => { t.clock.set('2026-01-05T09:00:00Z'); });

async function world() {
  const db = t.handle.db;
  const orgId = await createOrg(db, 'Acme');
  const mk = (name: string, role: 'admin' | 'member' = 'member') => createUser(db, orgId, { name, role });
  const [ben, cat, dan, ada] = await Promise.all([mk('Ben'), mk('Cat'), mk('Dan'), mk('Ada', 'admin')]);
  const zoe = expectStatus(await client.createContact({ as: ben.token, body: { name: 'Zoe' } }), 201).contact;
  expectStatus(await client.createShare(zoe.id, { as: ben.token, body: { grantee: { userId: cat.id }, level: 'collaborate' } }), 201);
  return { orgId, ben, cat, dan, ada, zoe };
}

describe('POST /contacts/:id/messages', () => {
  it('stores the sender and the owner it was sent for, and audits it without the body', async () => {
    const { orgId, ben, cat, zoe } = await world();
    const message = expectStatus(await client.sendMessage(zoe.id, { as: cat.token, body: { body: 'Your offer is ready', channel: 'sms' } }), 201).message;
    expect(message).toEqual({
      id: expect.any(String), kind: 'message', body: 'Your offer is ready', channel: 'sms', sentBy: cat.id, sentByName: 'Cat',
      onBehalfOf: ben.id, onBehalfOfName: 'Ben', createdAt: '2026-01-05T09:00:00.000Z',
    });
    const log = await t.handle.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('action', '=', 'contact.message').execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: cat.id, target_type: 'contact', target_id: zoe.id, before: null });
    expect(log[0]?.after).toEqual({ messageId: message.id, channel: 'sms', sentBy: cat.id, onBehalfOf: ben.id });
    expect(JSON.stringify(log[0])).not.toContain('offer');
  });

  it('defaults the channel to email; rejects empty bodies and unknown fields', async () => {
    const { ben, zoe } = await world();
    expect(expectStatus(await client.sendMessage(zoe.id, { as: ben.token, body: { body: 'Hi' } }), 201).message.channel).toBe('email');
    for (const body of [{ body: '' }, { body: '   ' }, {}, { body: 'x', sentBy: ben.id }, { body: 'x'.repeat(10_001) }]) {
      expect((await client.sendMessage(zoe.id, { as: ben.token, body })).status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
  });

  it('is sent on behalf of the owner at send time: after a reassignment, new messages name the new owner', async () => {
    const { orgId, ben, cat, ada, zoe } = await world();
    await createUserGrant(t.handle.db, orgId, { ownerId: ben.id, grantee: { userId: cat.id }, scope: 'contacts', level: 'edit' });
    const first = expectStatus(await client.sendMessage(zoe.id, { as: cat.token, body: { body: 'one' } }), 201).message;
    t.clock.advance(1000);
    expectStatus(await client.reassignContact(zoe.id, { as: ada.token, ownerId: cat.id }), 200);
    const second = expectStatus(await client.sendMessage(zoe.id, { as: cat.token, body: { body: 'two' } }), 201).message;
    expect([first.onBehalfOf, second.onBehalfOf]).toEqual([ben.id, cat.id]);
    const items = expectStatus(await client.history(zoe.id, { as: cat.token }), 200).items;
    expect(items.map((i: { body: string; onBehalfOfName: string }) => `${i.body}:${i.onBehalfOfName}`)).toEqual(['two:Cat', 'one:Ben']);
  });
});

describe('notes and calls', () => {
  it('are the caller\'s own record: no onBehalfOf, no channel, not audited', async () => {
    const { orgId, cat, zoe } = await world();
    const note = expectStatus(await client.logNote(zoe.id, { as: cat.token, body: { body: 'Prefers mornings' } }), 201).note;
    const callEntry = expectStatus(await client.logCall(zoe.id, { as: cat.token, body: { body: '10 min, positive' } }), 201).call;
    expect(note).toMatchObject({ kind: 'note', channel: null, sentBy: cat.id, onBehalfOf: null, onBehalfOfName: null });
    expect(callEntry).toMatchObject({ kind: 'call', channel: null, sentBy: cat.id, onBehalfOf: null });
    expect(await t.handle.db.selectFrom('audit_log').select('seq').where('org_id', '=', orgId).where('action', 'like', 'contact.%note%').execute()).toEqual([]);
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
      if (i % 3 === 0) await client.sendMessage(zoe.id, { as, body: { body } });
      else if (i % 3 === 1) await client.logNote(zoe.id, { as, body: { body } });
      else await client.logCall(zoe.id, { as, body: { body } });
      sent.push(body);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = expectStatus(await client.history(zoe.id, { as: cat.token, query: { limit: 3, cursor } }), 200);
      seen.push(...page.items.map((i: { body: string }) => i.body));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...sent].reverse());
  });

  it('orders entries of the same instant stably and pages through them without loss', async () => {
    const { ben, zoe } = await world();
    for (let i = 0; i < 5; i++) await client.logNote(zoe.id, { as: ben.token, body: { body: `same ${i}` } });
    const first = expectStatus(await client.history(zoe.id, { as: ben.token, query: { limit: 2 } }), 200);
    const ids: string[] = first.items.map((i: { id: string }) => i.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = expectStatus(await client.history(zoe.id, { as: ben.token, query: { limit: 2, cursor } }), 200);
      ids.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    }
    expect(new Set(ids).size).toBe(5);
  });

  it('rejects a forged cursor with 400', async () => {
    const { ben, zoe } = await world();
    for (const cursor of ['x', Buffer.from(JSON.stringify(['yesterday', '00000000-0000-4000-8000-000000000000'])).toString('base64url')]) {
      expect((await client.history(zoe.id, { as: ben.token, query: { cursor } })).status).toBe(400);
    }
  });

  it('is closed to admins without a source, and to a collaborator once the share expires', async () => {
    const { ben, ada, dan, zoe } = await world();
    expect((await client.history(zoe.id, { as: ada.token })).status).toBe(403);
    expectStatus(await client.createShare(zoe.id, { as: ben.token, body: { grantee: { userId: dan.id }, level: 'view', expiresAt: '2026-01-06T00:00:00Z' } }), 201);
    expectStatus(await client.history(zoe.id, { as: dan.token }), 200);
    t.clock.set('2026-01-06T00:00:00Z');
    expect((await client.history(zoe.id, { as: dan.token })).status).toBe(404);
  });
});
