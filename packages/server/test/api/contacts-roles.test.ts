// Every role against every contact endpoint: the allowed answers and the exact refusal (status and code).
// Each endpoint builds its own org (buildRoleWorld); each cell acts on a fresh contact or bucket in it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answer, TestApp } from '../support/harness.ts';
import { buildTestApp } from '../support/harness.ts';
import { buildRoleWorld, ROLES, type Role, type RoleWorld } from './support/contacts-client.ts';

let t: TestApp;
beforeAll(async () => { t = await buildTestApp(); });
afterAll(async () => t.close());
beforeEach(() => { t.clock.set('2026-01-05T09:00:00Z'); });

type Expect = Record<Role, number>;
/** Statuses in ROLES order: owner, viewer, collaborator, editor, grantee, teamMember, bucketMember, admin, stranger, outsider, deactivated. */
const row = (...s: number[]): Expect => Object.fromEntries(ROLES.map((r, i) => [r, s[i]])) as Expect;
const CODES: Record<number, string> = { 401: 'TANDEM_AUTH_REQUIRED', 403: 'TANDEM_ACCESS_FORBIDDEN' };

type Cell = (w: RoleWorld, as: string) => Promise<Answer>;

async function checkMatrix(cell: Cell, expected: Expect, notFound = 'TANDEM_CONTACT_NOT_FOUND', forbidden = 'TANDEM_ACCESS_FORBIDDEN') {
  const w = await buildRoleWorld(t);
  const got: Partial<Expect> = {};
  for (const role of ROLES) {
    const answer = await cell(w, w.users[role].token);
    got[role] = answer.status;
    if (answer.status >= 400) {
      const code = answer.status === 404 ? notFound : answer.status === 403 ? forbidden : CODES[answer.status];
      expect(answer.body.code, `${role}: ${JSON.stringify(answer.body)}`).toBe(code);
    }
  }
  expect(got).toEqual(expected);
}

const contact = async (w: RoleWorld) => (await w.freshContact()).contactId;
/** For endpoints that change nothing: one contact per world, made on first use. */
const readOnly = new WeakMap<RoleWorld, Promise<string>>();
const sameContact = (w: RoleWorld): Promise<string> => {
  if (!readOnly.has(w)) readOnly.set(w, contact(w));
  return readOnly.get(w) as Promise<string>;
};
const asOwner = (w: RoleWorld) => ({ as: w.users.owner.token });

describe('contacts', () => {
  it('GET /contacts/:id', () => checkMatrix(async (w, as) => w.client.getContact(await sameContact(w), { as }), row(200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 401)));
  it('GET /contacts lists the contact to exactly those who can see it', async () => {
    const w = await buildRoleWorld(t);
    const { contactId } = await w.freshContact();
    const seen: Partial<Record<Role, boolean | number>> = {};
    for (const role of ROLES) {
      const res = await w.client.listContacts({ as: w.users[role].token });
      seen[role] = res.status === 200 ? res.body.items.some((c: { id: string }) => c.id === contactId) : res.status;
    }
    expect(seen).toEqual({
      owner: true, viewer: true, collaborator: true, editor: true, grantee: true, teamMember: true, bucketMember: true, admin: true,
      stranger: false, outsider: false, deactivated: 401,
    });
  });
  it('PATCH /contacts/:id', () => checkMatrix(async (w, as) => w.client.updateContact(await contact(w), { as, body: { title: 'CFO' } }), row(200, 403, 403, 200, 200, 403, 403, 403, 404, 404, 401)));
  it('DELETE /contacts/:id', () => checkMatrix(async (w, as) => w.client.deleteContact(await contact(w), { as }), row(204, 403, 403, 403, 403, 403, 403, 204, 404, 404, 401)));
  it('POST /contacts/:id/archive', () => checkMatrix(async (w, as) => w.client.archiveContact(await contact(w), { as }), row(200, 403, 403, 403, 403, 403, 403, 200, 404, 404, 401)));
  it('POST /contacts/:id/unarchive', () => checkMatrix(async (w, as) => {
    const id = await contact(w);
    expect((await w.client.archiveContact(id, asOwner(w))).status).toBe(200);
    return w.client.unarchiveContact(id, { as });
  }, row(200, 403, 403, 403, 403, 403, 403, 200, 404, 404, 401)));
  it('POST /contacts/:id/restore (trashed: shares give nothing)', () => checkMatrix(async (w, as) => {
    const id = await contact(w);
    expect((await w.client.deleteContact(id, asOwner(w))).status).toBe(204);
    return w.client.restoreContact(id, { as });
  }, row(200, 404, 404, 404, 404, 404, 404, 200, 404, 404, 401)));
  it('POST /contacts/:id/purge', () => checkMatrix(async (w, as) => {
    const id = await contact(w);
    expect((await w.client.deleteContact(id, asOwner(w))).status).toBe(204);
    return w.client.purgeContact(id, { as });
  }, row(204, 404, 404, 404, 404, 404, 404, 204, 404, 404, 401)));
  it('POST /contacts/:id/reassign to oneself', () => checkMatrix(async (w, as) => {
    const id = await contact(w);
    const me = Object.values(w.users).find((u) => u.token === as);
    return w.client.reassignContact(id, { as, ownerId: me?.id ?? '' });
  }, row(200, 403, 403, 403, 200, 403, 403, 200, 404, 404, 401)));
  it('POST /users/:id/reassign-contacts (admins only)', () => checkMatrix(
    async (w, as) => w.client.reassignBook(w.users.owner.id, { as, toUserId: w.nina.id }),
    row(403, 403, 403, 403, 403, 403, 403, 200, 403, 404, 401), 'TANDEM_USER_NOT_FOUND', 'TANDEM_ACCESS_ADMIN_ONLY',
  ));
});

