// Reassignment (spec §6.4): one contact, and an admin's bulk hand-over of a whole book in O(1) statements.
import { describe, expect, it } from 'vitest';
import { reassignBook } from '../../src/domain/contacts/reassign-book.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp();
const { api } = t;

/** Acme: admin Ada, members Ben, Cat and Dan; Ben creates Zoe through the API. `grant` adds a user grant row. */
async function world() {
  const w = await t.world({ users: { ben: {}, cat: {}, dan: {}, ada: { role: 'admin' } } });
  const zoe = expectStatus(await api.contacts.create({ name: 'Zoe' }, { as: w.users.ben.token }), 201).contact;
  type Name = keyof typeof w.users;
  const grant = (owner: Name, grantee: Name, level: 'view' | 'edit' = 'edit') => w.add({ grants: [{ owner, user: grantee, scope: 'contacts', level }] });
  return { orgId: w.orgId, ...w.users, zoe, grant };
}

describe('POST /contacts/:id/reassign', () => {
  it('the owner may give a contact only to someone they hold an edit grant on; the old owner then loses it', async () => {
    const { ben, cat, zoe, grant } = await world();
    const refused = await api.contacts.reassign(zoe.id, { ownerId: cat.id }, { as: ben.token });
    expect(outcome(refused)).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    await grant('cat', 'ben', 'view');
    expect((await api.contacts.reassign(zoe.id, { ownerId: cat.id }, { as: ben.token })).status).toBe(403);
    await grant('cat', 'ben', 'edit');
    const moved = expectStatus(await api.contacts.reassign(zoe.id, { ownerId: cat.id }, { as: ben.token }), 200).contact;
    expect(moved).toMatchObject({ ownerId: cat.id, ownerName: 'Cat', access: { level: 'edit', shared: true } });
    expect(expectStatus(await api.contacts.get(zoe.id, { as: cat.token }), 200).contact.access.level).toBe('owner');
  });

  it('the old owner keeps nothing unless another source gives it', async () => {
    const { ben, cat, ada, zoe } = await world();
    expectStatus(await api.contacts.reassign(zoe.id, { ownerId: cat.id }, { as: ada.token }), 200);
    expect((await api.contacts.get(zoe.id, { as: ben.token })).status).toBe(404);
  });

  it('an edit record share does not allow reassigning; an edit user grant on the owner does', async () => {
    const { ben, cat, zoe, grant } = await world();
    expectStatus(await api.shares.create(zoe.id, { grantee: { userId: cat.id }, level: 'edit' }, { as: ben.token }), 201);
    expect((await api.contacts.reassign(zoe.id, { ownerId: cat.id }, { as: cat.token })).status).toBe(403);
    await grant('ben', 'cat');
    expect(expectStatus(await api.contacts.reassign(zoe.id, { ownerId: cat.id }, { as: cat.token }), 200).contact.access.level).toBe('owner');
  });

  it('the new owner must be an active user of the org', async () => {
    const { orgId, ada, dan, zoe } = await world();
    const other = await world();
    for (const ownerId of [other.ben.id, 'nope', '00000000-0000-4000-8000-000000000000']) {
      const res = await api.contacts.reassign(zoe.id, { ownerId }, { as: ada.token });
      expect(outcome(res)).toEqual({ status: 404, code: 'TANDEM_USER_NOT_FOUND' });
    }
    await t.db.updateTable('users').set({ status: 'deactivated' }).where('org_id', '=', orgId).where('id', '=', dan.id).execute();
    const res = await api.contacts.reassign(zoe.id, { ownerId: dan.id }, { as: ada.token });
    expect(outcome(res)).toEqual({ status: 409, code: 'TANDEM_USER_INACTIVE' });
  });

  it('is audited with before and after; giving a contact to its owner changes and logs nothing', async () => {
    const { orgId, ben, cat, ada, zoe } = await world();
    expect(expectStatus(await api.contacts.reassign(zoe.id, { ownerId: ben.id }, { as: ben.token }), 200).contact.ownerId).toBe(ben.id);
    expectStatus(await api.contacts.reassign(zoe.id, { ownerId: cat.id }, { as: ada.token }), 200);
    const log = await t.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('action', '!=', 'contact.create').execute();
    expect(log.map((e) => [e.action, e.actor_id, (e.before as { ownerId: string }).ownerId, (e.after as { ownerId: string }).ownerId]))
      .toEqual([['contact.reassign', ada.id, ben.id, cat.id]]);
  });
});

describe('POST /users/:id/reassign-contacts', () => {
  it('moves the whole book (active, archived and trashed) and records one audit entry', async () => {
    const { orgId, ben, cat, ada, zoe } = await world();
    const more = [];
    for (const name of ['A', 'B', 'C']) more.push(expectStatus(await api.contacts.create({ name }, { as: ben.token }), 201).contact);
    await api.contacts.archive(more[0]!.id, { as: ben.token });
    await api.contacts.delete(more[1]!.id, { as: ben.token });
    const catsOwn = expectStatus(await api.contacts.create({ name: 'Cats' }, { as: cat.token }), 201).contact;
    expect(expectStatus(await api.users.reassignContacts(ben.id, { toUserId: cat.id }, { as: ada.token }), 200)).toEqual({ moved: 4 });
    const owners = await t.db.selectFrom('contacts').select(['id', 'owner_id']).where('org_id', '=', orgId).execute();
    expect(owners.every((o) => o.owner_id === cat.id)).toBe(true);
    expect(owners.map((o) => o.id).sort()).toEqual([zoe.id, ...more.map((m) => m.id), catsOwn.id].sort());
    const log = await t.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('action', '=', 'contacts.reassign_all').execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: ada.id, target_type: 'user', target_id: ben.id, before: { ownerId: ben.id }, after: { ownerId: cat.id, moved: 4 } });
  });

  it('hands over a deactivated user\'s book; refuses a deactivated target, the same user, and members', async () => {
    const { orgId, ben, cat, dan, ada } = await world();
    await t.db.updateTable('users').set({ status: 'deactivated' }).where('org_id', '=', orgId).where('id', 'in', [ben.id, dan.id]).execute();
    expect(expectStatus(await api.users.reassignContacts(ben.id, { toUserId: cat.id }, { as: ada.token }), 200)).toEqual({ moved: 1 });
    const toInactive = await api.users.reassignContacts(cat.id, { toUserId: dan.id }, { as: ada.token });
    expect(outcome(toInactive)).toEqual({ status: 409, code: 'TANDEM_USER_INACTIVE' });
    expect((await api.users.reassignContacts(cat.id, { toUserId: cat.id }, { as: ada.token })).status).toBe(400);
    const member = await api.users.reassignContacts(cat.id, { toUserId: ada.id }, { as: cat.token });
    expect(outcome(member)).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });
    expect(outcome(await api.users.reassignContacts('nope', { toUserId: cat.id }, { as: ada.token })).code).toBe('TANDEM_USER_NOT_FOUND');
  });

  it('runs the same number of statements for a book of 2 and a book of 60', async () => {
    const db = t.db;
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
