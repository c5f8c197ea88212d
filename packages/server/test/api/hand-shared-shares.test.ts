// The shares of templates, pipelines and programs (spec §6.6, api.md: "as bucket shares, levels view or edit"): one
// mechanism for the three (domain/hand-shared, routes/hand-shared-shares.ts), tested here on each. The owner or an
// admin lists, shares, changes and revokes; a sharee sees 403; anyone who cannot see the record, and every other org,
// 404 exactly as for a missing id; every change is audited with the share before and after.
import { HAND_SHARED, type HandShared } from '@tandem/core';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp();
const { api } = t;
const V1 = '/api/v1';
const PATH: Record<HandShared, string> = { template: 'templates', pipeline: 'pipelines', program: 'programs' };
const NOT_FOUND: Record<HandShared, string> = { template: 'TANDEM_TEMPLATE_NOT_FOUND', pipeline: 'TANDEM_PIPELINE_NOT_FOUND', program: 'TANDEM_PROGRAM_NOT_FOUND' };
type Share = { id: string; resourceId: string; level: string; grantee: { userId?: string; teamId?: string }; active: boolean; expiresAt: string | null };

/** Ben owns one record of `resource`; Ada is an admin; Cat and Dan are members (Dan in team Sales); Oz is Globex's admin. */
async function world(resource: HandShared) {
  const w = await t.world({
    orgs: { acme: {}, globex: {} },
    users: { ada: { role: 'admin' }, ben: {}, cat: {}, dan: {}, oz: { role: 'admin', org: 'globex' } },
    teams: { sales: { members: ['dan'] } },
  });
  const id = randomUUID();
  const table = sql.table(PATH[resource]);
  if (resource === 'template') {
    await sql`INSERT INTO ${table} (org_id, id, owner_id, name, body) VALUES (${w.orgId}, ${id}, ${w.users.ben.id}, 'Welcome', 'Hi {{contact.firstName}}')`.execute(t.db);
  } else {
    await sql`INSERT INTO ${table} (org_id, id, owner_id, name) VALUES (${w.orgId}, ${id}, ${w.users.ben.id}, 'Onboarding')`.execute(t.db);
  }
  const url = `${V1}/${PATH[resource]}/${id}/shares`;
  const as = (user: { token: string }) => ({ as: user.token });
  return {
    ...w, id,
    list: (user: { token: string }) => api.call<{ 200: { items: Share[] } }>('GET', url, as(user)),
    share: (user: { token: string }, body: object) => api.call<{ 201: { share: Share } }>('POST', url, { ...as(user), body }),
    change: (user: { token: string }, shareId: string, body: object) => api.call<{ 200: { share: Share } }>('PATCH', `${url}/${shareId}`, { ...as(user), body }),
    revoke: (user: { token: string }, shareId: string) => api.call('DELETE', `${url}/${shareId}`, as(user)),
  };
}

