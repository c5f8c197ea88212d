// User grants: POST/GET /users/:ownerId/grants, GET /grants, DELETE /grants/:id (admins).
import { computeCalendarLevel, computeLevel } from '@tandem/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { createTeam } from '../fixtures/org-fixture.ts';
import { buildTestApp, type TestApp } from '../support/harness.ts';
import { accountsClient, buildWorld, outcome, type AccountsClient, type World } from './support/accounts-client.ts';

let t: TestApp;
let c: AccountsClient;
beforeAll(async () => {
  t = await buildTestApp();
  c = accountsClient(t.app);
});
afterAll(async () => t.close());
afterEach(() => t.clock.set('2026-01-05T09:00:00Z'));

const ADMIN_ONLY = { status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' };
const AUTH = { status: 401, code: 'TANDEM_AUTH_REQUIRED' };
const INVALID = { status: 400, code: 'TANDEM_INPUT_INVALID' };
const USER_NOT_FOUND = { status: 404, code: 'TANDEM_USER_NOT_FOUND' };
const refusedCallers: [string, (w: World) => string | undefined, { status: number; code: string }][] = [
  ['a member', (w) => w.ben.token, ADMIN_ONLY],
  ['a deactivated user', (w) => w.dee.token, AUTH],
  ['anonymous', () => undefined, AUTH],
];

/** What `userId` gets on a contact owned by `ownerId`, and on `ownerId`'s calendar, on a fresh request. */
async function accessOf(w: World, userId: string, ownerId: string) {
  const ctx = await loadActorContext(t.handle.db, w.acme, userId, t.clock.now());
  if (!ctx) throw new Error('no such user');
  const contact = { id: 'c1', orgId: w.acme, ownerId, state: 'active' as const, shares: [], bucketIds: [] };
  return { contacts: computeLevel(ctx, contact), calendar: computeCalendarLevel(ctx, ownerId) };
}

async function grantsOf(w: World) {
  return (await c.listGrants({ as: w.ada.token })).body.items as { id: string; level: string; scope: string }[];
}

describe('POST /users/:ownerId/grants', () => {
  it('gives a user `edit` on the owner’s contacts, at once', async () => {
    const w = await buildWorld(t);
    expect((await accessOf(w, w.cat.id, w.ben.id)).contacts).toBe('none');
    const res = await c.createGrant(w.ben.id, { grantee: { userId: w.cat.id }, scope: 'contacts', level: 'edit' }, { as: w.ada.token });
    expect(res.status).toBe(201);
    expect(res.body.grant).toEqual({
      id: expect.any(String), ownerId: w.ben.id, grantee: { userId: w.cat.id }, scope: 'contacts', level: 'edit',
      startsAt: null, expiresAt: null, createdBy: w.ada.id, createdAt: '2026-01-05T09:00:00.000Z', active: true,
    });
    expect(await accessOf(w, w.cat.id, w.ben.id)).toEqual({ contacts: 'edit', calendar: 'none' });
  });

  it('gives a team `view` on a calendar; members get it, others do not', async () => {
    const w = await buildWorld(t);
    const sales = await createTeam(t.handle.db, w.acme, 'Sales', [w.cat.id]);
    const res = await c.createGrant(w.ben.id, { grantee: { teamId: sales }, scope: 'calendar', level: 'view' }, { as: w.ada.token });
    expect(res.body.grant.grantee).toEqual({ teamId: sales });
    expect(await accessOf(w, w.cat.id, w.ben.id)).toEqual({ contacts: 'none', calendar: 'view' });
    expect((await accessOf(w, w.ada.id, w.ben.id)).calendar).toBe('none');
  });

  it('honours the window: nothing before it starts, nothing from the moment it expires', async () => {
    const w = await buildWorld(t);
    const res = await c.createGrant(w.ben.id, {
      grantee: { userId: w.cat.id }, scope: 'contacts', level: 'view', startsAt: '2026-01-06T09:00:00Z', expiresAt: '2026-01-07T09:00:00Z',
    }, { as: w.ada.token });
    expect(res.body.grant).toMatchObject({ startsAt: '2026-01-06T09:00:00.000Z', expiresAt: '2026-01-07T09:00:00.000Z', active: false });
    expect((await accessOf(w, w.cat.id, w.ben.id)).contacts).toBe('none');
    t.clock.set('2026-01-06T09:00:00Z');
    expect((await accessOf(w, w.cat.id, w.ben.id)).contacts).toBe('view');
    expect((await c.listOwnerGrants(w.ben.id, { as: w.ada.token })).body.items[0].active).toBe(true);
    t.clock.set('2026-01-07T09:00:00Z');
    expect((await accessOf(w, w.cat.id, w.ben.id)).contacts).toBe('none');
    expect((await c.listOwnerGrants(w.ben.id, { as: w.ada.token })).body.items[0].active).toBe(false);
  });

  it('replaces an earlier grant for the same owner, grantee and scope (one grant each), audited as a replacement', async () => {
    const w = await buildWorld(t);
    const first = await c.createGrant(w.ben.id, { grantee: { userId: w.cat.id }, scope: 'contacts', level: 'edit' }, { as: w.ada.token });
    const second = await c.createGrant(w.ben.id, { grantee: { userId: w.cat.id }, scope: 'contacts', level: 'view' }, { as: w.ada.token });
    expect(second.status).toBe(201);
    expect(second.body.grant.id).not.toBe(first.body.grant.id);
    expect((await grantsOf(w)).map((g) => [g.id, g.level])).toEqual([[second.body.grant.id, 'view']]);
    expect((await accessOf(w, w.cat.id, w.ben.id)).contacts).toBe('view');
    const [entry] = (await c.listAudit({ as: w.ada.token })).body.items;
    expect(entry).toMatchObject({ action: 'grant.replace', targetId: second.body.grant.id, before: { id: first.body.grant.id, level: 'edit' }, after: { level: 'view' } });
  });

  it('keeps grants of different scopes or grantees side by side', async () => {
    const w = await buildWorld(t);
    await c.createGrant(w.ben.id, { grantee: { userId: w.cat.id }, scope: 'contacts', level: 'edit' }, { as: w.ada.token });
    await c.createGrant(w.ben.id, { grantee: { userId: w.cat.id }, scope: 'calendar', level: 'edit' }, { as: w.ada.token });
    await c.createGrant(w.ben.id, { grantee: { userId: w.ada.id }, scope: 'contacts', level: 'view' }, { as: w.ada.token });
    expect(await grantsOf(w)).toHaveLength(3);
    expect(await accessOf(w, w.cat.id, w.ben.id)).toEqual({ contacts: 'edit', calendar: 'edit' });
  });

  it('lets an admin grant themselves access, in the audit log', async () => {
    const w = await buildWorld(t);
    const res = await c.createGrant(w.ben.id, { grantee: { userId: w.ada.id }, scope: 'calendar', level: 'view' }, { as: w.ada.token });
    expect(res.status).toBe(201);
    const [entry] = (await c.listAudit({ as: w.ada.token })).body.items;
    expect(entry).toMatchObject({ action: 'grant.create', actorId: w.ada.id, targetType: 'grant', targetId: res.body.grant.id, before: null, after: { grantee: { userId: w.ada.id } } });
  });

  it('accepts a deactivated grantee, whose grant gives nothing until they are reactivated', async () => {
    const w = await buildWorld(t);
    expect((await c.createGrant(w.ben.id, { grantee: { userId: w.dee.id }, scope: 'contacts', level: 'view' }, { as: w.ada.token })).status).toBe(201);
    expect((await accessOf(w, w.dee.id, w.ben.id)).contacts).toBe('none');
    await c.updateUser(w.dee.id, { status: 'active' }, { as: w.ada.token });
    expect((await accessOf(w, w.dee.id, w.ben.id)).contacts).toBe('view');
  });

  it('refuses the owner as grantee with 400', async () => {
    const w = await buildWorld(t);
    expect(outcome(await c.createGrant(w.ben.id, { grantee: { userId: w.ben.id }, scope: 'contacts', level: 'view' }, { as: w.ada.token })))
      .toEqual({ status: 400, code: 'TANDEM_GRANT_GRANTEE_IS_OWNER' });
  });

  it.each(refusedCallers)('refuses %s and grants nothing', async (_l, as, expected) => {
    const w = await buildWorld(t);
    expect(outcome(await c.createGrant(w.ben.id, { grantee: { userId: w.cat.id }, scope: 'contacts', level: 'edit' }, { as: as(w) }))).toEqual(expected);
    expect(await grantsOf(w)).toEqual([]);
  });

  it('answers 404 when the owner or grantee is not of the caller’s org, or does not exist', async () => {
    const w = await buildWorld(t);
    const globexTeam = await createTeam(t.handle.db, w.globex, 'Globex team', [w.pia.id]);
    const cases: [string, object, object][] = [
      [w.pia.id, { userId: w.cat.id }, USER_NOT_FOUND],
      ['not-an-id', { userId: w.cat.id }, USER_NOT_FOUND],
      [w.ben.id, { userId: w.pia.id }, USER_NOT_FOUND],
      [w.ben.id, { userId: '00000000-0000-4000-8000-000000000000' }, USER_NOT_FOUND],
      [w.ben.id, { teamId: globexTeam }, { status: 404, code: 'TANDEM_TEAM_NOT_FOUND' }],
    ];
    for (const [ownerId, grantee, expected] of cases) {
      expect(outcome(await c.createGrant(ownerId, { grantee, scope: 'contacts', level: 'view' }, { as: w.ada.token }))).toEqual(expected);
    }
    expect(outcome(await c.createGrant(w.ben.id, { grantee: { userId: w.cat.id }, scope: 'contacts', level: 'view' }, { as: w.oz.token }))).toEqual(USER_NOT_FOUND);
    expect(await grantsOf(w)).toEqual([]);
  });

  it.each([
    ['a share-only level', { level: 'collaborate' }],
    ['an unknown scope', { scope: 'buckets' }],
    ['a grantee naming both a user and a team', { grantee: { userId: 'a', teamId: 'b' } }],
    ['an empty grantee', { grantee: {} }],
    ['a time that is not ISO 8601', { expiresAt: 'next friday' }],
    ['a window that ends before it starts', { startsAt: '2026-02-02T00:00:00Z', expiresAt: '2026-02-01T00:00:00Z' }],
    ['a window that has already ended', { expiresAt: '2026-01-05T08:59:59Z' }],
  ])('refuses %s with 400 and grants nothing', async (_l, override) => {
    const w = await buildWorld(t);
    const body = { grantee: { userId: w.cat.id }, scope: 'contacts', level: 'view', ...override };
    expect(outcome(await c.createGrant(w.ben.id, body, { as: w.ada.token }))).toEqual(INVALID);
    expect(await grantsOf(w)).toEqual([]);
  });
});

describe('GET /users/:ownerId/grants and GET /grants', () => {
  async function threeGrants(w: World) {
    await c.createGrant(w.ben.id, { grantee: { userId: w.cat.id }, scope: 'contacts', level: 'edit' }, { as: w.ada.token });
    await c.createGrant(w.ben.id, { grantee: { userId: w.ada.id }, scope: 'calendar', level: 'view' }, { as: w.ada.token });
    await c.createGrant(w.cat.id, { grantee: { userId: w.ben.id }, scope: 'contacts', level: 'view' }, { as: w.ada.token });
    await c.createGrant(w.pia.id, { grantee: { userId: w.oz.id }, scope: 'contacts', level: 'view' }, { as: w.oz.token });
  }

  it('lists one owner’s grants', async () => {
    const w = await buildWorld(t);
    await threeGrants(w);
    const res = await c.listOwnerGrants(w.ben.id, { as: w.ada.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((g: { ownerId: string }) => g.ownerId)).toEqual([w.ben.id, w.ben.id]);
    expect(res.body.nextCursor).toBeNull();
  });

  it('lists every grant of the org, optionally by scope, never another org’s', async () => {
    const w = await buildWorld(t);
    await threeGrants(w);
    expect((await c.listGrants({ as: w.ada.token })).body.items).toHaveLength(3);
    const calendar = await c.listGrants({ as: w.ada.token, query: { scope: 'calendar' } });
    expect(calendar.body.items.map((g: { scope: string }) => g.scope)).toEqual(['calendar']);
    expect((await c.listGrants({ as: w.oz.token })).body.items).toHaveLength(1);
    expect(outcome(await c.listGrants({ as: w.ada.token, query: { scope: 'x' } }))).toEqual(INVALID);
  });

  it('answers 404 for another org’s owner and a malformed owner id', async () => {
    const w = await buildWorld(t);
    await threeGrants(w);
    expect(outcome(await c.listOwnerGrants(w.ben.id, { as: w.oz.token }))).toEqual(USER_NOT_FOUND);
    expect(outcome(await c.listOwnerGrants('bad', { as: w.ada.token }))).toEqual(USER_NOT_FOUND);
  });

  it.each(refusedCallers)('refuses %s', async (_l, as, expected) => {
    const w = await buildWorld(t);
    expect(outcome(await c.listOwnerGrants(w.ben.id, { as: as(w) }))).toEqual(expected);
    expect(outcome(await c.listGrants({ as: as(w) }))).toEqual(expected);
  });
});

describe('DELETE /grants/:id', () => {
  async function oneGrant(w: World): Promise<string> {
    const res = await c.createGrant(w.ben.id, { grantee: { userId: w.cat.id }, scope: 'contacts', level: 'edit' }, { as: w.ada.token });
    return res.body.grant.id;
  }

  it('revokes the grant, effective on the very next request, and audits it', async () => {
    const w = await buildWorld(t);
    const id = await oneGrant(w);
    expect((await c.revokeGrant(id, { as: w.ada.token })).status).toBe(204);
    expect((await accessOf(w, w.cat.id, w.ben.id)).contacts).toBe('none');
    expect(await grantsOf(w)).toEqual([]);
    const [entry] = (await c.listAudit({ as: w.ada.token })).body.items;
    expect(entry).toMatchObject({ action: 'grant.revoke', targetId: id, before: { id, level: 'edit', ownerId: w.ben.id }, after: null });
    expect(outcome(await c.revokeGrant(id, { as: w.ada.token }))).toEqual({ status: 404, code: 'TANDEM_GRANT_NOT_FOUND' });
  });

  it.each(refusedCallers)('refuses %s and keeps the grant', async (_l, as, expected) => {
    const w = await buildWorld(t);
    const id = await oneGrant(w);
    expect(outcome(await c.revokeGrant(id, { as: as(w) }))).toEqual(expected);
    expect(await grantsOf(w)).toHaveLength(1);
  });

  it('answers 404 to another org’s admin and to a malformed id, keeping the grant', async () => {
    const w = await buildWorld(t);
    const id = await oneGrant(w);
    expect(outcome(await c.revokeGrant(id, { as: w.oz.token }))).toEqual({ status: 404, code: 'TANDEM_GRANT_NOT_FOUND' });
    expect(outcome(await c.revokeGrant('123', { as: w.ada.token }))).toEqual({ status: 404, code: 'TANDEM_GRANT_NOT_FOUND' });
    expect(await grantsOf(w)).toHaveLength(1);
  });
});
