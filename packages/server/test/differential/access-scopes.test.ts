// Issue 10's two reverse questions, held to the core on generated worlds written to PGlite and PostgreSQL:
//   - the "Shared with me" list (GET /contacts?scope=sharedWithYou) walked in keyset pages of 1 to 4 in every sort,
//     in each state, returns exactly the contacts the user sees on which the core's `isSharedWithActor` holds (the
//     row's `access.sharedWithYou`), each once, and its capped count is exact; the core's answer is also held to a
//     naive reading of docs/permissions.md ("shared with you": an active record share, contact grant or bucket share
//     naming the user or one of their teams, on a live contact someone else owns);
//   - "who has access" (GET /contacts/:id/access/holders), asked by every user about every contact, answers 404 when
//     the core says the caller does not see the contact, 403 when it sees it but may not explain others' access, and
//     otherwise exactly the org's users whose GET /contacts/:id/access level is not `none`, with identical sources
//     (names included); its teams are exactly the teams named by those sources, with the holders they reach.
// TANDEM_DIFF_SEED and TANDEM_DIFF_RUNS change the seed and the number of worlds (default 12).
import { computeLevel, decide, isSharedWithActor, LIVE_STATES, type ContactState } from '@tandem/core';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAccessHolders } from '../../src/domain/access/list-access-holders.ts';
import { explainAccess, type NamedSource } from '../../src/domain/contacts/explain-access.ts';
import { listVisibleContacts } from '../../src/domain/contacts/list-contacts.ts';
import { AppError } from '../../src/errors.ts';
import type { Db, DbHandle } from '../../src/storage/connect.ts';
import { LIST_SORTS, loadContacts, type ListSort } from '../../src/storage/contact-queries.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { worldArb } from '../fixtures/world-arbitrary.ts';
import { clearWorld, insertWorld, type World, type WorldGrantee, type WorldUser, type WorldWindow } from '../fixtures/world.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';

const SEED = Number(process.env.TANDEM_DIFF_SEED ?? 20_251_130);
const RUNS = Number(process.env.TANDEM_DIFF_RUNS ?? 12);
const STATES: ContactState[] = ['active', 'archived', 'trashed'];

type Stats = { worlds: number; listed: number; shared: number; holderCalls: number; holders: number; assertions: number };
type Probe = { pageSize: number; sort: ListSort };
const probeArb: fc.Arbitrary<Probe> = fc.record({ pageSize: fc.integer({ min: 1, max: 4 }), sort: fc.constantFrom(...LIST_SORTS) });

function checker(stats: Stats) {
  return <T>(actual: T, expected: T, what: () => string): void => {
    stats.assertions += 1;
    if (!isDeepStrictEqual(actual, expected)) expect(actual, what()).toEqual(expected);
  };
}

/** docs/permissions.md, "Shared with you", read naively from the world's rows. */
function naiveSharedWithYou(world: World, user: WorldUser, contactId: string): boolean {
  const contact = world.contacts.find((c) => c.id === contactId);
  if (!contact || user.status !== 'active' || contact.orgId !== user.orgId || contact.ownerId === user.id) return false;
  if (!(LIVE_STATES as string[]).includes(contact.state)) return false;
  const teams = world.teams.filter((t) => t.orgId === user.orgId && t.memberIds.includes(user.id)).map((t) => t.id);
  const names = (g: WorldGrantee) => ('userId' in g ? g.userId === user.id : teams.includes(g.teamId));
  const active = (w: WorldWindow) => (w.startsAt === null || w.startsAt <= world.now) && (w.expiresAt === null || world.now < w.expiresAt);
  const live = (x: WorldWindow & { grantee: WorldGrantee; orgId: string }) => x.orgId === user.orgId && names(x.grantee) && active(x);
  return world.shares.some((s) => s.contactId === contactId && live(s))
    || world.grants.some((g) => g.scope === 'contacts' && g.ownerId === contact.ownerId && live(g))
    || world.bucketShares.some((s) => live(s) && world.buckets.some((b) => b.id === s.bucketId && b.contactIds.includes(contactId)));
}

async function contextOf(db: Db, world: World, user: WorldUser) {
  const ctx = await loadActorContext(db, user.orgId, user.id, world.now);
  if (!ctx) throw new Error(`no context for ${user.id}`);
  return ctx;
}

