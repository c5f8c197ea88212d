// Purging (spec §6.3): nothing is lost without passing through the trash; after 30 days the job purges, and the
// owner or an admin may purge earlier; every purge is logged.
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/domain/audit/audit-chain.ts';
import { purgeTrash } from '../../src/jobs/purge-trash.ts';
import { expectStatus } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp();
const { api } = t;

const DAY = 24 * 60 * 60 * 1000;

/** Acme: members Ben and Cat; `contact` makes one of Ben's through the API. */
async function world() {
  const w = await t.world({ users: { ben: {}, cat: {} } });
  const { ben, cat } = w.users;
  const contact = async (name: string) => expectStatus(await api.contacts.create({ name }, { as: ben.token }), 201).contact;
  return { orgId: w.orgId, ben, cat, contact };
}

describe('purge job', () => {
  it('purges contacts trashed more than 30 days ago, with their shares and history, and logs each purge', async () => {
    const { orgId, ben, cat, contact } = await world();
    const old = await contact('Old');
    await api.shares.create(old.id, { grantee: { userId: cat.id }, level: 'view' }, { as: ben.token });
    await api.history.logNote(old.id, { body: 'note' }, { as: ben.token });
    expectStatus(await api.contacts.delete(old.id, { as: ben.token }), 204);
    t.clock.advance(DAY);
    const recent = await contact('Recent');
    expectStatus(await api.contacts.delete(recent.id, { as: ben.token }), 204);
    await contact('Kept');

    expect(await purgeTrash(t.db, Date.parse('2026-02-04T09:00:00Z'))).toBe(0); // exactly 30 days: not yet
    expect(await purgeTrash(t.db, Date.parse('2026-02-04T09:00:00.001Z'))).toBe(1);
    const left = await t.db.selectFrom('contacts').select('name').where('org_id', '=', orgId).orderBy('name').execute();
    expect(left.map((c) => c.name)).toEqual(['Kept', 'Recent']);
    expect(await t.db.selectFrom('contact_shares').select('id').where('contact_id', '=', old.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('contact_events').select('id').where('contact_id', '=', old.id).execute()).toEqual([]);
    const log = await t.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('action', '=', 'contact.purge').execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: null, target_id: old.id, before: { name: 'Old', ownerId: ben.id }, after: { reason: 'trash_retention' } });
    expect((await verifyAuditChain(t.db, orgId)).valid).toBe(true);
  });

  it('leaves a contact restored in time alone; before the job runs, an old trashed contact is still restorable', async () => {
    const { ben, contact } = await world();
    const a = await contact('A');
    const b = await contact('B');
    await api.contacts.delete(a.id, { as: ben.token });
    await api.contacts.delete(b.id, { as: ben.token });
    t.clock.advance(40 * DAY);
    expectStatus(await api.contacts.restore(a.id, { as: ben.token }), 200);
    await purgeTrash(t.db, t.clock.now());
    expect((await api.contacts.get(a.id, { as: ben.token })).status).toBe(200);
    expect((await api.contacts.get(b.id, { as: ben.token })).status).toBe(404);
  });

  it('works across orgs, in batches', async () => {
    const one = await world();
    const two = await world();
    for (const w of [one, two]) {
      for (let i = 0; i < 3; i++) await api.contacts.delete((await w.contact(`C${i}`)).id, { as: w.ben.token });
    }
    expect(await purgeTrash(t.db, t.clock.now() + 31 * DAY)).toBeGreaterThanOrEqual(6);
    for (const w of [one, two]) {
      expect(await t.db.selectFrom('contacts').select('id').where('org_id', '=', w.orgId).execute()).toEqual([]);
    }
  });
});

describe('POST /contacts/:id/purge', () => {
  it('purges a trashed contact at once and logs it with the actor', async () => {
    const { orgId, ben, contact } = await world();
    const c = await contact('Gone');
    expect((await api.contacts.purge(c.id, { as: ben.token })).status).toBe(409);
    await api.contacts.delete(c.id, { as: ben.token });
    expectStatus(await api.contacts.purge(c.id, { as: ben.token }), 204);
    expect((await api.contacts.get(c.id, { as: ben.token })).status).toBe(404);
    expect((await api.contacts.purge(c.id, { as: ben.token })).status).toBe(404);
    const log = await t.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('action', '=', 'contact.purge').execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: ben.id, after: { reason: 'explicit' } });
  });
});
