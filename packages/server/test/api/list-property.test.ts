// Property: for random worlds, every contact a list or search returns passes a single-record GET (at the same
// level), and every contact a single-record GET shows appears in the unfiltered list of its state (all pages).
import { levelRank, type GrantLevel, type ShareLevel } from '@tandem/core';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTeam, createUser, createUserGrant, type FixtureUser } from '../fixtures/org-fixture.ts';
import { buildTestApp, type TestApp } from '../support/harness.ts';
import { contactsClient, expectStatus, type ContactClient } from './support/contacts-client.ts';

let t: TestApp;
let client: ContactClient;
beforeAll(async () => {
  t = await buildTestApp();
  client = contactsClient(t.app);
});
afterAll(async () => t.close());

const NOW = Date.parse('2026-01-05T09:00:00Z');
const HOUR = 3_600_000;
const USERS = 4;

const windowArb = fc.constantFrom('none', 'active', 'expired', 'future');
const toWindow = (w: string): { startsAt?: Date; expiresAt?: Date } => {
  if (w === 'active') return { startsAt: new Date(NOW - HOUR), expiresAt: new Date(NOW + HOUR) };
  if (w === 'expired') return { expiresAt: new Date(NOW - HOUR) };
  if (w === 'future') return { startsAt: new Date(NOW + HOUR) };
  return {};
};
const granteeArb = fc.oneof(fc.record({ user: fc.nat(USERS - 1) }), fc.record({ team: fc.nat(1) }));
const shareLevel = fc.constantFrom<ShareLevel>('view', 'collaborate', 'edit');

const worldArb = fc.record({
  shareAll: fc.boolean(),
  roles: fc.array(fc.constantFrom<'admin' | 'member'>('admin', 'member', 'member'), { minLength: USERS, maxLength: USERS }),
  deactivated: fc.array(fc.boolean(), { minLength: USERS, maxLength: USERS }),
  teams: fc.array(fc.array(fc.nat(USERS - 1), { maxLength: 3 }), { minLength: 2, maxLength: 2 }),
  contacts: fc.array(fc.record({
    name: fc.constantFrom('Ann', 'anna', 'Bob', 'Bobby', 'Cy', 'Ann'),
    owner: fc.nat(USERS - 1),
    state: fc.constantFrom('active', 'active', 'archived', 'trashed'),
    buckets: fc.subarray([0, 1]),
  }), { maxLength: 9 }),
  shares: fc.array(fc.record({ contact: fc.nat(8), grantee: granteeArb, level: shareLevel, window: windowArb }), { maxLength: 8 }),
  grants: fc.array(fc.record({ owner: fc.nat(USERS - 1), grantee: granteeArb, level: fc.constantFrom<GrantLevel>('view', 'edit'), window: windowArb }), { maxLength: 4 }),
  bucketShares: fc.array(fc.record({ bucket: fc.nat(1), grantee: granteeArb, level: shareLevel, window: windowArb }), { maxLength: 4 }),
});
type Spec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

