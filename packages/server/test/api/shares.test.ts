// Record shares (spec §6.1): who may share and at which levels, windows, teams, validation, the orphaned-share
// rule, the share list, and the audit trail.
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome } from './support/api-client.ts';
import { roleWorld } from './support/role-world.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp();
const { api } = t;

/** Acme: admin Ada, members Ben, Cat, Dan and Eve, team Sales = {Cat}; Ben creates Zoe through the API. */
async function world() {
  const w = await t.world({ users: { ben: {}, cat: {}, dan: {}, eve: {}, ada: { role: 'admin' } }, teams: { sales: { members: ['cat'] } } });
  const zoe = expectStatus(await api.contacts.create({ name: 'Zoe' }, { as: w.users.ben.token }), 201).contact;
  const share = async (as: string, body: object) => api.shares.create(zoe.id, body, { as });
  return { orgId: w.orgId, ...w.users, teams: w.teams, zoe, share };
}

describe('POST /contacts/:id/shares', () => {
  it('answers the Share shape and gives the grantee that level at once', async () => {
    const { ben, cat, zoe, share } = await world();
    const created = expectStatus(await share(ben.token, { grantee: { userId: cat.id }, level: 'collaborate', expiresAt: '2026-01-09T17:00:00Z' }), 201).share;
    expect(created).toEqual({
      id: expect.any(String), contactId: zoe.id, grantee: { userId: cat.id }, granteeName: 'Cat', level: 'collaborate',
      startsAt: null, expiresAt: '2026-01-09T17:00:00.000Z', createdBy: ben.id, createdAt: '2026-01-05T09:00:00.000Z', active: true,
    });
    const seen = expectStatus(await api.contacts.get(zoe.id, { as: cat.token }), 200).contact;
    expect(seen.access).toMatchObject({ level: 'collaborate', shared: true, shareLevels: [] });
    expect(seen.access.actions).toEqual(expect.arrayContaining(['contact.readHistory', 'contact.message', 'contact.logNote']));
    expect(seen.access.actions).not.toContain('contact.edit');
  });

  it('an editor shares onward up to edit; the new grantee can share in turn', async () => {
    const { ben, cat, dan, eve, zoe, share } = await world();
    expectStatus(await share(ben.token, { grantee: { userId: cat.id }, level: 'edit' }), 201);
    const catView = expectStatus(await api.contacts.get(zoe.id, { as: cat.token }), 200).contact;
    expect(catView.access.shareLevels).toEqual(['view', 'collaborate', 'edit']);
    expectStatus(await share(cat.token, { grantee: { userId: dan.id }, level: 'edit' }), 201);
    expectStatus(await share(dan.token, { grantee: { userId: eve.id }, level: 'view' }), 201);
    expect(expectStatus(await api.contacts.get(zoe.id, { as: eve.token }), 200).contact.access.level).toBe('view');
  });

  it('an admin may share any contact up to edit (and is audited when sharing with themselves)', async () => {
    const { orgId, ada, cat, zoe, share } = await world();
    expect(expectStatus(await api.contacts.get(zoe.id, { as: ada.token }), 200).contact.access.shareLevels).toEqual(['view', 'collaborate', 'edit']);
    expectStatus(await share(ada.token, { grantee: { userId: cat.id }, level: 'edit' }), 201);
    expectStatus(await share(ada.token, { grantee: { userId: ada.id }, level: 'view' }), 201);
    const log = await t.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('action', '=', 'contact.share.create').execute();
    expect(log.map((e) => [e.actor_id, (e.after as { grantee: object }).grantee])).toEqual([[ada.id, { userId: cat.id }], [ada.id, { userId: ada.id }]]);
  });

  it('a team share reaches each current member; membership changes apply on the next request', async () => {
    const { orgId, ben, cat, dan, zoe, share, teams } = await world();
    const team = teams.sales;
    const created = expectStatus(await share(ben.token, { grantee: { teamId: team }, level: 'view' }), 201).share;
    expect(created).toMatchObject({ grantee: { teamId: team }, granteeName: 'Sales' });
    expect((await api.contacts.get(zoe.id, { as: cat.token })).status).toBe(200);
    expect((await api.contacts.get(zoe.id, { as: dan.token })).status).toBe(404);
    await t.db.insertInto('team_members').values({ org_id: orgId, team_id: team, user_id: dan.id }).execute();
    await t.db.deleteFrom('team_members').where('user_id', '=', cat.id).execute();
    expect((await api.contacts.get(zoe.id, { as: dan.token })).status).toBe(200);
    expect((await api.contacts.get(zoe.id, { as: cat.token })).status).toBe(404);
  });

  it('windows: a future share gives nothing yet; an expired one nothing any more; several shares, the highest active wins', async () => {
    const { ben, cat, zoe, share } = await world();
    expectStatus(await share(ben.token, { grantee: { userId: cat.id }, level: 'view' }), 201);
    expectStatus(await share(ben.token, { grantee: { userId: cat.id }, level: 'edit', startsAt: '2026-01-06T00:00:00Z', expiresAt: '2026-01-07T00:00:00Z' }), 201);
    const level = async () => expectStatus(await api.contacts.get(zoe.id, { as: cat.token }), 200).contact.access.level;
    expect(await level()).toBe('view');
    t.clock.set('2026-01-06T00:00:00Z');
    expect(await level()).toBe('edit');
    t.clock.set('2026-01-07T00:00:00Z');
    expect(await level()).toBe('view');
    const list = expectStatus(await api.shares.list(zoe.id, { as: ben.token }), 200);
    expect(list.items.map((s) => `${s.level}:${s.active}`).sort()).toEqual(['edit:false', 'view:true']);
    expect(list.nextCursor).toBeNull();
  });

  it('rejects bad grantees and windows', async () => {
    const { ben, zoe, share } = await world();
    const other = await world();
    const cases: [object, number, string][] = [
      [{ grantee: { userId: '00000000-0000-4000-8000-000000000000' }, level: 'view' }, 404, 'TANDEM_USER_NOT_FOUND'],
      [{ grantee: { userId: other.cat.id }, level: 'view' }, 404, 'TANDEM_USER_NOT_FOUND'],
      [{ grantee: { userId: 'nope' }, level: 'view' }, 404, 'TANDEM_USER_NOT_FOUND'],
      [{ grantee: { teamId: '00000000-0000-4000-8000-000000000000' }, level: 'view' }, 404, 'TANDEM_TEAM_NOT_FOUND'],
      [{ grantee: { userId: ben.id }, level: 'view' }, 400, 'TANDEM_SHARE_GRANTEE_IS_OWNER'],
      [{ grantee: { userId: other.cat.id }, level: 'owner' }, 400, 'TANDEM_INPUT_INVALID'],
      [{ grantee: { userId: other.cat.id }, level: 'profile' }, 400, 'TANDEM_INPUT_INVALID'],
      [{ grantee: {}, level: 'view' }, 400, 'TANDEM_INPUT_INVALID'],
      [{ grantee: { userId: ben.id, teamId: ben.id }, level: 'view' }, 400, 'TANDEM_INPUT_INVALID'],
      [{ grantee: { userId: ben.id }, level: 'view', expiresAt: 'tomorrow' }, 400, 'TANDEM_INPUT_INVALID'],
    ];
    for (const [body, status, code] of cases) {
      const res = await share(ben.token, body);
      expect(outcome(res), JSON.stringify(body)).toEqual({ status, code });
    }
    expect(expectStatus(await api.shares.list(zoe.id, { as: ben.token }), 200).items).toEqual([]);
  });

  it('rejects windows that end before they start or have already ended', async () => {
    const { ben, cat, share } = await world();
    for (const body of [
      { grantee: { userId: cat.id }, level: 'view', startsAt: '2026-02-01T00:00:00Z', expiresAt: '2026-01-20T00:00:00Z' },
      { grantee: { userId: cat.id }, level: 'view', expiresAt: '2026-01-05T09:00:00Z' },
    ]) {
      const res = await share(ben.token, body);
      expect(outcome(res)).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    }
  });
});

