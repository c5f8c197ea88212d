// Purging (spec §6.3): nothing is lost without passing through the trash; after 30 days the job purges, and the
// owner or an admin may purge earlier; every purge is logged.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/domain/audit/audit-chain.ts';
import { purgeTrash } from '../../src/jobs/purge-trash.ts';
import { createOrg, createUser } from '../fixtures/org-fixture.ts';
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

const DAY = 24 * 60 * 60 * 1000;

async function world() {
  const db = t.handle.db;
  const orgId = await createOrg(db, 'Acme');
  const [ben, cat] = await Promise.all([createUser(db, orgId, { name: 'Ben' }), createUser(db, orgId, { name: 'Cat' })]);
  const contact = async (name: string) => expectStatus(await client.createContact({ as: ben.token, body: { name } }), 201).contact;
  return { orgId, ben, cat, contact };
}

describe('purge job', () => {
  it('purges contacts trashed more than 30 days ago, with their shares and history, and logs each purge', async () => {
    const { orgId, ben, cat, contact } = await world();
    const old = await contact('Old');
    await client.createShare(old.id, { as: ben.token, body: { grantee: { userId: cat.id }, level: 'view' } });
    await client.logNote(old.id, { as: ben.token, body: { body: 'note' } });
    expectStatus(await client.deleteContact(old.id, { as: ben.token }), 204);
    t.clock.advance(DAY);
    const recent = await contact('Recent');
    expectStatus(await client.deleteContact(recent.id, { as: ben.token }), 204);
    await contact('Kept');

    expect(await purgeTrash(t.handle.db, Date.parse('2026-02-04T09:00:00Z'))).toBe(0); // exactly 30 days: not yet
    expect(await purgeTrash(t.handle.db, Date.parse('2026-02-04T09:00:00.001Z'))).toBe(1);
    const left = await t.handle.db.selectFrom('contacts').select('name').where('org_id', '=', orgId).orderBy('name').execute();
    expect(left.map((c) => c.name)).toEqual(['Kept', 'Recent']);
    expect(await t.handle.db.selectFrom('contact_shares').select('id').where('contact_id', '=', old.id).execute()).toEqual([]);
    expect(await t.handle.db.selectFrom('contact_events').select('id').where('contact_id', '=', old.id).execute()).toEqual([]);
    const log = await t.handle.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('action', '=', 'contact.purge').execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: null, target_id: old.id, before: { name: 'Old', ownerId: ben.id }, after: { reason: 'trash_retention' } });
    expect((await verifyAuditChain(t.handle.db, orgId)).valid).toBe(true);
  });

  it('leaves a contact restored in time alone; before the job runs, an old trashed contact is still restorable', async () => {
    const { ben, contact } = await world();
    const a = await contact('A');
    const b = await contact('B');
    await client.deleteContact(a.id, { as: ben.token });
    await client.deleteContact(b.id, { as: ben.token });
    t.clock.advance(40 * DAY);
    expectStatus(await client.restoreContact(a.id, { as: ben.token }), 200);
    await purgeTrash(t.handle.db, t.clock.now());
    expect((await client.getContact(a.id, { as: ben.token })).status).toBe(200);
    expect((await client.getContact(b.id, { as: ben.token })).status).toBe(404);
  });

  it('works across orgs, in batches', async () => {
    const one = await world();
    const two = await world();
    for (const w of [one, two]) {
      for (let i = 0; i < 3; i++) await client.deleteContact((await w.contact(`C${i}`)).id, { as: w.ben.token });
    }
    expect(await purgeTrash(t.handle.db, t.clock.now() + 31 * DAY)).toBeGreaterThanOrEqual(6);
    for (const w of [one, two]) {
      expect(await t.handle.db.selectFrom('contacts').select('id').where('org_id', '=', w.orgId).execute()).toEqual([]);
    }
  });
});

describe('POST /contacts/:id/purge', () => {
  it('purges a trashed contact at once and logs it with the actor', async () => {
    const { orgId, ben, contact } = await world();
    const c = await contact('Gone');
    expect((await client.purgeContact(c.id, { as: ben.token })).status).toBe(409);
    await client.deleteContact(c.id, { as: ben.token });
    expectStatus(await client.purgeContact(c.id, { as: ben.token }), 204);
    expect((await client.getContact(c.id, { as: ben.token })).status).toBe(404);
    expect((await client.purgeContact(c.id, { as: ben.token })).status).toBe(404);
    const log = await t.handle.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('action', '=', 'contact.purge').execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: ben.id, after: { reason: 'explicit' } });
  });
});
