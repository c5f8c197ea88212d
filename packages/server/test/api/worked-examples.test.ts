// Spec §11, worked examples 1–5, end to end through the API with the manual clock.
// Org Acme: admin Ada; members Ben, Cat, Dan; team Sales = {Ben, Cat}. Monday 5 January 2026, 09:00 UTC.
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp();
const { api } = t;

const SATURDAY = '2026-01-10T00:00:00Z';

async function acme() {
  const w = await t.world({ users: { ada: { role: 'admin' }, ben: {}, cat: {}, dan: {} }, teams: { sales: { members: ['ben', 'cat'] } } });
  return { orgId: w.orgId, ...w.users, add: w.add };
}

/** Examples 1–3 in order: Ben creates Zoe, shares her with Cat (collaborate, until Friday) and Dan (view). */
async function upToExample(n: 1 | 2 | 3) {
  const w = await acme();
  const zoe = expectStatus(await api.contacts.create({ name: 'Zoe', emails: ['zoe@client.test'] }, { as: w.ben.token }), 201).contact;
  if (n >= 2) expectStatus(await api.shares.create(zoe.id, { grantee: { userId: w.cat.id }, level: 'collaborate', expiresAt: SATURDAY }, { as: w.ben.token }), 201);
  if (n >= 3) expectStatus(await api.shares.create(zoe.id, { grantee: { userId: w.dan.id }, level: 'view' }, { as: w.ben.token }), 201);
  return { ...w, zoe };
}

describe('spec §11 worked examples', () => {
  it('1. Ben creates Zoe: Cat and Dan get 404; Ada sees her at profile, without history', async () => {
    const { ada, cat, dan, zoe } = await upToExample(1);
    expect((await api.contacts.get(zoe.id, { as: cat.token })).status).toBe(404);
    expect((await api.contacts.get(zoe.id, { as: dan.token })).status).toBe(404);
    expect(expectStatus(await api.contacts.get(zoe.id, { as: ada.token }), 200).contact.access.level).toBe('profile');
    expect((await api.history.list(zoe.id, { as: ada.token })).status).toBe(403);
  });

  it('2. shared with Cat at collaborate until Friday: she reads history and sends as Ben; on Saturday 404, no job run', async () => {
    const { ben, cat, zoe } = await upToExample(2);
    expectStatus(await api.history.list(zoe.id, { as: cat.token }), 200);
    const message = expectStatus(await api.history.sendMessage(zoe.id, { body: 'Hello Zoe' }, { as: cat.token }), 201).message;
    expect(message).toMatchObject({ sentBy: cat.id, onBehalfOf: ben.id });
    t.clock.set('2026-01-09T23:59:59.999Z');
    expect((await api.contacts.get(zoe.id, { as: cat.token })).status).toBe(200);
    t.clock.set('2026-01-10T10:00:00Z');
    expect((await api.contacts.get(zoe.id, { as: cat.token })).status).toBe(404);
    expect((await api.history.list(zoe.id, { as: cat.token })).status).toBe(404);
    expect(expectStatus(await api.contacts.list({ as: cat.token, query: { q: 'zoe' } }), 200).items).toEqual([]);
    expect(await t.db.selectFrom('contact_shares').select('id').where('contact_id', '=', zoe.id).where('grantee_user_id', '=', cat.id).execute()).toHaveLength(1);
  });

  it('3. shared with Dan at view: he reads history, sending answers 403, and he has no actions bar', async () => {
    const { dan, zoe } = await upToExample(3);
    expectStatus(await api.history.list(zoe.id, { as: dan.token }), 200);
    const send = await api.history.sendMessage(zoe.id, { body: 'Hi' }, { as: dan.token });
    expect(outcome(send)).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    const access = expectStatus(await api.contacts.get(zoe.id, { as: dan.token }), 200).contact.access;
    expect(access).toEqual({
      level: 'view', actions: ['contact.view', 'contact.readHistory', 'contact.export'], shared: true, sharedWithYou: true, shareLevels: [],
      reassignTo: { anyone: false, userIds: [] },
    });
  });

  it('4. Share all contacts on: Dan keeps view; Cat (share expired) finds Zoe at profile but gets 403 on history', async () => {
    const { orgId, cat, dan, zoe } = await upToExample(3);
    t.clock.set('2026-01-10T10:00:00Z');
    await t.db.updateTable('orgs').set({ share_all_contacts: true }).where('id', '=', orgId).execute();
    expect(expectStatus(await api.contacts.get(zoe.id, { as: dan.token }), 200).contact.access.level).toBe('view');
    const found = expectStatus(await api.contacts.list({ as: cat.token, query: { q: 'Zo' } }), 200).items;
    expect(found.map((c) => [c.id, c.access.level])).toEqual([[zoe.id, 'profile']]);
    const history = await api.history.list(zoe.id, { as: cat.token });
    expect(outcome(history)).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
  });

  it('5. with an edit grant on Ben\'s contacts Cat edits Zoe, shares her with Dan at edit, reassigns her to herself, not to Dan', async () => {
    const { orgId, ben, cat, dan, zoe, add } = await upToExample(3);
    t.clock.set('2026-01-10T10:00:00Z');
    await t.db.updateTable('orgs').set({ share_all_contacts: true }).where('id', '=', orgId).execute();
    await add({ grants: [{ owner: 'ben', user: 'cat', scope: 'contacts', level: 'edit' }] });
    expectStatus(await api.contacts.update(zoe.id, { title: 'Buyer' }, { as: cat.token }), 200);
    expectStatus(await api.shares.create(zoe.id, { grantee: { userId: dan.id }, level: 'edit' }, { as: cat.token }), 201);
    expect(expectStatus(await api.contacts.get(zoe.id, { as: dan.token }), 200).contact.access.level).toBe('edit');
    const toDan = await api.contacts.reassign(zoe.id, { ownerId: dan.id }, { as: cat.token });
    expect(outcome(toDan)).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(expectStatus(await api.contacts.reassign(zoe.id, { ownerId: cat.id }, { as: cat.token }), 200).contact.access.level).toBe('owner');
    // Ben keeps only what share-all gives him.
    expect(expectStatus(await api.contacts.get(zoe.id, { as: ben.token }), 200).contact.access.level).toBe('profile');
  });

  it('5b. with edit grants on both Ben and Dan, Cat may reassign Zoe from Ben to Dan', async () => {
    const { cat, dan, zoe, add } = await upToExample(1);
    await add({ grants: [{ owner: 'ben', user: 'cat', scope: 'contacts', level: 'edit' }, { owner: 'dan', user: 'cat', scope: 'contacts', level: 'edit' }] });
    expect(expectStatus(await api.contacts.reassign(zoe.id, { ownerId: dan.id }, { as: cat.token }), 200).contact.ownerId).toBe(dan.id);
  });
});