describe('shares', () => {
  it('GET /contacts/:id/shares', () => checkMatrix(async (w, as) => w.client.listShares(await sameContact(w), { as }), row(200, 403, 403, 200, 200, 403, 403, 200, 404, 404, 401)));
  it('POST /contacts/:id/shares', () => checkMatrix(
    async (w, as) => w.client.createShare(await contact(w), { as, body: { grantee: { userId: w.nina.id }, level: 'view' } }),
    row(201, 403, 403, 201, 201, 403, 403, 201, 404, 404, 401),
  ));
  it('PATCH /contacts/:id/shares/:shareId', () => checkMatrix(async (w, as) => {
    const { contactId, viewerShareId } = await w.freshContact();
    return w.client.updateShare(contactId, viewerShareId, { as, body: { level: 'collaborate' } });
  }, row(200, 403, 403, 200, 200, 403, 403, 200, 404, 404, 401)));
  it('DELETE /contacts/:id/shares/:shareId', () => checkMatrix(async (w, as) => {
    const { contactId, viewerShareId } = await w.freshContact();
    return w.client.revokeShare(contactId, viewerShareId, { as });
  }, row(204, 403, 403, 204, 204, 403, 403, 204, 404, 404, 401)));
});

describe('history', () => {
  it('GET /contacts/:id/history (admins read history only through a source)', () => checkMatrix(async (w, as) => w.client.history(await sameContact(w), { as }), row(200, 200, 200, 200, 200, 200, 200, 403, 404, 404, 401)));
  it('POST /contacts/:id/messages', () => checkMatrix(async (w, as) => w.client.sendMessage(await contact(w), { as, body: { body: 'Hello' } }), row(201, 403, 201, 201, 201, 201, 403, 403, 404, 404, 401)));
  it('POST /contacts/:id/notes', () => checkMatrix(async (w, as) => w.client.logNote(await contact(w), { as, body: { body: 'Met at fair' } }), row(201, 403, 201, 201, 201, 201, 403, 403, 404, 404, 401)));
  it('POST /contacts/:id/calls', () => checkMatrix(async (w, as) => w.client.logCall(await contact(w), { as, body: { body: 'Called back' } }), row(201, 403, 201, 201, 201, 201, 403, 403, 404, 404, 401)));
});

