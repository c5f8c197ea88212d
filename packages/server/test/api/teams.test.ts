// Teams: GET (members), POST/PATCH/PUT members/DELETE (admins).
import { computeLevel } from '@tandem/core';
import { describe, expect, it } from 'vitest';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';
import { ACME_AND_GLOBEX, type AcmeAndGlobex } from './support/world-builder.ts';

const t = useTestApp();
const { api } = t;

const ADMIN_ONLY = { status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' };
const AUTH = { status: 401, code: 'TANDEM_AUTH_REQUIRED' };
const TEAM_NOT_FOUND = { status: 404, code: 'TANDEM_TEAM_NOT_FOUND' };
const USER_NOT_FOUND = { status: 404, code: 'TANDEM_USER_NOT_FOUND' };
const refusedCallers: [string, (w: AcmeAndGlobex) => string | undefined, { status: number; code: string }][] = [
  ['a member', (w) => w.users.ben.token, ADMIN_ONLY],
  ['a deactivated user', (w) => w.users.dee.token, AUTH],
  ['anonymous', () => undefined, AUTH],
];

/** Acme and Globex, with team Sales = {Ben, Cat} in Acme. */
async function withSales() {
  const w = await t.world({ ...ACME_AND_GLOBEX, teams: { sales: { members: ['ben', 'cat'] } } });
  return { ...w, sales: w.teams.sales };
}

async function teamsOf(token: string) {
  return expectStatus(await api.teams.list({ as: token }), 200).items;
}

describe('GET /teams', () => {
  it.each([['an admin', 'ada'], ['a member', 'ben']] as const)('lists the org’s teams with members for %s', async (_l, who) => {
    const w = await withSales();
    const res = expectStatus(await api.teams.list({ as: w.users[who].token }), 200);
    expect(res).toEqual({ items: [{ id: w.sales, name: 'Sales', memberIds: [w.users.ben.id, w.users.cat.id] }], nextCursor: null });
  });

  it('never shows another org’s teams', async () => {
    const w = await withSales();
    expect(await teamsOf(w.users.oz.token)).toEqual([]);
  });

  it.each([['a deactivated user', (w: AcmeAndGlobex) => w.users.dee.token], ['anonymous', () => undefined]])('refuses %s with 401', async (_l, as) => {
    const w = await withSales();
    expect(outcome(await api.teams.list({ as: as(w) }))).toEqual(AUTH);
  });
});

describe('POST /teams', () => {
  it('lets an admin create a team; members may include deactivated users; duplicates collapse', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = expectStatus(await api.teams.create({ name: ' Support ', memberIds: [w.users.cat.id, w.users.dee.id, w.users.cat.id] }, { as: w.users.ada.token }), 201);
    expect(res.team).toMatchObject({ name: 'Support' });
    expect(res.team.memberIds).toEqual([w.users.cat.id, w.users.dee.id]);
    expect(await teamsOf(w.users.ben.token)).toHaveLength(1);
  });

  it('accepts a team with no members', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(expectStatus(await api.teams.create({ name: 'Empty' }, { as: w.users.ada.token }), 201).team.memberIds).toEqual([]);
  });

  it.each(refusedCallers)('refuses %s and creates nothing', async (_l, as, expected) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.teams.create({ name: 'Sneaky', memberIds: [] }, { as: as(w) }))).toEqual(expected);
    expect(await teamsOf(w.users.ada.token)).toEqual([]);
  });

  it('refuses a member of another org, a malformed and a missing user id with 404, creating nothing', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    for (const id of [w.users.pia.id, 'nope', '00000000-0000-4000-8000-000000000000']) {
      expect(outcome(await api.teams.create({ name: 'Mixed', memberIds: [w.users.ben.id, id] }, { as: w.users.ada.token }))).toEqual(USER_NOT_FOUND);
    }
    expect(await teamsOf(w.users.ada.token)).toEqual([]);
  });

  it('refuses a second team of the same name (any case) with 409', async () => {
    const w = await withSales();
    expect(outcome(await api.teams.create({ name: 'SALES', memberIds: [] }, { as: w.users.ada.token }))).toEqual({ status: 409, code: 'TANDEM_TEAM_NAME_TAKEN' });
    expect((await api.teams.create({ name: 'Sales', memberIds: [] }, { as: w.users.oz.token })).status).toBe(201);
  });

  it.each([[{ name: '' }], [{ name: 'x'.repeat(101) }], [{ name: 'A', memberIds: 'ben' }]])('refuses %j with 400', async (body) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.teams.create(body, { as: w.users.ada.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });
});

