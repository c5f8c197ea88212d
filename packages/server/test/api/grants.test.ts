// User grants: POST/GET /users/:ownerId/grants, GET /grants, DELETE /grants/:id (admins).
import { computeCalendarLevel, computeLevel } from '@tandem/core';
import { describe, expect, it } from 'vitest';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';
import { ACME_AND_GLOBEX, type AcmeAndGlobex } from './support/world-builder.ts';

const t = useTestApp();
const { api } = t;

const ADMIN_ONLY = { status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' };
const AUTH = { status: 401, code: 'TANDEM_AUTH_REQUIRED' };
const INVALID = { status: 400, code: 'TANDEM_INPUT_INVALID' };
const USER_NOT_FOUND = { status: 404, code: 'TANDEM_USER_NOT_FOUND' };
const refusedCallers: [string, (w: AcmeAndGlobex) => string | undefined, { status: number; code: string }][] = [
  ['a member', (w) => w.users.ben.token, ADMIN_ONLY],
  ['a deactivated user', (w) => w.users.dee.token, AUTH],
  ['anonymous', () => undefined, AUTH],
];

/** What `userId` gets on a contact owned by `ownerId`, and on `ownerId`'s calendar, on a fresh request. */
async function accessOf(w: AcmeAndGlobex, userId: string, ownerId: string) {
  const ctx = await loadActorContext(t.db, w.orgs.acme, userId, t.clock.now());
  if (!ctx) throw new Error('no such user');
  const contact = { id: 'c1', orgId: w.orgs.acme, ownerId, state: 'active' as const, shares: [], bucketIds: [] };
  return { contacts: computeLevel(ctx, contact), calendar: computeCalendarLevel(ctx, ownerId) };
}

async function grantsOf(w: AcmeAndGlobex) {
  return expectStatus(await api.grants.list({ as: w.users.ada.token }), 200).items;
}

describe('POST /users/:ownerId/grants', () => {
  it('gives a user `edit` on the owner’s contacts, at once', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect((await accessOf(w, w.users.cat.id, w.users.ben.id)).contacts).toBe('none');
    const res = expectStatus(await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.cat.id }, scope: 'contacts', level: 'edit' }, { as: w.users.ada.token }), 201);
    expect(res.grant).toEqual({
      id: expect.any(String), ownerId: w.users.ben.id, grantee: { userId: w.users.cat.id }, scope: 'contacts', level: 'edit',
      startsAt: null, expiresAt: null, createdBy: w.users.ada.id, createdAt: '2026-01-05T09:00:00.000Z', active: true,
    });
    expect(await accessOf(w, w.users.cat.id, w.users.ben.id)).toEqual({ contacts: 'edit', calendar: 'none' });
  });

  it('gives a team `view` on a calendar; members get it, others do not', async () => {
    const w = await t.world({ ...ACME_AND_GLOBEX, teams: { sales: { members: ['cat'] } } });
    const sales = w.teams.sales;
    const res = expectStatus(await api.grants.create(w.users.ben.id, { grantee: { teamId: sales }, scope: 'calendar', level: 'view' }, { as: w.users.ada.token }), 201);
    expect(res.grant.grantee).toEqual({ teamId: sales });
    expect(await accessOf(w, w.users.cat.id, w.users.ben.id)).toEqual({ contacts: 'none', calendar: 'view' });
    expect((await accessOf(w, w.users.ada.id, w.users.ben.id)).calendar).toBe('none');
  });

  it('honours the window: nothing before it starts, nothing from the moment it expires', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = expectStatus(await api.grants.create(w.users.ben.id, {
      grantee: { userId: w.users.cat.id }, scope: 'contacts', level: 'view', startsAt: '2026-01-06T09:00:00Z', expiresAt: '2026-01-07T09:00:00Z',
    }, { as: w.users.ada.token }), 201);
    expect(res.grant).toMatchObject({ startsAt: '2026-01-06T09:00:00.000Z', expiresAt: '2026-01-07T09:00:00.000Z', active: false });
    expect((await accessOf(w, w.users.cat.id, w.users.ben.id)).contacts).toBe('none');
    t.clock.set('2026-01-06T09:00:00Z');
    expect((await accessOf(w, w.users.cat.id, w.users.ben.id)).contacts).toBe('view');
    expect(expectStatus(await api.grants.listOf(w.users.ben.id, { as: w.users.ada.token }), 200).items[0]?.active).toBe(true);
    t.clock.set('2026-01-07T09:00:00Z');
    expect((await accessOf(w, w.users.cat.id, w.users.ben.id)).contacts).toBe('none');
    expect(expectStatus(await api.grants.listOf(w.users.ben.id, { as: w.users.ada.token }), 200).items[0]?.active).toBe(false);
  });

  it('replaces an earlier grant for the same owner, grantee and scope (one grant each), audited as a replacement', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const first = expectStatus(await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.cat.id }, scope: 'contacts', level: 'edit' }, { as: w.users.ada.token }), 201).grant;
    const second = expectStatus(await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.cat.id }, scope: 'contacts', level: 'view' }, { as: w.users.ada.token }), 201).grant;
    expect(second.id).not.toBe(first.id);
    expect((await grantsOf(w)).map((g) => [g.id, g.level])).toEqual([[second.id, 'view']]);
    expect((await accessOf(w, w.users.cat.id, w.users.ben.id)).contacts).toBe('view');
    const [entry] = expectStatus(await api.audit.list({ as: w.users.ada.token }), 200).items;
    expect(entry).toMatchObject({ action: 'grant.replace', targetId: second.id, before: { id: first.id, level: 'edit' }, after: { level: 'view' } });
  });

  it('keeps grants of different scopes or grantees side by side', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.cat.id }, scope: 'contacts', level: 'edit' }, { as: w.users.ada.token });
    await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.cat.id }, scope: 'calendar', level: 'edit' }, { as: w.users.ada.token });
    await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.ada.id }, scope: 'contacts', level: 'view' }, { as: w.users.ada.token });
    expect(await grantsOf(w)).toHaveLength(3);
    expect(await accessOf(w, w.users.cat.id, w.users.ben.id)).toEqual({ contacts: 'edit', calendar: 'edit' });
  });

  it('lets an admin grant themselves access, in the audit log', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = expectStatus(await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.ada.id }, scope: 'calendar', level: 'view' }, { as: w.users.ada.token }), 201);
    const [entry] = expectStatus(await api.audit.list({ as: w.users.ada.token }), 200).items;
    expect(entry).toMatchObject({ action: 'grant.create', actorId: w.users.ada.id, targetType: 'grant', targetId: res.grant.id, before: null, after: { grantee: { userId: w.users.ada.id } } });
  });

  it('accepts a deactivated grantee, whose grant gives nothing until they are reactivated', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect((await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.dee.id }, scope: 'contacts', level: 'view' }, { as: w.users.ada.token })).status).toBe(201);
    expect((await accessOf(w, w.users.dee.id, w.users.ben.id)).contacts).toBe('none');
    await api.users.update(w.users.dee.id, { status: 'active' }, { as: w.users.ada.token });
    expect((await accessOf(w, w.users.dee.id, w.users.ben.id)).contacts).toBe('view');
  });

  it('refuses the owner as grantee with 400', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.ben.id }, scope: 'contacts', level: 'view' }, { as: w.users.ada.token })))
      .toEqual({ status: 400, code: 'TANDEM_GRANT_GRANTEE_IS_OWNER' });
  });

  it.each(refusedCallers)('refuses %s and grants nothing', async (_l, as, expected) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.cat.id }, scope: 'contacts', level: 'edit' }, { as: as(w) }))).toEqual(expected);
    expect(await grantsOf(w)).toEqual([]);
  });

  it('answers 404 when the owner or grantee is not of the caller’s org, or does not exist', async () => {
    const w = await t.world({ ...ACME_AND_GLOBEX, teams: { globexTeam: { org: 'globex', name: 'Globex team', members: ['pia'] } } });
    const globexTeam = w.teams.globexTeam;
    const cases: [string, object, object][] = [
      [w.users.pia.id, { userId: w.users.cat.id }, USER_NOT_FOUND],
      ['not-an-id', { userId: w.users.cat.id }, USER_NOT_FOUND],
      [w.users.ben.id, { userId: w.users.pia.id }, USER_NOT_FOUND],
      [w.users.ben.id, { userId: '00000000-0000-4000-8000-000000000000' }, USER_NOT_FOUND],
      [w.users.ben.id, { teamId: globexTeam }, { status: 404, code: 'TANDEM_TEAM_NOT_FOUND' }],
    ];
    for (const [ownerId, grantee, expected] of cases) {
      expect(outcome(await api.grants.create(ownerId, { grantee, scope: 'contacts', level: 'view' }, { as: w.users.ada.token }))).toEqual(expected);
    }
    expect(outcome(await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.cat.id }, scope: 'contacts', level: 'view' }, { as: w.users.oz.token }))).toEqual(USER_NOT_FOUND);
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
    const w = await t.world(ACME_AND_GLOBEX);
    const body = { grantee: { userId: w.users.cat.id }, scope: 'contacts', level: 'view', ...override };
    expect(outcome(await api.grants.create(w.users.ben.id, body, { as: w.users.ada.token }))).toEqual(INVALID);
    expect(await grantsOf(w)).toEqual([]);
  });
});

