// Reassignment (spec §6.4): one contact, and an admin's bulk hand-over of a whole book in O(1) statements.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reassignBook } from '../../src/domain/contacts/reassign-book.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
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
  const grant = (ownerId: string, granteeId: string, level: 'view' | 'edit' = 'edit') =>
    createUserGrant(db, orgId, { ownerId, grantee: { userId: granteeId }, scope: 'contacts', level });
  return { orgId, ben, cat, dan, ada, zoe, grant };
}

describe('POST /contacts/:id/reassign', () => {
  it('the owner may give a contact only to someone they hold an edit grant on; the old owner then loses it', async () => {
    const { ben, cat, zoe, grant } = await world();
    const refused = await client.reassignContact(zoe.id, { as: ben.token, ownerId: cat.id });
    expect(`${refused.status} ${refused.body.code}`).toBe('403 TANDEM_ACCESS_FORBIDDEN');
    await grant(cat.id, ben.id, 'view');
    expect((await client.reassignContact(zoe.id, { as: ben.token, ownerId: cat.id })).status).toBe(403);
    await grant(cat.id, ben.id, 'edit');
    const moved = expectStatus(await client.reassignContact(zoe.id, { as: ben.token, ownerId: cat.id }), 200).contact;
    expect(moved).toMatchObject({ ownerId: cat.id, ownerName: 'Cat', access: { level: 'edit', shared: true } });
    expect(expectStatus(await client.getContact(zoe.id, { as: cat.token }), 200).contact.access.level).toBe('owner');
  });

  it('the old owner keeps nothing unless another source gives it', async () => {
    const { ben, cat, ada, zoe } = await world();
    expectStatus(await client.reassignContact(zoe.id, { as: ada.token, ownerId: cat.id }), 200);
    expect((await client.getContact(zoe.id, { as: ben.token })).status).toBe(404);
  });

  it('an edit record share does not allow reassigning; an edit user grant on the owner does', async () => {
    const { ben, cat, zoe, grant } = await world();
    expectStatus(await client.createShare(zoe.id, { as: ben.token, body: { grantee: { userId: cat.id }, level: 'edit' } }), 201);
    expect((await client.reassignContact(zoe.id, { as: cat.token, ownerId: cat.id })).status).toBe(403);
    await grant(ben.id, cat.id);
    expect(expectStatus(await client.reassignContact(zoe.id, { as: cat.token, ownerId: cat.id }), 200).contact.access.level).toBe('owner');
  });

  it('the new owner must be an active user of the org', async () => {
    const { orgId, ada, dan, zoe } = await world();
    const other = await world();
    for (const ownerId of [other.ben.id, 'nope', '00000000-0000-4000-8000-000000000000']) {
      const res = await client.reassignContact(zoe.id, { as: ada.token, ownerId });
      expect(`${res.status} ${res.body.code}`).toBe('404 TANDEM_USER_NOT_FOUND');
    }
    await t.handle.db.updateTable('users').set({ status: 'deactivated' }).where('org_id', '=', orgId).where('id', '=', dan.id).execute();
    const res = await client.reassignContact(zoe.id, { as: ada.token, ownerId: dan.id });
    expect(`${res.status} ${res.body.code}`).toBe('409 TANDEM_USER_INACTIVE');
  });

  it('is audited with before and after; giving a contact to its owner changes and logs nothing', async () => {
    const { orgId, ben, cat, ada, zoe } = await world();
    expect(expectStatus(await client.reassignContact(zoe.id, { as: ben.token, ownerId: ben.id }), 200).contact.ownerId).toBe(ben.id);
    expectStatus(await client.reassignContact(zoe.id, { as: ada.token, ownerId: cat.id }), 200);
    const log = await t.handle.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).execute();
    expect(log.map((e) => [e.action, e.actor_id, (e.before as { ownerId: string }).ownerId, (e.after as { ownerId: string }).ownerId]))
      .toEqual([['contact.reassign', ada.id, ben.id, cat.id]]);
  });
});

describe('POST /users/:id/reassign-contacts', () => {
  it('moves the whole book (active, archived and trashed) and records one audit entry', async () => {
    const { orgId, ben, cat, ada, zoe } = await world();
    const more = [];
    for (const name of ['A', 'B', 'C']) more.push(expectStatus(await client.createContact({ as: ben.token, body: { name } }), 201).contact);
    await client.archiveContact(more[0].id, { as: ben.token });
    await client.deleteContact(more[1].id, { as: ben.token });
    const catsOwn = expectStatus(await client.createContact({ as: cat.token, body: { name: 'Cats' } }), 201).contact;
    expect(expectStatus(await client.reassignBook(ben.id, { as: ada.token, toUserId: cat.id }), 200)).toEqual({ moved: 4 });
    const owners = await t.handle.db.selectFrom('contacts').select(['id', 'owner_id']).where('org_id', '=', orgId).execute();
    expect(owners.every((o) => o.owner_id === cat.id)).toBe(true);
    expect(owners.map((o) => o.id).sort()).toEqual([zoe.id, ...more.map((m) => m.id), catsOwn.id].sort());
    const log = await t.handle.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('action', '=', 'contacts.reassign_all').execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: ada.id, target_type: 'user', target_id: ben.id, before: { ownerId: ben.id }, after: { ownerId: cat.id, moved: 4 } });
  });

  it('hands over a deactivated user\'s book; refuses a deactivated target, the same user, and members', async () => {
    const { orgId, ben, cat, dan, ada } = await world();
    await t.handle.db.updateTable('users').set({ status: 'deactivated' }).where('org_id', '=', orgId).where('id', 'in', [ben.id, dan.id]).execute();
    expect(expectStatus(await client.reassignBook(ben.id, { as: ada.token, toUserId: cat.id }), 200)).toEqual({ moved: 1 });
    const toInactive = await client.reassignBook(cat.id, { as: ada.token, toUserId: dan.id });
    expect(`${toInactive.status} ${toInactive.body.code}`).toBe('409 TANDEM_USER_INACTIVE');
    expect((await client.reassignBook(cat.id, { as: ada.token, toUserId: cat.id })).status).toBe(400);
    const member = await client.reassignBook(cat.id, { as: cat.token, toUserId: ada.id });
    expect(`${member.status} ${member.body.code}`).toBe('403 TANDEM_ACCESS_ADMIN_ONLY');
    expect((await client.reassignBook('nope', { as: ada.token, toUserId: cat.id })).body.code).toBe('TANDEM_USER_NOT_FOUND');
  });

  it('runs the same number of statements for a book of 2 and a book of 60', async () => {
    const db = t.handle.db;
    const counts: number[] = [];
    for (const size of [2, 60]) {
      const { orgId, ben, cat, ada } = await world();
      await db.insertInto('contacts').values(Array.from({ length: size - 1 }, (_, i) => ({
        org_id: orgId, owner_id: ben.id, name: `C${i}`, sort_name: `c${i}`,
      }))).execute();
      let statements = 0;
      const counted = db.withPlugin({
        transformQuery: (args) => { statements += 1; return args.node; },
        transformResult: async (args) => args.result,
      });
      const ctx = await loadActorContext(db, orgId, ada.id, t.clock.now());
      if (!ctx) throw new Error('no admin context');
      expect(await reassignBook({ db: counted }, ctx, ben.id, cat.id)).toEqual({ moved: size });
      counts.push(statements);
    }
    expect(counts[0]).toBe(counts[1]);
  });
});
