// Racing writes on one record succeed once, with one audit entry, on PGlite and PostgreSQL alike (issue item 6).
// Before: on PostgreSQL, five parallel DELETEs of one share all answered 204 and each wrote `contact.share.revoke`
// (10 tries out of 10); PGlite, which runs one transaction at a time, gave one 204 and four 404s. Each race below
// fires PARALLEL identical (or conflicting) requests at once, ROUNDS times, and checks the answers, the audit
// entries and the chain. The losers answer what they would have a moment later (404, or 409 for the wrong state).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createUser, type FixtureUser } from '../fixtures/org-fixture.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { buildTestApp, call, type Answer, type TestApp } from '../support/harness.ts';

const V1 = '/api/v1';
const PARALLEL = 5;
const ROUNDS = 4;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describe.each(DATABASE_KINDS)('racing writes on %s', (kind) => {
  let t: TestApp;
  let orgId: string;
  let ada: FixtureUser;
  let ben: FixtureUser;
  let cat: FixtureUser;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    t.clock.set('2026-01-05T09:00:00Z');
    orgId = await createOrg(t.handle.db, 'Acme');
    ada = await createUser(t.handle.db, orgId, { name: 'Ada', role: 'admin' });
    ben = await createUser(t.handle.db, orgId, { name: 'Ben' });
    cat = await createUser(t.handle.db, orgId, { name: 'Cat' });
  });
  afterAll(async () => t.close());

  const as = (user: FixtureUser) => user.token;

  async function ok<T = Record<string, unknown>>(method: Method, url: string, token: string, body?: unknown): Promise<T> {
    const res = await call(t.app, method, url, { as: token, ...(body === undefined ? {} : { body }) });
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  /** Fires every request at once; answers in request order. */
  async function all(requests: { method: Method; url: string; token: string; body?: unknown }[]): Promise<Answer[]> {
    return Promise.all(requests.map((r) => call(t.app, r.method, r.url, { as: r.token, ...(r.body === undefined ? {} : { body: r.body }) })));
  }

  const times = (n: number, method: Method, url: string, token: string, body?: unknown) => Array.from({ length: n }, () => ({ method, url, token, body }));
  const outcome = (answers: Answer[]) => answers.map((a) => (a.status < 300 ? String(a.status) : `${a.status} ${a.body.code}`)).sort();

  async function entries(action: string, targetId: string) {
    const rows = await t.handle.db.selectFrom('audit_log').select(['seq', 'before', 'after']).where('org_id', '=', orgId)
      .where('action', '=', action).where('target_id', '=', targetId).orderBy('seq').execute();
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown> | null;
    return rows.map((r) => ({ before: parse(r.before), after: parse(r.after) }));
  }

  async function chainIsValid(): Promise<void> {
    const verdict = await ok<{ valid: boolean }>('GET', `${V1}/audit/verify`, as(ada));
    expect(verdict.valid).toBe(true);
  }

  async function contactWithShare(level = 'view') {
    const contact = (await ok<{ contact: { id: string } }>('POST', `${V1}/contacts`, as(ben), { name: 'Zoe' })).contact;
    const share = (await ok<{ share: { id: string } }>('POST', `${V1}/contacts/${contact.id}/shares`, as(ben), { grantee: { userId: cat.id }, level })).share;
    return { contactId: contact.id, shareId: share.id, url: `${V1}/contacts/${contact.id}/shares/${share.id}` };
  }

  it('parallel revokes of one contact share: one 204, the rest 404, one audit entry', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { contactId, shareId, url } = await contactWithShare();
      const answers = await all(times(PARALLEL, 'DELETE', url, as(ben)));
      expect(outcome(answers)).toEqual(['204', ...Array(PARALLEL - 1).fill('404 TANDEM_SHARE_NOT_FOUND')]);
      const revoked = await entries('contact.share.revoke', contactId);
      expect(revoked).toHaveLength(1);
      expect(revoked[0]?.before).toMatchObject({ id: shareId, level: 'view' });
    }
    await chainIsValid();
  });

  it('parallel identical level changes of one share: each answers the share, one audit entry (the others change nothing)', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { contactId, url } = await contactWithShare();
      const answers = await all(times(PARALLEL, 'PATCH', url, as(ben), { level: 'edit' }));
      expect(outcome(answers)).toEqual(Array(PARALLEL).fill('200'));
      expect(answers.every((a) => a.body.share.level === 'edit')).toBe(true);
      const updates = await entries('contact.share.update', contactId);
      expect(updates.map((u) => [u.before?.level, u.after?.level])).toEqual([['view', 'edit']]);
    }
    await chainIsValid();
  });

  it('parallel different level changes of one share apply one after another: every entry starts where the last ended', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { contactId, url } = await contactWithShare();
      const levels = ['collaborate', 'edit', 'view', 'edit', 'collaborate'];
      const answers = await all(levels.map((level) => ({ method: 'PATCH' as const, url, token: as(ben), body: { level } })));
      expect(outcome(answers)).toEqual(Array(PARALLEL).fill('200'));
      const updates = await entries('contact.share.update', contactId);
      let level = 'view';
      for (const u of updates) {
        expect(u.before?.level).toBe(level);
        expect(u.after?.level).not.toBe(level);
        level = u.after?.level as string;
      }
      const now = await ok<{ items: { level: string }[] }>('GET', `${V1}/contacts/${contactId}/shares`, as(ben));
      expect(now.items.map((s) => s.level)).toEqual([level]);
    }
    await chainIsValid();
  });

  it('a revoke racing level changes and deletes: revoked once, last; a change after it answers 404', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { contactId, url } = await contactWithShare();
      const answers = await all([
        { method: 'PATCH', url, token: as(ben), body: { level: 'edit' } },
        { method: 'DELETE', url, token: as(ben) },
        { method: 'PATCH', url, token: as(ada), body: { level: 'collaborate' } },
        { method: 'DELETE', url, token: as(ada) },
        { method: 'PATCH', url, token: as(ben), body: { level: 'view' } },
      ]);
      const [revokes, patches] = [[answers[1], answers[3]], [answers[0], answers[2], answers[4]]] as [Answer[], Answer[]];
      expect(outcome(revokes)).toEqual(['204', '404 TANDEM_SHARE_NOT_FOUND']);
      for (const p of patches) expect(['200', '404 TANDEM_SHARE_NOT_FOUND']).toContain(outcome([p])[0]);
      const revoked = await entries('contact.share.revoke', contactId);
      const updates = await entries('contact.share.update', contactId);
      expect(revoked).toHaveLength(1);
      // The revocation saw the share as the last change before it left it.
      expect(revoked[0]?.before?.level).toBe(updates.length ? updates[updates.length - 1]?.after?.level : 'view');
      const seqs = await t.handle.db.selectFrom('audit_log').select(['seq', 'action']).where('org_id', '=', orgId).where('target_id', '=', contactId)
        .where('action', 'like', 'contact.share.%').orderBy('seq').execute();
      expect(seqs[seqs.length - 1]?.action).toBe('contact.share.revoke');
    }
    await chainIsValid();
  });

  it('parallel revokes of one bucket share: one 204, the rest 404, one audit entry', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const bucket = (await ok<{ bucket: { id: string } }>('POST', `${V1}/buckets`, as(ben), { name: `Leads ${round}` })).bucket;
      const share = (await ok<{ share: { id: string } }>('POST', `${V1}/buckets/${bucket.id}/shares`, as(ben), { grantee: { userId: cat.id }, level: 'view' })).share;
      const answers = await all([...times(3, 'DELETE', `${V1}/buckets/${bucket.id}/shares/${share.id}`, as(ben)), ...times(2, 'DELETE', `${V1}/buckets/${bucket.id}/shares/${share.id}`, as(ada))]);
      expect(outcome(answers)).toEqual(['204', ...Array(PARALLEL - 1).fill('404 TANDEM_SHARE_NOT_FOUND')]);
      const revoked = await entries('bucket.share.revoke', bucket.id);
      expect(revoked).toHaveLength(1);
      expect(revoked[0]?.before).toMatchObject({ id: share.id, bucketId: bucket.id, grantee: { userId: cat.id }, level: 'view' });
    }
    await chainIsValid();
  });

  it('parallel trashes of one contact: one 204, the rest 409 (already in the trash), one audit entry; restores likewise', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const contact = (await ok<{ contact: { id: string } }>('POST', `${V1}/contacts`, as(ben), { name: 'Zoe' })).contact;
      const trashed = await all(times(PARALLEL, 'DELETE', `${V1}/contacts/${contact.id}`, as(ben)));
      expect(outcome(trashed)).toEqual(['204', ...Array(PARALLEL - 1).fill('409 TANDEM_CONTACT_WRONG_STATE')]);
      expect(await entries('contact.delete', contact.id)).toHaveLength(1);
      const restored = await all(times(PARALLEL, 'POST', `${V1}/contacts/${contact.id}/restore`, as(ben)));
      expect(outcome(restored)).toEqual(['200', ...Array(PARALLEL - 1).fill('409 TANDEM_CONTACT_WRONG_STATE')]);
      expect(await entries('contact.restore', contact.id)).toHaveLength(1);
    }
    await chainIsValid();
  });

  it('parallel purges of one trashed contact: one 204, the rest 404, one audit entry', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const contact = (await ok<{ contact: { id: string } }>('POST', `${V1}/contacts`, as(ben), { name: 'Zoe' })).contact;
      await ok('DELETE', `${V1}/contacts/${contact.id}`, as(ben));
      const purged = await all(times(PARALLEL, 'POST', `${V1}/contacts/${contact.id}/purge`, as(ben)));
      expect(outcome(purged)).toEqual(['204', ...Array(PARALLEL - 1).fill('404 TANDEM_CONTACT_NOT_FOUND')]);
      expect(await entries('contact.purge', contact.id)).toHaveLength(1);
    }
    await chainIsValid();
  });

  it('parallel revokes of one grant: one 204, the rest 404, one audit entry', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const grant = (await ok<{ grant: { id: string } }>('POST', `${V1}/users/${ben.id}/grants`, as(ada), { grantee: { userId: cat.id }, scope: 'contacts', level: 'view' })).grant;
      const answers = await all(times(PARALLEL, 'DELETE', `${V1}/grants/${grant.id}`, as(ada)));
      expect(outcome(answers)).toEqual(['204', ...Array(PARALLEL - 1).fill('404 TANDEM_GRANT_NOT_FOUND')]);
      expect(await entries('grant.revoke', grant.id)).toHaveLength(1);
    }
    await chainIsValid();
  });

  it('creating a contact is audited as contact.create with its snapshot', async () => {
    const contact = (await ok<{ contact: { id: string } }>('POST', `${V1}/contacts`, as(cat), { name: '  Yann  ', emails: ['yann@example.test'] })).contact;
    expect(await entries('contact.create', contact.id)).toEqual([{ before: null, after: { name: 'Yann', ownerId: cat.id, archivedAt: null, trashedAt: null } }]);
  });
});