async function build(spec: Spec) {
  const db = t.handle.db;
  const orgId = await createOrg(db, 'Prop', { share_all_contacts: spec.shareAll });
  const users: FixtureUser[] = [];
  for (let i = 0; i < USERS; i++) users.push(await createUser(db, orgId, { name: `U${i}`, role: spec.roles[i] ?? 'member' }));
  const teams = await Promise.all(spec.teams.map((m, i) => createTeam(db, orgId, `T${i}`, [...new Set(m)].map((u) => users[u]?.id ?? ''))));
  const grantee = (g: { user: number } | { team: number }) => ('user' in g ? { userId: users[g.user]?.id ?? '' } : { teamId: teams[g.team] ?? '' });
  const buckets = await Promise.all([0, 1].map(async (i) => (await db.insertInto('buckets').values({ org_id: orgId, owner_id: users[0]?.id ?? '', name: `B${i}` }).returning('id').executeTakeFirstOrThrow()).id));
  const contacts: string[] = [];
  for (const c of spec.contacts) {
    const row = await db.insertInto('contacts').values({
      org_id: orgId, owner_id: users[c.owner]?.id ?? '', name: c.name, sort_name: c.name.toLowerCase(),
      archived_at: c.state === 'archived' ? new Date(NOW - HOUR) : null, trashed_at: c.state === 'trashed' ? new Date(NOW - HOUR) : null,
    }).returning('id').executeTakeFirstOrThrow();
    contacts.push(row.id);
    for (const b of c.buckets) await db.insertInto('bucket_contacts').values({ org_id: orgId, bucket_id: buckets[b] ?? '', contact_id: row.id }).execute();
  }
  for (const s of spec.shares) {
    const contactId = contacts[s.contact % Math.max(contacts.length, 1)];
    if (!contactId) continue;
    const g = grantee(s.grantee);
    await db.insertInto('contact_shares').values({
      org_id: orgId, contact_id: contactId, level: levelRank(s.level), grantee_user_id: 'userId' in g ? g.userId : null,
      grantee_team_id: 'teamId' in g ? g.teamId : null, starts_at: toWindow(s.window).startsAt ?? null, expires_at: toWindow(s.window).expiresAt ?? null,
    }).execute();
  }
  for (const g of spec.grants) await createUserGrant(db, orgId, { ownerId: users[g.owner]?.id ?? '', grantee: grantee(g.grantee), scope: 'contacts', level: g.level, ...toWindow(g.window) });
  for (const s of spec.bucketShares) {
    const g = grantee(s.grantee);
    await db.insertInto('bucket_shares').values({
      org_id: orgId, bucket_id: buckets[s.bucket] ?? '', level: levelRank(s.level), grantee_user_id: 'userId' in g ? g.userId : null,
      grantee_team_id: 'teamId' in g ? g.teamId : null, starts_at: toWindow(s.window).startsAt ?? null, expires_at: toWindow(s.window).expiresAt ?? null,
    }).execute();
  }
  for (let i = 0; i < USERS; i++) {
    if (spec.deactivated[i] && i > 0) await db.updateTable('users').set({ status: 'deactivated' }).where('org_id', '=', orgId).where('id', '=', users[i]?.id ?? '').execute();
  }
  return { users: users.filter((_, i) => !(spec.deactivated[i] && i > 0)), contacts };
}

type Listed = { id: string; name: string; access: { level: string } };

async function listAll(token: string, query: Record<string, string | boolean>): Promise<Listed[]> {
  const out: Listed[] = [];
  let cursor: string | undefined;
  do {
    const page = expectStatus(await client.listContacts({ as: token, query: { ...query, limit: 2, cursor } }), 200);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

const STATES = [{}, { archived: true }, { trash: true }] as const;

it('lists and searches agree with single-record reads', async () => {
  t.clock.set(NOW);
  let visible = 0;
  let hidden = 0;
  await fc.assert(fc.asyncProperty(worldArb, async (spec) => {
    const { users, contacts } = await build(spec);
    for (const user of users) {
      const listed = new Map<string, Listed>();
      for (const state of STATES) for (const c of await listAll(user.token, state)) listed.set(c.id, c);
      for (const q of ['ann', 'B', 'bobby']) {
        for (const c of await listAll(user.token, { q })) {
          expect(c.name.toLowerCase().startsWith(q.toLowerCase())).toBe(true);
          expect(listed.has(c.id)).toBe(true);
        }
      }
      for (const id of contacts) {
        const res = await client.getContact(id, { as: user.token });
        expect([200, 404]).toContain(res.status);
        const fromList = listed.get(id);
        if (res.status === 200) {
          visible += 1;
          expect(fromList, `${user.name} sees ${id} by GET but not in a list`).toBeDefined();
          expect(fromList?.access.level).toBe(res.body.contact.access.level);
        } else {
          hidden += 1;
          expect(fromList, `${user.name} lists ${id} but GET answers 404`).toBeUndefined();
        }
      }
    }
  }), { numRuns: 20 });
  // The worlds are not degenerate: both answers occur.
  expect(visible).toBeGreaterThan(0);
  expect(hidden).toBeGreaterThan(0);
});
