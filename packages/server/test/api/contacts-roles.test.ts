// Every role against every contact endpoint: the allowed answers and the exact refusal (status and code).
// Each endpoint builds its own org (roleWorld); each cell acts on a fresh contact or bucket in it.
import { describe, expect, it } from 'vitest';
import { outcome } from './support/api-client.ts';
import type { SomeAnswer } from './support/api-types.ts';
import { ROLES, roleWorld, type Role, type RoleWorld } from './support/role-world.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp();
const { api } = t;

type Expect = Record<Role, number>;
/** Statuses in ROLES order: owner, viewer, collaborator, editor, grantee, teamMember, bucketMember, admin, stranger, outsider, deactivated. */
const row = (...s: number[]): Expect => Object.fromEntries(ROLES.map((r, i) => [r, s[i]])) as Expect;
const CODES: Record<number, string> = { 401: 'TANDEM_AUTH_REQUIRED', 403: 'TANDEM_ACCESS_FORBIDDEN' };

type Cell = (w: RoleWorld, as: string) => Promise<SomeAnswer>;

async function checkMatrix(cell: Cell, expected: Expect, notFound = 'TANDEM_CONTACT_NOT_FOUND', forbidden = 'TANDEM_ACCESS_FORBIDDEN') {
  const w = await roleWorld(t);
  const got: Partial<Expect> = {};
  for (const role of ROLES) {
    const answer = await cell(w, w.users[role].token);
    got[role] = answer.status;
    if (answer.status >= 400) {
      const code = answer.status === 404 ? notFound : answer.status === 403 ? forbidden : CODES[answer.status];
      expect(outcome(answer).code, `${role}: ${JSON.stringify(answer.body)}`).toBe(code);
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
  it('GET /contacts/:id', () => checkMatrix(async (w, as) => api.contacts.get(await sameContact(w), { as }), row(200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 401)));
  it('GET /contacts lists the contact to exactly those who can see it', async () => {
    const w = await roleWorld(t);
    const { contactId } = await w.freshContact();
    const seen: Partial<Record<Role, boolean | number>> = {};
    for (const role of ROLES) {
      const res = await api.contacts.list({ as: w.users[role].token });
      seen[role] = res.status === 200 ? res.body.items.some((c) => c.id === contactId) : res.status;
    }
    expect(seen).toEqual({
      owner: true, viewer: true, collaborator: true, editor: true, grantee: true, teamMember: true, bucketMember: true, admin: true,
      stranger: false, outsider: false, deactivated: 401,
    });
  });
  it('PATCH /contacts/:id', () => checkMatrix(async (w, as) => api.contacts.update(await contact(w), { title: 'CFO' }, { as }), row(200, 403, 403, 200, 200, 403, 403, 403, 404, 404, 401)));
  it('DELETE /contacts/:id', () => checkMatrix(async (w, as) => api.contacts.delete(await contact(w), { as }), row(204, 403, 403, 403, 403, 403, 403, 204, 404, 404, 401)));
  it('POST /contacts/:id/archive', () => checkMatrix(async (w, as) => api.contacts.archive(await contact(w), { as }), row(200, 403, 403, 403, 403, 403, 403, 200, 404, 404, 401)));
  it('POST /contacts/:id/unarchive', () => checkMatrix(async (w, as) => {
    const id = await contact(w);
    expect((await api.contacts.archive(id, asOwner(w))).status).toBe(200);
    return api.contacts.unarchive(id, { as });
  }, row(200, 403, 403, 403, 403, 403, 403, 200, 404, 404, 401)));
  it('POST /contacts/:id/restore (trashed: shares give nothing)', () => checkMatrix(async (w, as) => {
    const id = await contact(w);
    expect((await api.contacts.delete(id, asOwner(w))).status).toBe(204);
    return api.contacts.restore(id, { as });
  }, row(200, 404, 404, 404, 404, 404, 404, 200, 404, 404, 401)));
  it('POST /contacts/:id/purge', () => checkMatrix(async (w, as) => {
    const id = await contact(w);
    expect((await api.contacts.delete(id, asOwner(w))).status).toBe(204);
    return api.contacts.purge(id, { as });
  }, row(204, 404, 404, 404, 404, 404, 404, 204, 404, 404, 401)));
  it('POST /contacts/:id/reassign to oneself', () => checkMatrix(async (w, as) => {
    const id = await contact(w);
    const me = Object.values(w.users).find((u) => u.token === as);
    return api.contacts.reassign(id, { ownerId: me?.id ?? '' }, { as });
  }, row(200, 403, 403, 403, 200, 403, 403, 200, 404, 404, 401)));
  it('POST /users/:id/reassign-contacts (admins only)', () => checkMatrix(
    async (w, as) => api.users.reassignContacts(w.users.owner.id, { toUserId: w.nina.id }, { as }),
    row(403, 403, 403, 403, 403, 403, 403, 200, 403, 404, 401), 'TANDEM_USER_NOT_FOUND', 'TANDEM_ACCESS_ADMIN_ONLY',
  ));
});

describe('shares', () => {
  it('GET /contacts/:id/shares', () => checkMatrix(async (w, as) => api.shares.list(await sameContact(w), { as }), row(200, 403, 403, 200, 200, 403, 403, 200, 404, 404, 401)));
  it('POST /contacts/:id/shares', () => checkMatrix(
    async (w, as) => api.shares.create(await contact(w), { grantee: { userId: w.nina.id }, level: 'view' }, { as }),
    row(201, 403, 403, 201, 201, 403, 403, 201, 404, 404, 401),
  ));
  it('PATCH /contacts/:id/shares/:shareId', () => checkMatrix(async (w, as) => {
    const { contactId, viewerShareId } = await w.freshContact();
    return api.shares.update(contactId, viewerShareId, { level: 'collaborate' }, { as });
  }, row(200, 403, 403, 200, 200, 403, 403, 200, 404, 404, 401)));
  it('DELETE /contacts/:id/shares/:shareId', () => checkMatrix(async (w, as) => {
    const { contactId, viewerShareId } = await w.freshContact();
    return api.shares.revoke(contactId, viewerShareId, { as });
  }, row(204, 403, 403, 204, 204, 403, 403, 204, 404, 404, 401)));
});

describe('history', () => {
  it('GET /contacts/:id/history (admins read history only through a source)', () => checkMatrix(async (w, as) => api.history.list(await sameContact(w), { as }), row(200, 200, 200, 200, 200, 200, 200, 403, 404, 404, 401)));
  it('POST /contacts/:id/messages', () => checkMatrix(async (w, as) => api.history.sendMessage(await contact(w), { body: 'Hello' }, { as }), row(201, 403, 201, 201, 201, 201, 403, 403, 404, 404, 401)));
  it('POST /contacts/:id/notes', () => checkMatrix(async (w, as) => api.history.logNote(await contact(w), { body: 'Met at fair' }, { as }), row(201, 403, 201, 201, 201, 201, 403, 403, 404, 404, 401)));
  it('POST /contacts/:id/calls', () => checkMatrix(async (w, as) => api.history.logCall(await contact(w), { body: 'Called back' }, { as }), row(201, 403, 201, 201, 201, 201, 403, 403, 404, 404, 401)));
});

describe('access (explain)', () => {
  it('about oneself', () => checkMatrix(async (w, as) => api.contacts.explain(await sameContact(w), { as }), row(200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 401)));
  it('about someone else: owner and admins only', () => checkMatrix(
    async (w, as) => api.contacts.explain(await sameContact(w), { as, query: { userId: w.nina.id } }),
    row(200, 403, 403, 403, 403, 403, 403, 200, 404, 404, 401),
  ));
});

describe('buckets', () => {
  const B = 'TANDEM_BUCKET_NOT_FOUND';
  it('GET /buckets/:id', () => checkMatrix(async (w, as) => api.buckets.get((await w.freshBucket()).bucketId, { as }), row(200, 404, 404, 404, 404, 404, 200, 200, 404, 404, 401), B));
  it('GET /buckets lists the bucket to exactly those who can see it', async () => {
    const w = await roleWorld(t);
    const { bucketId } = await w.freshBucket();
    const seen: Partial<Record<Role, boolean | number>> = {};
    for (const role of ROLES) {
      const res = await api.buckets.list({ as: w.users[role].token });
      seen[role] = res.status === 200 ? res.body.items.some((b) => b.id === bucketId) : res.status;
    }
    expect(seen).toEqual({
      owner: true, viewer: false, collaborator: false, editor: false, grantee: false, teamMember: false, bucketMember: true, admin: true,
      stranger: false, outsider: false, deactivated: 401,
    });
  });
  it('PATCH /buckets/:id', () => checkMatrix(async (w, as) => api.buckets.rename((await w.freshBucket()).bucketId, { name: 'Renamed' }, { as }), row(200, 404, 404, 404, 404, 404, 403, 403, 404, 404, 401), B));
  it('DELETE /buckets/:id', () => checkMatrix(async (w, as) => api.buckets.delete((await w.freshBucket()).bucketId, { as }), row(204, 404, 404, 404, 404, 404, 403, 204, 404, 404, 401), B));
  it('POST /buckets/:id/contacts', () => checkMatrix(async (w, as) => {
    const { bucketId, contactId } = await w.freshBucket();
    return api.buckets.addContacts(bucketId, { contactIds: [contactId] }, { as });
  }, row(200, 404, 404, 404, 404, 404, 403, 403, 404, 404, 401), B));
  it('DELETE /buckets/:id/contacts/:contactId', () => checkMatrix(async (w, as) => {
    const { bucketId, contactId } = await w.freshBucket();
    return api.buckets.removeContact(bucketId, contactId, { as });
  }, row(204, 404, 404, 404, 404, 404, 403, 403, 404, 404, 401), B));
  it('GET /buckets/:id/shares', () => checkMatrix(async (w, as) => api.buckets.listShares((await w.freshBucket()).bucketId, { as }), row(200, 404, 404, 404, 404, 404, 403, 200, 404, 404, 401), B));
  it('POST /buckets/:id/shares', () => checkMatrix(
    async (w, as) => api.buckets.share((await w.freshBucket()).bucketId, { grantee: { userId: w.nina.id }, level: 'view' }, { as }),
    row(201, 404, 404, 404, 404, 404, 403, 201, 404, 404, 401), B,
  ));
  it('DELETE /buckets/:id/shares/:shareId', () => checkMatrix(async (w, as) => {
    const { bucketId, bucketShareId } = await w.freshBucket();
    return api.buckets.revokeShare(bucketId, bucketShareId, { as });
  }, row(204, 404, 404, 404, 404, 404, 403, 204, 404, 404, 401), B));
});

describe('creating', () => {
  it('POST /contacts and POST /buckets: every signed-in user; never anonymous or deactivated', async () => {
    const w = await roleWorld(t);
    for (const role of ROLES) {
      const expected = role === 'deactivated' ? 401 : 201;
      expect((await api.contacts.create({ name: `By ${role}` }, { as: w.users[role].token })).status, role).toBe(expected);
      expect((await api.buckets.create({ name: `By ${role}` }, { as: w.users[role].token })).status, role).toBe(expected);
    }
    expect((await api.contacts.create({ name: 'Anon' })).status).toBe(401);
    expect((await api.contacts.list()).status).toBe(401);
  });
});