describe('GET /users/:ownerId/grants and GET /grants', () => {
  async function threeGrants(w: AcmeAndGlobex) {
    await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.cat.id }, scope: 'contacts', level: 'edit' }, { as: w.users.ada.token });
    await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.ada.id }, scope: 'calendar', level: 'view' }, { as: w.users.ada.token });
    await api.grants.create(w.users.cat.id, { grantee: { userId: w.users.ben.id }, scope: 'contacts', level: 'view' }, { as: w.users.ada.token });
    await api.grants.create(w.users.pia.id, { grantee: { userId: w.users.oz.id }, scope: 'contacts', level: 'view' }, { as: w.users.oz.token });
  }

  it('lists one owner’s grants', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await threeGrants(w);
    const res = expectStatus(await api.grants.listOf(w.users.ben.id, { as: w.users.ada.token }), 200);
    expect(res.items.map((g) => g.ownerId)).toEqual([w.users.ben.id, w.users.ben.id]);
    expect(res.nextCursor).toBeNull();
  });

  it('lists every grant of the org, optionally by scope, never another org’s', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await threeGrants(w);
    expect(expectStatus(await api.grants.list({ as: w.users.ada.token }), 200).items).toHaveLength(3);
    const calendar = expectStatus(await api.grants.list({ as: w.users.ada.token, query: { scope: 'calendar' } }), 200);
    expect(calendar.items.map((g) => g.scope)).toEqual(['calendar']);
    expect(expectStatus(await api.grants.list({ as: w.users.oz.token }), 200).items).toHaveLength(1);
    expect(outcome(await api.grants.list({ as: w.users.ada.token, query: { scope: 'x' } }))).toEqual(INVALID);
  });

  it('answers 404 for another org’s owner and a malformed owner id', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await threeGrants(w);
    expect(outcome(await api.grants.listOf(w.users.ben.id, { as: w.users.oz.token }))).toEqual(USER_NOT_FOUND);
    expect(outcome(await api.grants.listOf('bad', { as: w.users.ada.token }))).toEqual(USER_NOT_FOUND);
  });

  it.each(refusedCallers)('refuses %s', async (_l, as, expected) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.grants.listOf(w.users.ben.id, { as: as(w) }))).toEqual(expected);
    expect(outcome(await api.grants.list({ as: as(w) }))).toEqual(expected);
  });
});

