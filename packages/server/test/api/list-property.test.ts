// Property: for random worlds, every contact a list or search returns passes a single-record GET (at the same
// level), and every contact a single-record GET shows appears in the unfiltered list of its state (all pages).
import type { GrantLevel, ShareLevel } from '@tandem/core';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { expectStatus } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';
import type { TestUser, UserSpec } from './support/world-builder.ts';

const t = useTestApp();
const { api } = t;

const NOW = Date.parse('2026-01-05T09:00:00Z');
const HOUR = 3_600_000;
const USERS = 4;

const windowArb = fc.constantFrom('none', 'active', 'expired', 'future');
const toWindow = (w: string): { startsAt?: number; expiresAt?: number } => {
  if (w === 'active') return { startsAt: NOW - HOUR, expiresAt: NOW + HOUR };
  if (w === 'expired') return { expiresAt: NOW - HOUR };
  if (w === 'future') return { startsAt: NOW + HOUR };
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
    state: fc.constantFrom<'active' | 'archived' | 'trashed'>('active', 'active', 'archived', 'trashed'),
    buckets: fc.subarray([0, 1]),
  }), { maxLength: 9 }),
  shares: fc.array(fc.record({ contact: fc.nat(8), grantee: granteeArb, level: shareLevel, window: windowArb }), { maxLength: 8 }),
  grants: fc.array(fc.record({ owner: fc.nat(USERS - 1), grantee: granteeArb, level: fc.constantFrom<GrantLevel>('view', 'edit'), window: windowArb }), { maxLength: 4 }),
  bucketShares: fc.array(fc.record({ bucket: fc.nat(1), grantee: granteeArb, level: shareLevel, window: windowArb }), { maxLength: 4 }),
});
type Spec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

/** The spec as a world (rows, with the user `u<i>`, team `t<i>`, contact `c<i>` and bucket `b<i>`); deactivation spares user 0. */
async function build(spec: Spec) {
  const u = (i: number) => `u${i}`;
  const grantee = (g: { user: number } | { team: number }) => ('user' in g ? { user: u(g.user) } : { team: `t${g.team}` });
  const deactivated = (i: number) => Boolean(spec.deactivated[i]) && i > 0;
  const users: Record<string, UserSpec<'prop'>> = {};
  for (let i = 0; i < USERS; i++) users[u(i)] = { name: `U${i}`, role: spec.roles[i] ?? 'member', status: deactivated(i) ? 'deactivated' : 'active' };
  const w = await t.world({
    orgs: { prop: { shareAllContacts: spec.shareAll } },
    users,
    teams: Object.fromEntries(spec.teams.map((m, i) => [`t${i}`, { name: `T${i}`, members: [...new Set(m)].map(u) }])),
    contacts: Object.fromEntries(spec.contacts.map((c, i) => [`c${i}`, { owner: u(c.owner), name: c.name, state: c.state }])),
    buckets: Object.fromEntries([0, 1].map((b) => [`b${b}`, {
      owner: u(0), name: `B${b}`, contacts: spec.contacts.flatMap((c, i) => (c.buckets.includes(b) ? [`c${i}`] : [])),
    }])),
    shares: spec.contacts.length === 0 ? [] : spec.shares.map((x) => ({
      contact: `c${x.contact % spec.contacts.length}`, ...grantee(x.grantee), level: x.level, ...toWindow(x.window),
    })),
    grants: spec.grants.map((g) => ({ owner: u(g.owner), ...grantee(g.grantee), scope: 'contacts' as const, level: g.level, ...toWindow(g.window) })),
    bucketShares: spec.bucketShares.map((x) => ({ bucket: `b${x.bucket}`, ...grantee(x.grantee), level: x.level, ...toWindow(x.window) })),
  });
  const active: TestUser[] = [];
  for (let i = 0; i < USERS; i++) if (!deactivated(i)) active.push(w.users[u(i)] as TestUser);
  return { users: active, contacts: spec.contacts.map((_, i) => w.contacts[`c${i}`] as string) };
}

type Listed = { id: string; name: string; access: { level: string } };

async function listAll(token: string, query: Record<string, string | boolean>): Promise<Listed[]> {
  const out: Listed[] = [];
  let cursor: string | undefined;
  do {
    const page = expectStatus(await api.contacts.list({ as: token, query: { ...query, limit: 2, cursor } }), 200);
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
        const res = await api.contacts.get(id, { as: user.token });
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