describe('PATCH and DELETE /contacts/:id/shares/:shareId', () => {
  it('changes level and window, and revokes; each audited with before and after', async () => {
    const { orgId, ben, cat, zoe, share } = await world();
    const s = expectStatus(await share(ben.token, { grantee: { userId: cat.id }, level: 'view' }), 201).share;
    const changed = expectStatus(await api.shares.update(zoe.id, s.id, { level: 'edit', expiresAt: '2026-02-01T00:00:00Z' }, { as: ben.token }), 200).share;
    expect(changed).toMatchObject({ id: s.id, level: 'edit', startsAt: null, expiresAt: '2026-02-01T00:00:00.000Z', createdBy: ben.id });
    expect(expectStatus(await api.contacts.get(zoe.id, { as: cat.token }), 200).contact.access.level).toBe('edit');
    const cleared = expectStatus(await api.shares.update(zoe.id, s.id, { expiresAt: null }, { as: ben.token }), 200).share;
    expect(cleared.expiresAt).toBeNull();
    expect((await api.shares.update(zoe.id, s.id, { expiresAt: '2026-01-01T00:00:00Z' }, { as: ben.token })).status).toBe(400);
    expectStatus(await api.shares.revoke(zoe.id, s.id, { as: ben.token }), 204);
    expect((await api.contacts.get(zoe.id, { as: cat.token })).status).toBe(404);
    const log = await t.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).orderBy('seq').execute();
    expect(log.map((e) => e.action)).toEqual(['contact.create', 'contact.share.create', 'contact.share.update', 'contact.share.update', 'contact.share.revoke']);
    expect(log[2]?.before).toMatchObject({ level: 'view', expiresAt: null });
    expect(log[2]?.after).toMatchObject({ level: 'edit', expiresAt: '2026-02-01T00:00:00.000Z' });
    expect(log[4]?.before).toMatchObject({ id: s.id, level: 'edit' });
    expect(log[4]?.after).toBeNull();
  });

  it('a missing share, or a share of another contact, is 404 TANDEM_SHARE_NOT_FOUND', async () => {
    const { ben, cat, zoe, share } = await world();
    const s = expectStatus(await share(ben.token, { grantee: { userId: cat.id }, level: 'view' }), 201).share;
    const other = expectStatus(await api.contacts.create({ name: 'Other' }, { as: ben.token }), 201).contact;
    for (const [contactId, shareId] of [[other.id, s.id], [zoe.id, 'nope'], [zoe.id, '00000000-0000-4000-8000-000000000000']] as const) {
      const res = await api.shares.revoke(contactId, shareId, { as: ben.token });
      expect(outcome(res)).toEqual({ status: 404, code: 'TANDEM_SHARE_NOT_FOUND' });
    }
  });

  it('a share lives on when its creator loses access; then only the owner or an admin may change or revoke it', async () => {
    const { ben, cat, dan, eve, ada, zoe, share } = await world();
    const catShare = expectStatus(await share(ben.token, { grantee: { userId: cat.id }, level: 'edit' }), 201).share;
    expectStatus(await share(ben.token, { grantee: { userId: eve.id }, level: 'edit' }), 201);
    const danShare = expectStatus(await share(cat.token, { grantee: { userId: dan.id }, level: 'collaborate' }), 201).share;
    // While Cat still holds edit, Eve (another editor) may change Cat's share to Dan.
    expectStatus(await api.shares.update(zoe.id, danShare.id, { level: 'view' }, { as: eve.token }), 200);
    // Ben takes Cat's access away; Dan's share lives on.
    expectStatus(await api.shares.revoke(zoe.id, catShare.id, { as: ben.token }), 204);
    expect(expectStatus(await api.contacts.get(zoe.id, { as: dan.token }), 200).contact.access.level).toBe('view');
    expect((await api.shares.revoke(zoe.id, danShare.id, { as: cat.token })).status).toBe(404);
    const refused = await api.shares.revoke(zoe.id, danShare.id, { as: eve.token });
    expect(outcome(refused)).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect((await api.shares.update(zoe.id, danShare.id, { level: 'collaborate' }, { as: eve.token })).status).toBe(403);
    expectStatus(await api.shares.update(zoe.id, danShare.id, { level: 'collaborate' }, { as: ada.token }), 200);
    expectStatus(await api.shares.revoke(zoe.id, danShare.id, { as: ben.token }), 204);
  });

  it('a viewer or collaborator cannot touch any share, not even their own', async () => {
    const w = await roleWorld(t);
    const { contactId, viewerShareId } = await w.freshContact();
    for (const role of ['viewer', 'collaborator', 'teamMember', 'bucketMember'] as const) {
      const res = await api.shares.revoke(contactId, viewerShareId, { as: w.users[role].token });
      expect({ role, ...outcome(res) }).toEqual({ role, status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    }
  });
});

describe('GET /contacts/:id/shares', () => {
  it('lists every share with grantee names, including shares naming deactivated users as inactive', async () => {
    const w = await roleWorld(t);
    const { contactId } = await w.freshContact();
    const list = expectStatus(await api.shares.list(contactId, { as: w.users.editor.token }), 200).items;
    expect(list.map((s) => `${s.granteeName}:${s.level}:${s.active}`).sort())
      .toEqual(['Colin:collaborate:true', 'Dora:edit:false', 'Edith:edit:true', 'Sales:collaborate:true', 'Vera:view:true']);
  });
});