describe('DELETE /grants/:id', () => {
  async function oneGrant(w: AcmeAndGlobex): Promise<string> {
    const res = await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.cat.id }, scope: 'contacts', level: 'edit' }, { as: w.users.ada.token });
    return expectStatus(res, 201).grant.id;
  }

  it('revokes the grant, effective on the very next request, and audits it', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const id = await oneGrant(w);
    expect((await api.grants.revoke(id, { as: w.users.ada.token })).status).toBe(204);
    expect((await accessOf(w, w.users.cat.id, w.users.ben.id)).contacts).toBe('none');
    expect(await grantsOf(w)).toEqual([]);
    const [entry] = expectStatus(await api.audit.list({ as: w.users.ada.token }), 200).items;
    expect(entry).toMatchObject({ action: 'grant.revoke', targetId: id, before: { id, level: 'edit', ownerId: w.users.ben.id }, after: null });
    expect(outcome(await api.grants.revoke(id, { as: w.users.ada.token }))).toEqual({ status: 404, code: 'TANDEM_GRANT_NOT_FOUND' });
  });

  it.each(refusedCallers)('refuses %s and keeps the grant', async (_l, as, expected) => {
    const w = await t.world(ACME_AND_GLOBEX);
    const id = await oneGrant(w);
    expect(outcome(await api.grants.revoke(id, { as: as(w) }))).toEqual(expected);
    expect(await grantsOf(w)).toHaveLength(1);
  });

  it('answers 404 to another org’s admin and to a malformed id, keeping the grant', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const id = await oneGrant(w);
    expect(outcome(await api.grants.revoke(id, { as: w.users.oz.token }))).toEqual({ status: 404, code: 'TANDEM_GRANT_NOT_FOUND' });
    expect(outcome(await api.grants.revoke('123', { as: w.users.ada.token }))).toEqual({ status: 404, code: 'TANDEM_GRANT_NOT_FOUND' });
    expect(await grantsOf(w)).toHaveLength(1);
  });
});
