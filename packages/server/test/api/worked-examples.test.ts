// Spec §11, worked examples 1–5, end to end through the API with the manual clock.
// Org Acme: admin Ada; members Ben, Cat, Dan; team Sales = {Ben, Cat}. Monday 5 January 2026, 09:00 UTC.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOrg, createTeam, createUser, createUserGrant } from '../fixtures/org-fixture.ts';
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

const SATURDAY = '2026-01-10T00:00:00Z';

async function acme() {
  const db = t.handle.db;
  const orgId = await createOrg(db, 'Acme');
  const [ada, ben, cat, dan] = await Promise.all([
    createUser(db, orgId, { name: 'Ada', role: 'admin' }), createUser(db, orgId, { name: 'Ben' }),
    createUser(db, orgId, { name: 'Cat' }), createUser(db, orgId, { name: 'Dan' }),
  ]);
  await createTeam(db, orgId, 'Sales', [ben.id, cat.id]);
  return { orgId, ada, ben, cat, dan };
}

/** Examples 1–3 in order: Ben creates Zoe, shares her with Cat (collaborate, until Friday) and Dan (view). */
async function upToExample(n: 1 | 2 | 3) {
  const w = await acme();
  const zoe = expectStatus(await client.createContact({ as: w.ben.token, body: { name: 'Zoe' } }), 201).contact;
  if (n >= 2) expectStatus(await client.createShare(zoe.id, { as: w.ben.token, body: { grantee: { userId: w.cat.id }, level: 'collaborate', expiresAt: SATURDAY } }), 201);
  if (n >= 3) expectStatus(await client.createShare(zoe.id, { as: w.ben.token, body: { grantee: { userId: w.dan.id }, level: 'view' } }), 201);
  return { ...w, zoe };
}

describe('spec §11 worked examples', () => {
  it('1. Ben creates Zoe: Cat and Dan get 404; Ada sees her at profile, without history', async () => {
    const { ada, cat, dan, zoe } = await upToExample(1);
    expect((await client.getContact(zoe.id, { as: cat.token })).status).toBe(404);
    expect((await client.getContact(zoe.id, { as: dan.token })).status).toBe(404);
    expect(expectStatus(await client.getContact(zoe.id, { as: ada.token }), 200).contact.access.level).toBe('profile');
    expect((await client.history(zoe.id, { as: ada.token })).status).toBe(403);
  });

  it('2. shared with Cat at collaborate until Friday: she reads history and sends as Ben; on Saturday 404, no job run', async () => {
    const { ben, cat, zoe } = await upToExample(2);
    expectStatus(await client.history(zoe.id, { as: cat.token }), 200);
    const message = expectStatus(await client.sendMessage(zoe.id, { as: cat.token, body: { body: 'Hello Zoe' } }), 201).message;
    expect(message).toMatchObject({ sentBy: cat.id, onBehalfOf: ben.id });
    t.clock.set('2026-01-09T23:59:59.999Z');
    expect((await client.getContact(zoe.id, { as: cat.token })).status).toBe(200);
    t.clock.set('2026-01-10T10:00:00Z');
    expect((await client.getContact(zoe.id, { as: cat.token })).status).toBe(404);
    expect((await client.history(zoe.id, { as: cat.token })).status).toBe(404);
    expect(expectStatus(await client.listContacts({ as: cat.token, query: { q: 'zoe' } }), 200).items).toEqual([]);
    expect(await t.handle.db.selectFrom('contact_shares').select('id').where('contact_id', '=', zoe.id).where('grantee_user_id', '=', cat.id).execute()).toHaveLength(1);
  });

  it('3. shared with Dan at view: he reads history, sending answers 403, and he has no actions bar', async () => {
    const { dan, zoe } = await upToExample(3);
    expectStatus(await client.history(zoe.id, { as: dan.token }), 200);
    const send = await client.sendMessage(zoe.id, { as: dan.token, body: { body: 'Hi' } });
    expect(`${send.status} ${send.body.code}`).toBe('403 TANDEM_ACCESS_FORBIDDEN');
    const access = expectStatus(await client.getContact(zoe.id, { as: dan.token }), 200).contact.access;
    expect(access).toEqual({ level: 'view', actions: ['contact.view', 'contact.readHistory', 'contact.export'], shared: true, shareLevels: [] });
  });

  it('4. Share all contacts on: Dan keeps view; Cat (share expired) finds Zoe at profile but gets 403 on history', async () => {
    const { orgId, cat, dan, zoe } = await upToExample(3);
    t.clock.set('2026-01-10T10:00:00Z');
    await t.handle.db.updateTable('orgs').set({ share_all_contacts: true }).where('id', '=', orgId).execute();
    expect(expectStatus(await client.getContact(zoe.id, { as: dan.token }), 200).contact.access.level).toBe('view');
    const found = expectStatus(await client.listContacts({ as: cat.token, query: { q: 'Zo' } }), 200).items;
    expect(found.map((c: { id: string; access: { level: string } }) => [c.id, c.access.level])).toEqual([[zoe.id, 'profile']]);
    const history = await client.history(zoe.id, { as: cat.token });
    expect(`${history.status} ${history.body.code}`).toBe('403 TANDEM_ACCESS_FORBIDDEN');
  });

  it('5. with an edit grant on Ben\'s contacts Cat edits Zoe, shares her with Dan at edit, reassigns her to herself, not to Dan', async () => {
    const { orgId, ben, cat, dan, zoe } = await upToExample(3);
    t.clock.set('2026-01-10T10:00:00Z');
    await t.handle.db.updateTable('orgs').set({ share_all_contacts: true }).where('id', '=', orgId).execute();
    await createUserGrant(t.handle.db, orgId, { ownerId: ben.id, grantee: { userId: cat.id }, scope: 'contacts', level: 'edit' });
    expectStatus(await client.updateContact(zoe.id, { as: cat.token, body: { title: 'Buyer' } }), 200);
    expectStatus(await client.createShare(zoe.id, { as: cat.token, body: { grantee: { userId: dan.id }, level: 'edit' } }), 201);
    expect(expectStatus(await client.getContact(zoe.id, { as: dan.token }), 200).contact.access.level).toBe('edit');
    const toDan = await client.reassignContact(zoe.id, { as: cat.token, ownerId: dan.id });
    expect(`${toDan.status} ${toDan.body.code}`).toBe('403 TANDEM_ACCESS_FORBIDDEN');
    expect(expectStatus(await client.reassignContact(zoe.id, { as: cat.token, ownerId: cat.id }), 200).contact.access.level).toBe('owner');
    // Ben keeps only what share-all gives him.
    expect((await client.getContact(zoe.id, { as: ben.token })).body.contact.access.level).toBe('profile');
  });

  it('5b. with edit grants on both Ben and Dan, Cat may reassign Zoe from Ben to Dan', async () => {
    const { orgId, ben, cat, dan, zoe } = await upToExample(1);
    await createUserGrant(t.handle.db, orgId, { ownerId: ben.id, grantee: { userId: cat.id }, scope: 'contacts', level: 'edit' });
    await createUserGrant(t.handle.db, orgId, { ownerId: dan.id, grantee: { userId: cat.id }, scope: 'contacts', level: 'edit' });
    expect(expectStatus(await client.reassignContact(zoe.id, { as: cat.token, ownerId: dan.id }), 200).contact.ownerId).toBe(dan.id);
  });
});