describe('access (explain)', () => {
  it('about oneself', () => checkMatrix(async (w, as) => w.client.explain(await sameContact(w), { as }), row(200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 401)));
  it('about someone else: owner and admins only', () => checkMatrix(
    async (w, as) => w.client.explain(await sameContact(w), { as, userId: w.nina.id }),
    row(200, 403, 403, 403, 403, 403, 403, 200, 404, 404, 401),
  ));
});

describe('buckets', () => {
  const B = 'TANDEM_BUCKET_NOT_FOUND';
  it('GET /buckets/:id', () => checkMatrix(async (w, as) => w.client.getBucket((await w.freshBucket()).bucketId, { as }), row(200, 404, 404, 404, 404, 404, 200, 200, 404, 404, 401), B));
  it('GET /buckets lists the bucket to exactly those who can see it', async () => {
    const w = await buildRoleWorld(t);
    const { bucketId } = await w.freshBucket();
    const seen: Partial<Record<Role, boolean | number>> = {};
    for (const role of ROLES) {
      const res = await w.client.listBuckets({ as: w.users[role].token });
      seen[role] = res.status === 200 ? res.body.items.some((b: { id: string }) => b.id === bucketId) : res.status;
    }
    expect(seen).toEqual({
      owner: true, viewer: false, collaborator: false, editor: false, grantee: false, teamMember: false, bucketMember: true, admin: true,
      stranger: false, outsider: false, deactivated: 401,
    });
  });
  it('PATCH /buckets/:id', () => checkMatrix(async (w, as) => w.client.renameBucket((await w.freshBucket()).bucketId, { as, name: 'Renamed' }), row(200, 404, 404, 404, 404, 404, 403, 403, 404, 404, 401), B));
  it('DELETE /buckets/:id', () => checkMatrix(async (w, as) => w.client.deleteBucket((await w.freshBucket()).bucketId, { as }), row(204, 404, 404, 404, 404, 404, 403, 204, 404, 404, 401), B));
  it('POST /buckets/:id/contacts', () => checkMatrix(async (w, as) => {
    const { bucketId, contactId } = await w.freshBucket();
    return w.client.addToBucket(bucketId, { as, contactIds: [contactId] });
  }, row(200, 404, 404, 404, 404, 404, 403, 403, 404, 404, 401), B));
  it('DELETE /buckets/:id/contacts/:contactId', () => checkMatrix(async (w, as) => {
    const { bucketId, contactId } = await w.freshBucket();
    return w.client.removeFromBucket(bucketId, contactId, { as });
  }, row(204, 404, 404, 404, 404, 404, 403, 403, 404, 404, 401), B));
  it('GET /buckets/:id/shares', () => checkMatrix(async (w, as) => w.client.listBucketShares((await w.freshBucket()).bucketId, { as }), row(200, 404, 404, 404, 404, 404, 403, 200, 404, 404, 401), B));
  it('POST /buckets/:id/shares', () => checkMatrix(
    async (w, as) => w.client.shareBucket((await w.freshBucket()).bucketId, { as, body: { grantee: { userId: w.nina.id }, level: 'view' } }),
    row(201, 404, 404, 404, 404, 404, 403, 201, 404, 404, 401), B,
  ));
  it('DELETE /buckets/:id/shares/:shareId', () => checkMatrix(async (w, as) => {
    const { bucketId, bucketShareId } = await w.freshBucket();
    return w.client.revokeBucketShare(bucketId, bucketShareId, { as });
  }, row(204, 404, 404, 404, 404, 404, 403, 204, 404, 404, 401), B));
});

describe('creating', () => {
  it('POST /contacts and POST /buckets: every signed-in user; never anonymous or deactivated', async () => {
    const w = await buildRoleWorld(t);
    for (const role of ROLES) {
      const expected = role === 'deactivated' ? 401 : 201;
      expect((await w.client.createContact({ as: w.users[role].token, body: { name: `By ${role}` } })).status, role).toBe(expected);
      expect((await w.client.createBucket({ as: w.users[role].token, name: `By ${role}` })).status, role).toBe(expected);
    }
    expect((await w.client.createContact({ body: { name: 'Anon' } })).status).toBe(401);
    expect((await w.client.listContacts()).status).toBe(401);
  });
});