async function checkSharedScope(db: Db, world: World, user: WorldUser, probe: Probe, check: ReturnType<typeof checker>, stats: Stats): Promise<void> {
  const ctx = await contextOf(db, world, user);
  const loaded = await loadContacts(db, ctx, world.contacts.map((c) => c.id));
  for (const state of STATES) {
    const expected = [...loaded.values()]
      .filter(({ facts }) => facts.state === state && computeLevel(ctx, facts) !== 'none' && isSharedWithActor(ctx, facts))
      .map(({ facts }) => facts.id).sort();
    for (const c of world.contacts.filter((x) => x.state === state)) {
      check(expected.includes(c.id), naiveSharedWithYou(world, user, c.id), () => `core sharedWithYou of ${c.id} for ${user.id}`);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page <= expected.length; page += 1) {
      const answer = await listVisibleContacts({ db }, ctx, {
        scope: 'sharedWithYou', limit: probe.pageSize, sort: probe.sort, archived: state === 'archived', trash: state === 'trashed',
        count: page === 0, ...(cursor ? { cursor } : {}),
      });
      if (page === 0) check(answer.total, { count: expected.length, capped: false }, () => `count ${state} for ${user.id}`);
      for (const view of answer.items) check(view.access.sharedWithYou, true, () => `${view.row.id} listed as sharedWithYou for ${user.id}`);
      seen.push(...answer.items.map((v) => v.row.id));
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
    check([...seen].sort(), expected, () => `sharedWithYou ${state} by ${probe.sort} in pages of ${probe.pageSize} for ${user.id}`);
    check(new Set(seen).size, seen.length, () => `no contact twice, ${state}, for ${user.id}`);
    stats.listed += 1;
    stats.shared += expected.length;
  }
}

/** The holders call's answer, or the code it failed with. */
async function holdersOrCode(db: Db, ctx: Awaited<ReturnType<typeof contextOf>>, contactId: string) {
  try {
    return await listAccessHolders({ db }, ctx, contactId);
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

async function checkHolders(db: Db, world: World, check: ReturnType<typeof checker>, stats: Stats): Promise<void> {
  const contexts = await Promise.all(world.users.map(async (u) => ({ user: u, ctx: await contextOf(db, world, u) })));
  for (const contact of world.contacts) {
    const orgUsers = world.users.filter((u) => u.orgId === contact.orgId);
    // What GET /contacts/:id/access answers for each user of the org, asked by someone allowed to ask (if anyone is).
    let expected: { userId: string; level: string; sources: NamedSource[] }[] | null = null;
    for (const { user, ctx } of contexts) {
      const facts = (await loadContacts(db, ctx, [contact.id])).get(contact.id)?.facts;
      const visible = facts !== undefined && computeLevel(ctx, facts) !== 'none';
      const allowed = visible && decide(ctx, 'contact.explainOthers', facts).allowed;
      const answer = await holdersOrCode(db, ctx, contact.id);
      stats.holderCalls += 1;
      const where = () => `holders of ${contact.id} asked by ${user.id}`;
      if (!allowed) {
        check(answer, visible ? 'TANDEM_ACCESS_FORBIDDEN' : 'TANDEM_CONTACT_NOT_FOUND', where);
        continue;
      }
      if (typeof answer === 'string') {
        check(answer, 'an answer', where);
        continue;
      }
      if (expected === null) {
        expected = [];
        for (const u of orgUsers) {
          const why = await explainAccess({ db }, ctx, contact.id, u.id);
          if (why.level !== 'none') expected.push({ userId: u.id, level: why.level, sources: why.sources });
        }
        expected.sort((a, b) => (a.userId < b.userId ? -1 : 1));
      }
      const got = answer.holders.map((h) => ({ userId: h.userId, level: h.level as string, sources: h.sources })).sort((a, b) => (a.userId < b.userId ? -1 : 1));
      check(got, expected, where);
      stats.holders += got.length;
      // Teams: exactly those the holders' sources name, each reaching exactly the holders with a source through it.
      const viaTeams = new Map<string, Set<string>>();
      for (const h of answer.holders) {
        for (const s of h.sources) if (s.viaTeamId) viaTeams.set(s.viaTeamId, (viaTeams.get(s.viaTeamId) ?? new Set()).add(h.userId));
      }
      check(answer.teams.map((t) => t.teamId).sort(), [...viaTeams.keys()].sort(), () => `teams of ${contact.id}`);
      for (const team of answer.teams) {
        check([...team.memberIds].sort(), [...(viaTeams.get(team.teamId) ?? [])].sort(), () => `members of ${team.teamId} on ${contact.id}`);
        check(team.name, world.teams.find((t) => t.id === team.teamId)?.name, () => `name of ${team.teamId}`);
      }
    }
  }
}

async function checkWorld(db: Db, world: World, probe: Probe, stats: Stats): Promise<void> {
  await clearWorld(db);
  await insertWorld(db, world);
  const check = checker(stats);
  for (const user of world.users) await checkSharedScope(db, world, user, probe, check, stats);
  await checkHolders(db, world, check, stats);
  stats.worlds += 1;
}

describe.each(DATABASE_KINDS)('differential: "shared with me" and "who has access" = the core, on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
  });
  afterAll(async () => handle.close());

  it(`agrees on ${RUNS} generated worlds`, async () => {
    const stats: Stats = { worlds: 0, listed: 0, shared: 0, holderCalls: 0, holders: 0, assertions: 0 };
    const started = performance.now();
    await fc.assert(fc.asyncProperty(worldArb, probeArb, (world, probe) => checkWorld(handle.db, world, probe, stats)), { numRuns: RUNS, seed: SEED });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`access scopes ${kind}: ${stats.worlds} worlds, ${stats.listed} shared lists (${stats.shared} contacts), ` +
      `${stats.holderCalls} holder calls (${stats.holders} holders), ${stats.assertions} assertions, ${seconds} s (seed ${SEED})`);
    expect(stats.worlds).toBe(RUNS);
    // The worlds reach both sides of each question.
    expect(stats.shared).toBeGreaterThan(0);
    expect(stats.holders).toBeGreaterThan(0);
  }, 300_000);
});
