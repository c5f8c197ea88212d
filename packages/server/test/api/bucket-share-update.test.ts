// PATCH /buckets/:id/shares/:shareId (issue 10: "a bucket share's level or window cannot even be changed through
// the API"): the same rule as sharing and revoking the bucket (owner or admin), the window rule of every share,
// audited with before and after, racing changes applied one after the other.
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp();
const { api } = t;

/** Ben owns bucket Key (with Zoe in it) shared with Cat at view; Dan has an edit share; Ada is an admin; Oz is in Globex. */
async function world() {
  const w = await t.world({
    orgs: { acme: {}, globex: {} },
    users: { ada: { role: 'admin' }, ben: {}, cat: {}, dan: {}, eve: {}, oz: { role: 'admin', org: 'globex' } },
    contacts: { zoe: { owner: 'ben' } },
    buckets: { key: { owner: 'ben', contacts: ['zoe'] } },
  });
  const share = (userId: string, level: string) => api.buckets.share(w.buckets.key, { grantee: { userId }, level }, { as: w.users.ben.token });
  const cat = expectStatus(await share(w.users.cat.id, 'view'), 201).share;
  const dan = expectStatus(await share(w.users.dan.id, 'edit'), 201).share;
  return { ...w, catShare: cat, danShare: dan };
}

