// Teams: GET (members), POST/PATCH/PUT members/DELETE (admins).
import { computeLevel } from '@tandem/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { createTeam as createTeamRow } from '../fixtures/org-fixture.ts';
import { buildTestApp, type TestApp } from '../support/harness.ts';
import { accountsClient, buildWorld, outcome, type AccountsClient, type World } from './support/accounts-client.ts';

let t: TestApp;
let c: AccountsClient;
beforeAll(async () => {
  t = await buildTestApp();
  c = accountsClient(t.app);
});
afterAll(async () => t.close());

const ADMIN_ONLY = { status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' };
const AUTH = { status: 401, code: 'TANDEM_AUTH_REQUIRED' };
const TEAM_NOT_FOUND = { status: 404, code: 'TANDEM_TEAM_NOT_FOUND' };
const USER_NOT_FOUND = { status: 404, code: 'TANDEM_USER_NOT_FOUND' };
const refusedCallers: [string, (w: World) => string | undefined, { status: number; code: string }][] = [
  ['a member', (w) => w.ben.token, ADMIN_ONLY],
  ['a deactivated user', (w) => w.dee.token, AUTH],
  ['anonymous', () => undefined, AUTH],
];

async function withSales(): Promise<World & { sales: string }> {
  const w = await buildWorld(t);
  return { ...w, sales: await createTeamRow(t.handle.db, w.acme, 'Sales', [w.ben.id, w.cat.id]) };
}

async function teamsOf(token: string) {
  return (await c.listTeams({ as: token })).body.items as { id: string; name: string; memberIds: string[] }[];
}

describe('GET /teams', () => {
  it.each([['an admin', 'ada'], ['a member', 'ben']] as const)('lists the org’s teams with members for %s', async (_l, who) => {
    const w = await withSales();
    const res = await c.listTeams({ as: w[who].token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [{ id: w.sales, name: 'Sales', memberIds: [w.ben.id, w.cat.id] }], nextCursor: null });
  });

  it('never shows another org’s teams', async () => {
    const w = await withSales();
    expect(await teamsOf(w.oz.token)).toEqual([]);
  });

  it.each([['a deactivated user', (w: World) => w.dee.token], ['anonymous', () => undefined]])('refuses %s with 401', async (_l, as) => {
    const w = await withSales();
    expect(outcome(await c.listTeams({ as: as(w) }))).toEqual(AUTH);
  });
});

describe('POST /teams', () => {
  it('lets an admin create a team; members may include deactivated users; duplicates collapse', async () => {
    const w = await buildWorld(t);
    const res = await c.createTeam({ name: ' Support ', memberIds: [w.cat.id, w.dee.id, w.cat.id] }, { as: w.ada.token });
    expect(res.status).toBe(201);
    expect(res.body.team).toMatchObject({ name: 'Support' });
    expect(res.body.team.memberIds).toEqual([w.cat.id, w.dee.id]);
    expect(await teamsOf(w.ben.token)).toHaveLength(1);
  });

  it('accepts a team with no members', async () => {
    const w = await buildWorld(t);
    expect((await c.createTeam({ name: 'Empty' }, { as: w.ada.token })).body.team.memberIds).toEqual([]);
  });

  it.each(refusedCallers)('refuses %s and creates nothing', async (_l, as, expected) => {
    const w = await buildWorld(t);
    expect(outcome(await c.createTeam({ name: 'Sneaky', memberIds: [] }, { as: as(w) }))).toEqual(expected);
    expect(await teamsOf(w.ada.token)).toEqual([]);
  });

  it('refuses a member of another org, a malformed and a missing user id with 404, creating nothing', async () => {
    const w = await buildWorld(t);
    for (const id of [w.pia.id, 'nope', '00000000-0000-4000-8000-000000000000']) {
      expect(outcome(await c.createTeam({ name: 'Mixed', memberIds: [w.ben.id, id] }, { as: w.ada.token }))).toEqual(USER_NOT_FOUND);
    }
    expect(await teamsOf(w.ada.token)).toEqual([]);
  });

  it('refuses a second team of the same name (any case) with 409', async () => {
    const w = await withSales();
    expect(outcome(await c.createTeam({ name: 'SALES', memberIds: [] }, { as: w.ada.token }))).toEqual({ status: 409, code: 'TANDEM_TEAM_NAME_TAKEN' });
    expect((await c.createTeam({ name: 'Sales', memberIds: [] }, { as: w.oz.token })).status).toBe(201);
  });

  it.each([[{ name: '' }], [{ name: 'x'.repeat(101) }], [{ name: 'A', memberIds: 'ben' }]])('refuses %j with 400', async (body) => {
    const w = await buildWorld(t);
    expect(outcome(await c.createTeam(body, { as: w.ada.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });
});

describe('PUT /teams/:id/members', () => {
  it('replaces the members, effective on the members’ very next request', async () => {
    const w = await withSales();
    // Sales holds a `view` grant on Ada's contacts: membership decides who gets it.
    await c.createGrant(w.ada.id, { grantee: { teamId: w.sales }, scope: 'contacts', level: 'view' }, { as: w.ada.token });
    const adaContact = { id: 'c1', orgId: w.acme, ownerId: w.ada.id, state: 'active' as const, shares: [], bucketIds: [] };
    const levelOf = async (userId: string) => computeLevel((await loadActorContext(t.handle.db, w.acme, userId, t.clock.now()))!, adaContact);
    expect(await levelOf(w.ben.id)).toBe('view');

    const res = await c.setTeamMembers(w.sales, { memberIds: [w.cat.id] }, { as: w.ada.token });
    expect(res.status).toBe(200);
    expect(res.body.team).toEqual({ id: w.sales, name: 'Sales', memberIds: [w.cat.id] });
    expect(await levelOf(w.ben.id)).toBe('none');
    expect(await levelOf(w.cat.id)).toBe('view');
  });

  it.each(refusedCallers)('refuses %s and changes nothing', async (_l, as, expected) => {
    const w = await withSales();
    expect(outcome(await c.setTeamMembers(w.sales, { memberIds: [] }, { as: as(w) }))).toEqual(expected);
    expect((await teamsOf(w.ada.token))[0]?.memberIds).toHaveLength(2);
  });

  it('answers 404 for another org’s admin, a malformed and a missing team id', async () => {
    const w = await withSales();
    expect(outcome(await c.setTeamMembers(w.sales, { memberIds: [] }, { as: w.oz.token }))).toEqual(TEAM_NOT_FOUND);
    expect(outcome(await c.setTeamMembers('x', { memberIds: [] }, { as: w.ada.token }))).toEqual(TEAM_NOT_FOUND);
    expect(outcome(await c.setTeamMembers('00000000-0000-4000-8000-000000000000', { memberIds: [] }, { as: w.ada.token }))).toEqual(TEAM_NOT_FOUND);
    expect((await teamsOf(w.ada.token))[0]?.memberIds).toHaveLength(2);
  });

  it('refuses another org’s user as member with 404 and keeps the old members', async () => {
    const w = await withSales();
    expect(outcome(await c.setTeamMembers(w.sales, { memberIds: [w.ben.id, w.pia.id] }, { as: w.ada.token }))).toEqual(USER_NOT_FOUND);
    expect((await teamsOf(w.ada.token))[0]?.memberIds).toEqual([w.ben.id, w.cat.id]);
  });

  it('refuses a body without memberIds with 400', async () => {
    const w = await withSales();
    expect(outcome(await c.setTeamMembers(w.sales, {}, { as: w.ada.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });
});

describe('PATCH /teams/:id', () => {
  it('renames a team', async () => {
    const w = await withSales();
    const res = await c.renameTeam(w.sales, { name: 'Field sales' }, { as: w.ada.token });
    expect(res.body.team).toEqual({ id: w.sales, name: 'Field sales', memberIds: [w.ben.id, w.cat.id] });
  });

  it('refuses a name another team has with 409, but allows a change of case of its own', async () => {
    const w = await withSales();
    await c.createTeam({ name: 'Support', memberIds: [] }, { as: w.ada.token });
    expect(outcome(await c.renameTeam(w.sales, { name: 'support' }, { as: w.ada.token }))).toEqual({ status: 409, code: 'TANDEM_TEAM_NAME_TAKEN' });
    expect((await c.renameTeam(w.sales, { name: 'SALES' }, { as: w.ada.token })).status).toBe(200);
  });

  it.each(refusedCallers)('refuses %s', async (_l, as, expected) => {
    const w = await withSales();
    expect(outcome(await c.renameTeam(w.sales, { name: 'Mine' }, { as: as(w) }))).toEqual(expected);
  });

  it('answers 404 for another org’s admin', async () => {
    const w = await withSales();
    expect(outcome(await c.renameTeam(w.sales, { name: 'Mine' }, { as: w.oz.token }))).toEqual(TEAM_NOT_FOUND);
  });
});

describe('DELETE /teams/:id', () => {
  it('deletes the team with the grants and shares naming it, all in one audited change', async () => {
    const w = await withSales();
    const grant = await c.createGrant(w.ada.id, { grantee: { teamId: w.sales }, scope: 'calendar', level: 'view' }, { as: w.ada.token });
    const contact = await t.handle.db.insertInto('contacts').values({ org_id: w.acme, owner_id: w.ada.id, name: 'Zoe', sort_name: 'zoe' }).returning('id').executeTakeFirstOrThrow();
    await t.handle.db.insertInto('contact_shares').values({ org_id: w.acme, contact_id: contact.id, grantee_user_id: null, grantee_team_id: w.sales, level: 2 }).execute();

    expect((await c.deleteTeam(w.sales, { as: w.ada.token })).status).toBe(204);
    expect(await teamsOf(w.ada.token)).toEqual([]);
    expect((await c.listGrants({ as: w.ada.token })).body.items).toEqual([]);
    expect(await t.handle.db.selectFrom('contact_shares').select('id').where('grantee_team_id', '=', w.sales).execute()).toEqual([]);
    const entry = (await c.listAudit({ as: w.ada.token })).body.items[0];
    expect(entry).toMatchObject({ action: 'team.delete', targetId: w.sales, after: null, before: { name: 'Sales', memberIds: [w.ben.id, w.cat.id] } });
    expect(entry.before.removed.userGrants.map((g: { id: string }) => g.id)).toEqual([grant.body.grant.id]);
    expect(entry.before.removed.contactShares).toHaveLength(1);
    expect((await c.verifyAudit({ as: w.ada.token })).body.valid).toBe(true);
  });

  it.each(refusedCallers)('refuses %s and keeps the team', async (_l, as, expected) => {
    const w = await withSales();
    expect(outcome(await c.deleteTeam(w.sales, { as: as(w) }))).toEqual(expected);
    expect(await teamsOf(w.ada.token)).toHaveLength(1);
  });

  it('answers 404 for another org’s admin and for a second delete', async () => {
    const w = await withSales();
    expect(outcome(await c.deleteTeam(w.sales, { as: w.oz.token }))).toEqual(TEAM_NOT_FOUND);
    expect((await c.deleteTeam(w.sales, { as: w.ada.token })).status).toBe(204);
    expect(outcome(await c.deleteTeam(w.sales, { as: w.ada.token }))).toEqual(TEAM_NOT_FOUND);
  });
});

describe('audit of team changes', () => {
  it('records create, rename and membership changes with before and after; an unchanged member list records nothing', async () => {
    const w = await buildWorld(t);
    const team = (await c.createTeam({ name: 'Ops', memberIds: [w.ben.id] }, { as: w.ada.token })).body.team;
    await c.renameTeam(team.id, { name: 'Operations' }, { as: w.ada.token });
    await c.setTeamMembers(team.id, { memberIds: [w.ben.id, w.cat.id] }, { as: w.ada.token });
    await c.setTeamMembers(team.id, { memberIds: [w.cat.id, w.ben.id] }, { as: w.ada.token });
    const items = (await c.listAudit({ as: w.ada.token })).body.items;
    expect(items.map((e: { action: string }) => e.action)).toEqual(['team.members.change', 'team.rename', 'team.create']);
    expect(items[0]).toMatchObject({ actorId: w.ada.id, targetType: 'team', targetId: team.id, before: { memberIds: [w.ben.id] }, after: { memberIds: [w.ben.id, w.cat.id] } });
    expect(items[1]).toMatchObject({ before: { name: 'Ops' }, after: { name: 'Operations' } });
  });
});