describe('PUT /teams/:id/members', () => {
  it('replaces the members, effective on the members’ very next request', async () => {
    const w = await withSales();
    // Sales holds a `view` grant on Ada's contacts: membership decides who gets it.
    await api.grants.create(w.users.ada.id, { grantee: { teamId: w.sales }, scope: 'contacts', level: 'view' }, { as: w.users.ada.token });
    const adaContact = { id: 'c1', orgId: w.orgs.acme, ownerId: w.users.ada.id, state: 'active' as const, shares: [], bucketIds: [] };
    const levelOf = async (userId: string) => computeLevel((await loadActorContext(t.db, w.orgs.acme, userId, t.clock.now()))!, adaContact);
    expect(await levelOf(w.users.ben.id)).toBe('view');

    const res = expectStatus(await api.teams.setMembers(w.sales, { memberIds: [w.users.cat.id] }, { as: w.users.ada.token }), 200);
    expect(res.team).toEqual({ id: w.sales, name: 'Sales', memberIds: [w.users.cat.id] });
    expect(await levelOf(w.users.ben.id)).toBe('none');
    expect(await levelOf(w.users.cat.id)).toBe('view');
  });

  it.each(refusedCallers)('refuses %s and changes nothing', async (_l, as, expected) => {
    const w = await withSales();
    expect(outcome(await api.teams.setMembers(w.sales, { memberIds: [] }, { as: as(w) }))).toEqual(expected);
    expect((await teamsOf(w.users.ada.token))[0]?.memberIds).toHaveLength(2);
  });

  it('answers 404 for another org’s admin, a malformed and a missing team id', async () => {
    const w = await withSales();
    expect(outcome(await api.teams.setMembers(w.sales, { memberIds: [] }, { as: w.users.oz.token }))).toEqual(TEAM_NOT_FOUND);
    expect(outcome(await api.teams.setMembers('x', { memberIds: [] }, { as: w.users.ada.token }))).toEqual(TEAM_NOT_FOUND);
    expect(outcome(await api.teams.setMembers('00000000-0000-4000-8000-000000000000', { memberIds: [] }, { as: w.users.ada.token }))).toEqual(TEAM_NOT_FOUND);
    expect((await teamsOf(w.users.ada.token))[0]?.memberIds).toHaveLength(2);
  });

  it('refuses another org’s user as member with 404 and keeps the old members', async () => {
    const w = await withSales();
    expect(outcome(await api.teams.setMembers(w.sales, { memberIds: [w.users.ben.id, w.users.pia.id] }, { as: w.users.ada.token }))).toEqual(USER_NOT_FOUND);
    expect((await teamsOf(w.users.ada.token))[0]?.memberIds).toEqual([w.users.ben.id, w.users.cat.id]);
  });

  it('refuses a body without memberIds with 400', async () => {
    const w = await withSales();
    expect(outcome(await api.teams.setMembers(w.sales, {}, { as: w.users.ada.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });
});

describe('PATCH /teams/:id', () => {
  it('renames a team', async () => {
    const w = await withSales();
    const res = expectStatus(await api.teams.rename(w.sales, { name: 'Field sales' }, { as: w.users.ada.token }), 200);
    expect(res.team).toEqual({ id: w.sales, name: 'Field sales', memberIds: [w.users.ben.id, w.users.cat.id] });
  });

  it('refuses a name another team has with 409, but allows a change of case of its own', async () => {
    const w = await withSales();
    await api.teams.create({ name: 'Support', memberIds: [] }, { as: w.users.ada.token });
    expect(outcome(await api.teams.rename(w.sales, { name: 'support' }, { as: w.users.ada.token }))).toEqual({ status: 409, code: 'TANDEM_TEAM_NAME_TAKEN' });
    expect((await api.teams.rename(w.sales, { name: 'SALES' }, { as: w.users.ada.token })).status).toBe(200);
  });

  it.each(refusedCallers)('refuses %s', async (_l, as, expected) => {
    const w = await withSales();
    expect(outcome(await api.teams.rename(w.sales, { name: 'Mine' }, { as: as(w) }))).toEqual(expected);
  });

  it('answers 404 for another org’s admin', async () => {
    const w = await withSales();
    expect(outcome(await api.teams.rename(w.sales, { name: 'Mine' }, { as: w.users.oz.token }))).toEqual(TEAM_NOT_FOUND);
  });
});

describe('DELETE /teams/:id', () => {
  it('deletes the team with the grants and shares naming it, all in one audited change', async () => {
    const w = await t.world({
      ...ACME_AND_GLOBEX, teams: { sales: { members: ['ben', 'cat'] } },
      contacts: { zoe: { owner: 'ada' } }, shares: [{ contact: 'zoe', team: 'sales', level: 'view' }],
    });
    const sales = w.teams.sales;
    const grant = expectStatus(await api.grants.create(w.users.ada.id, { grantee: { teamId: sales }, scope: 'calendar', level: 'view' }, { as: w.users.ada.token }), 201).grant;

    expect((await api.teams.delete(sales, { as: w.users.ada.token })).status).toBe(204);
    expect(await teamsOf(w.users.ada.token)).toEqual([]);
    expect(expectStatus(await api.grants.list({ as: w.users.ada.token }), 200).items).toEqual([]);
    expect(await t.db.selectFrom('contact_shares').select('id').where('grantee_team_id', '=', sales).execute()).toEqual([]);
    const entry = expectStatus(await api.audit.list({ as: w.users.ada.token }), 200).items[0];
    expect(entry).toMatchObject({ action: 'team.delete', targetId: sales, after: null, before: { name: 'Sales', memberIds: [w.users.ben.id, w.users.cat.id] } });
    const { removed } = entry?.before as { removed: { userGrants: { id: string }[]; contactShares: unknown[] } };
    expect(removed.userGrants.map((g) => g.id)).toEqual([grant.id]);
    expect(removed.contactShares).toHaveLength(1);
    expect(expectStatus(await api.audit.verify({ as: w.users.ada.token }), 200).valid).toBe(true);
  });

  it.each(refusedCallers)('refuses %s and keeps the team', async (_l, as, expected) => {
    const w = await withSales();
    expect(outcome(await api.teams.delete(w.sales, { as: as(w) }))).toEqual(expected);
    expect(await teamsOf(w.users.ada.token)).toHaveLength(1);
  });

  it('answers 404 for another org’s admin and for a second delete', async () => {
    const w = await withSales();
    expect(outcome(await api.teams.delete(w.sales, { as: w.users.oz.token }))).toEqual(TEAM_NOT_FOUND);
    expect((await api.teams.delete(w.sales, { as: w.users.ada.token })).status).toBe(204);
    expect(outcome(await api.teams.delete(w.sales, { as: w.users.ada.token }))).toEqual(TEAM_NOT_FOUND);
  });
});

describe('audit of team changes', () => {
  it('records create, rename and membership changes with before and after; an unchanged member list records nothing', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const team = expectStatus(await api.teams.create({ name: 'Ops', memberIds: [w.users.ben.id] }, { as: w.users.ada.token }), 201).team;
    await api.teams.rename(team.id, { name: 'Operations' }, { as: w.users.ada.token });
    await api.teams.setMembers(team.id, { memberIds: [w.users.ben.id, w.users.cat.id] }, { as: w.users.ada.token });
    await api.teams.setMembers(team.id, { memberIds: [w.users.cat.id, w.users.ben.id] }, { as: w.users.ada.token });
    const items = expectStatus(await api.audit.list({ as: w.users.ada.token }), 200).items;
    expect(items.map((e) => e.action)).toEqual(['team.members.change', 'team.rename', 'team.create']);
    expect(items[0]).toMatchObject({ actorId: w.users.ada.id, targetType: 'team', targetId: team.id, before: { memberIds: [w.users.ben.id] }, after: { memberIds: [w.users.ben.id, w.users.cat.id] } });
    expect(items[1]).toMatchObject({ before: { name: 'Ops' }, after: { name: 'Operations' } });
  });
});