describe('PATCH /buckets/:id/shares/:shareId', () => {
  it('the owner changes the level and the window; the grantee\'s access follows at once', async () => {
    const w = await world();
    expect(expectStatus(await api.contacts.get(w.contacts.zoe, { as: w.users.cat.token }), 200).contact.access.level).toBe('view');
    const changed = expectStatus(await api.buckets.updateShare(w.buckets.key, w.catShare.id, { level: 'edit', expiresAt: '2026-01-06T09:00:00Z' }, { as: w.users.ben.token }), 200);
    expect(changed.share).toMatchObject({ id: w.catShare.id, bucketId: w.buckets.key, level: 'edit', startsAt: null, expiresAt: '2026-01-06T09:00:00.000Z', active: true });
    expect(expectStatus(await api.contacts.get(w.contacts.zoe, { as: w.users.cat.token }), 200).contact.access.level).toBe('edit');
    t.clock.set('2026-01-06T09:00:00Z');
    expect(outcome(await api.contacts.get(w.contacts.zoe, { as: w.users.cat.token })).status).toBe(404);
    // Opening the end again (null) brings the access back.
    expectStatus(await api.buckets.updateShare(w.buckets.key, w.catShare.id, { expiresAt: null }, { as: w.users.ben.token }), 200);
    expect(expectStatus(await api.contacts.get(w.contacts.zoe, { as: w.users.cat.token }), 200).contact.access.level).toBe('edit');
    const listed = expectStatus(await api.buckets.listShares(w.buckets.key, { as: w.users.ben.token }), 200).items.find((s) => s.id === w.catShare.id);
    expect(listed).toMatchObject({ level: 'edit', expiresAt: null, active: true });
  });

  it('is audited with the share before and after; a change that changes nothing writes no entry', async () => {
    const w = await world();
    expectStatus(await api.buckets.updateShare(w.buckets.key, w.catShare.id, { level: 'collaborate' }, { as: w.users.ada.token }), 200);
    const entries = () => t.db.selectFrom('audit_log').select(['action', 'actor_id', 'target_id', 'before', 'after']).where('org_id', '=', w.orgId)
      .where('action', '=', 'bucket.share.update').execute();
    const [entry] = await entries();
    expect(entry).toMatchObject({
      actor_id: w.users.ada.id, target_id: w.buckets.key,
      before: { id: w.catShare.id, bucketId: w.buckets.key, level: 'view', grantee: { userId: w.users.cat.id } },
      after: { id: w.catShare.id, level: 'collaborate' },
    });
    expectStatus(await api.buckets.updateShare(w.buckets.key, w.catShare.id, { level: 'collaborate' }, { as: w.users.ben.token }), 200);
    expectStatus(await api.buckets.updateShare(w.buckets.key, w.catShare.id, {}, { as: w.users.ben.token }), 200);
    expect(await entries()).toHaveLength(1);
  });

  it('is for the owner and admins only, as sharing is: an edit sharee, a view sharee and strangers may not', async () => {
    const w = await world();
    const patch = { level: 'edit' };
    expect(outcome(await api.buckets.updateShare(w.buckets.key, w.catShare.id, patch, { as: w.users.dan.token }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await api.buckets.updateShare(w.buckets.key, w.catShare.id, patch, { as: w.users.cat.token }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await api.buckets.updateShare(w.buckets.key, w.catShare.id, patch, { as: w.users.eve.token }))).toEqual({ status: 404, code: 'TANDEM_BUCKET_NOT_FOUND' });
    expect(outcome(await api.buckets.updateShare(w.buckets.key, w.catShare.id, patch, { as: w.users.oz.token }))).toEqual({ status: 404, code: 'TANDEM_BUCKET_NOT_FOUND' });
    expect(outcome(await api.buckets.updateShare(w.buckets.key, w.catShare.id, patch))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    // The same answers as creating and revoking a share for the same callers.
    expect(outcome(await api.buckets.revokeShare(w.buckets.key, w.catShare.id, { as: w.users.dan.token })).status).toBe(403);
    expect(outcome(await api.buckets.share(w.buckets.key, { grantee: { userId: w.users.eve.id }, level: 'view' }, { as: w.users.dan.token })).status).toBe(403);
    expect(expectStatus(await api.buckets.listShares(w.buckets.key, { as: w.users.ben.token }), 200).items.find((s) => s.id === w.catShare.id)?.level).toBe('view');
  });

  it('a share of another bucket, a missing or malformed share id answers 404', async () => {
    const w = await world();
    const other = expectStatus(await api.buckets.create({ name: 'Other' }, { as: w.users.ben.token }), 201).bucket.id;
    for (const [bucket, share] of [[other, w.catShare.id], [w.buckets.key, '00000000-0000-4000-8000-000000000000'], [w.buckets.key, 'nope']] as const) {
      expect(outcome(await api.buckets.updateShare(bucket, share, { level: 'edit' }, { as: w.users.ben.token }))).toEqual({ status: 404, code: 'TANDEM_SHARE_NOT_FOUND' });
    }
  });

  it('checks the level and the window as sharing does', async () => {
    const w = await world();
    const as = { as: w.users.ben.token };
    for (const body of [{ level: 'owner' }, { level: 'profile' }, { expiresAt: '2026-01-05T08:00:00Z' }, { startsAt: '2026-02-01T00:00:00Z', expiresAt: '2026-01-10T00:00:00Z' },
      { expiresAt: 'tomorrow' }, { grantee: { userId: w.users.eve.id } }]) {
      expect(outcome(await api.buckets.updateShare(w.buckets.key, w.danShare.id, body, as)), JSON.stringify(body)).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    }
    // A start in the future switches the share off until then.
    expectStatus(await api.buckets.updateShare(w.buckets.key, w.danShare.id, { startsAt: '2026-01-10T00:00:00Z' }, as), 200);
    expect(outcome(await api.contacts.get(w.contacts.zoe, { as: w.users.dan.token })).status).toBe(404);
  });

  it('racing changes apply one after the other', async () => {
    const w = await world();
    const levels = ['edit', 'collaborate', 'edit', 'collaborate'];
    const answers = await Promise.all(levels.map((level) => api.buckets.updateShare(w.buckets.key, w.catShare.id, { level }, { as: w.users.ben.token })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const entries = await t.db.selectFrom('audit_log').select(['before', 'after']).where('org_id', '=', w.orgId).where('action', '=', 'bucket.share.update').orderBy('seq').execute();
    // Each entry's before is the previous entry's after.
    for (let i = 1; i < entries.length; i += 1) expect(entries[i]?.before).toEqual(entries[i - 1]?.after);
  });
});