describe.each(HAND_SHARED)('%s shares', (resource) => {
  it('the owner shares with a user at view and a team at edit; the list shows both, active', async () => {
    const w = await world(resource);
    const cat = expectStatus(await w.share(w.users.ben, { grantee: { userId: w.users.cat.id }, level: 'view' }), 201).share;
    expect(cat).toMatchObject({ resourceId: w.id, level: 'view', grantee: { userId: w.users.cat.id }, active: true });
    const sales = expectStatus(await w.share(w.users.ben, { grantee: { teamId: w.teams.sales }, level: 'edit', expiresAt: '2026-02-01T00:00:00Z' }), 201).share;
    expect(sales).toMatchObject({ level: 'edit', grantee: { teamId: w.teams.sales }, expiresAt: '2026-02-01T00:00:00.000Z' });
    const listed = expectStatus(await w.list(w.users.ben), 200).items;
    // Oldest first, then by id: both were made at the same frozen instant here.
    expect(listed.map((s) => s.id)).toEqual([cat.id, sales.id].sort());
  });

  it('refuses collaborate (only view or edit), the owner as grantee, and a window already over', async () => {
    const w = await world(resource);
    expect(outcome(await w.share(w.users.ben, { grantee: { userId: w.users.cat.id }, level: 'collaborate' }))).toMatchObject({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(outcome(await w.share(w.users.ben, { grantee: { userId: w.users.ben.id }, level: 'view' }))).toEqual({ status: 400, code: 'TANDEM_SHARE_GRANTEE_IS_OWNER' });
    expect(outcome(await w.share(w.users.ben, { grantee: { userId: w.users.cat.id }, level: 'view', expiresAt: '2020-01-01T00:00:00Z' })).status).toBe(400);
    expect(outcome(await w.share(w.users.ben, { grantee: { userId: w.users.oz.id }, level: 'view' }))).toEqual({ status: 404, code: 'TANDEM_USER_NOT_FOUND' });
    expect(expectStatus(await w.list(w.users.ben), 200).items).toEqual([]);
  });

  it('a sharee (even at edit) sees 403; a member it is not shared with, a sharee after expiry and another org see 404', async () => {
    const w = await world(resource);
    const edit = expectStatus(await w.share(w.users.ben, { grantee: { userId: w.users.cat.id }, level: 'edit', expiresAt: '2026-01-06T09:00:00Z' }), 201).share;
    expect(outcome(await w.list(w.users.cat))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await w.share(w.users.cat, { grantee: { userId: w.users.dan.id }, level: 'view' }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await w.revoke(w.users.cat, edit.id))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    const absent = { status: 404, code: NOT_FOUND[resource] };
    expect(outcome(await w.list(w.users.dan))).toEqual(absent);
    expect(outcome(await w.list(w.users.oz))).toEqual(absent);
    t.clock.set('2026-01-06T09:00:00Z');
    expect(outcome(await w.list(w.users.cat))).toEqual(absent);
    // A missing id answers the same.
    expect(outcome(await api.call('GET', `${V1}/${PATH[resource]}/${randomUUID()}/shares`, { as: w.users.ben.token }))).toEqual(absent);
    expect(outcome(await api.call('GET', `${V1}/${PATH[resource]}/not-an-id/shares`, { as: w.users.ben.token }))).toEqual(absent);
  });

  it('an admin changes and revokes; each change is audited once with before and after; a revoked share is gone (404)', async () => {
    const w = await world(resource);
    const share = expectStatus(await w.share(w.users.ben, { grantee: { userId: w.users.cat.id }, level: 'view' }), 201).share;
    const changed = expectStatus(await w.change(w.users.ada, share.id, { level: 'edit' }), 200).share;
    expect(changed).toMatchObject({ id: share.id, level: 'edit' });
    expectStatus(await w.change(w.users.ada, share.id, { level: 'edit' }), 200);
    expect(outcome(await w.revoke(w.users.ada, share.id)).status).toBe(204);
    expect(outcome(await w.revoke(w.users.ben, share.id))).toEqual({ status: 404, code: 'TANDEM_SHARE_NOT_FOUND' });
    const entries = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'target_type', 'target_id', 'before', 'after'])
      .where('org_id', '=', w.orgId).where('action', 'like', `${resource}.share.%`).orderBy('seq').execute();
    const key = `${resource}Id`;
    expect(entries).toMatchObject([
      { action: `${resource}.share.create`, actor_id: w.users.ben.id, target_type: resource, target_id: w.id, before: null, after: { id: share.id, [key]: w.id, level: 'view' } },
      { action: `${resource}.share.update`, actor_id: w.users.ada.id, before: { level: 'view' }, after: { level: 'edit' } },
      { action: `${resource}.share.revoke`, actor_id: w.users.ada.id, before: { id: share.id, level: 'edit' }, after: null },
    ]);
    expect(entries).toHaveLength(3);
  });

  it('a deactivated owner\'s record is still managed by an admin; the deactivated owner is signed out', async () => {
    const w = await world(resource);
    await t.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', w.users.ben.id).execute();
    expect(outcome(await w.list(w.users.ben)).status).toBe(401);
    expectStatus(await w.share(w.users.ada, { grantee: { userId: w.users.cat.id }, level: 'view' }), 201);
  });
});
