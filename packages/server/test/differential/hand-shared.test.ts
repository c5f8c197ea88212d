// The differential test for templates, pipelines and programs (spec §6.6, D31), on generated worlds (worldArb's
// orgs, users and teams) with generated records and shares of each kind written to PGlite and to PostgreSQL. For
// every user, record and verb: the core's `decide` on the record as storage loads it, the compiled
// `<resource>.<verb>` filter rendered as SQL over the resource's table (handSharedBinding), and the naive oracle of
// hand-shared-oracle.ts agree; and the list (domain listVisible, keyset pages of 1-3) shows exactly what the oracle
// lets the user view, in name order.
// TANDEM_DIFF_SEED and TANDEM_DIFF_RUNS change the seed (default fixed) and the number of worlds.
import {
  compileFilter, decide, HAND_SHARED, handSharedAction, levelRank, policyCondition, type ActorContext, type HandShared,
} from '@tandem/core';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listVisible } from '../../src/domain/hand-shared/list-hand-shared.ts';
import type { Db, DbHandle } from '../../src/storage/connect.ts';
import { HAND_SHARED_TABLES, loadHandShared } from '../../src/storage/hand-shared-queries.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { handSharedBinding, renderCondition } from '../../src/storage/render-filter.ts';
import { worldArb } from '../fixtures/world-arbitrary.ts';
import { clearWorld, insertWorld, worldId, type World } from '../fixtures/world.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';
import { oracleVerbs, type HandSharedItem, type Verb } from './hand-shared-oracle.ts';

const SEED = Number(process.env.TANDEM_DIFF_SEED ?? 20_261_130);
const RUNS = Number(process.env.TANDEM_DIFF_RUNS ?? 25);
const VERBS: Verb[] = ['view', 'edit', 'manage'];
const HOUR = 3_600_000;
const KIND_OF: Record<HandShared, number> = { template: 20, pipeline: 21, program: 22 };
const SHARE_KIND = 23;

type Raw = { owner: number; name: string; shares: { grantee: number; team: boolean; level: 'view' | 'edit'; starts: number | null; expires: number | null }[] };
const windowBound = fc.option(fc.constantFrom(-2, -1, 0, 1, 2), { nil: null });
const rawItem: fc.Arbitrary<Raw> = fc.record({
  owner: fc.nat(20),
  name: fc.constantFrom('Onboarding', 'onboarding', 'Renewals', 'Ärzte', 'Zeta', 'alpha', 'Beta'),
  shares: fc.array(fc.record({ grantee: fc.nat(20), team: fc.boolean(), level: fc.constantFrom<'view' | 'edit'>('view', 'edit'), starts: windowBound, expires: windowBound }), { maxLength: 3 }),
});
const rawAll = fc.record({ template: fc.array(rawItem, { maxLength: 6 }), pipeline: fc.array(rawItem, { maxLength: 6 }), program: fc.array(rawItem, { maxLength: 6 }) });

/** Resolves raw records onto the world's orgs: owner, grantees and teams picked among the record's own org. */
function resolve(world: World, raw: Record<HandShared, Raw[]>): Record<HandShared, HandSharedItem[]> {
  let shareN = 0;
  const out = {} as Record<HandShared, HandSharedItem[]>;
  for (const resource of HAND_SHARED) {
    out[resource] = raw[resource].map((r, i) => {
      const owner = world.users[r.owner % world.users.length];
      if (!owner) throw new Error('a world has users');
      const users = world.users.filter((u) => u.orgId === owner.orgId);
      const teams = world.teams.filter((t) => t.orgId === owner.orgId);
      const shares = r.shares.flatMap((s) => {
        const team = teams[s.grantee % Math.max(teams.length, 1)];
        const user = users[s.grantee % users.length];
        const grantee = s.team && team ? { teamId: team.id } : user && user.id !== owner.id ? { userId: user.id } : null;
        if (!grantee) return [];
        const at = (b: number | null) => (b === null ? null : world.now + b * HOUR);
        const startsAt = at(s.starts);
        const expiresAt = at(s.expires);
        if (startsAt !== null && expiresAt !== null && expiresAt <= startsAt) return [];
        return [{ id: worldId(SHARE_KIND, (shareN += 1)), grantee, level: s.level, startsAt, expiresAt }];
      });
      return { id: worldId(KIND_OF[resource], i + 1), orgId: owner.orgId, ownerId: owner.id, name: r.name, shares };
    });
  }
  return out;
}

async function insertItems(db: Db, items: Record<HandShared, HandSharedItem[]>): Promise<void> {
  for (const resource of HAND_SHARED) {
    const { table, shares, record } = HAND_SHARED_TABLES[resource];
    for (const item of items[resource]) {
      const body = resource === 'template' ? sql`, body` : sql``;
      const bodyValue = resource === 'template' ? sql`, 'Hello {{contact.firstName}}'` : sql``;
      await sql`INSERT INTO ${sql.table(table)} (org_id, id, owner_id, name${body}) VALUES (${item.orgId}, ${item.id}, ${item.ownerId}, ${item.name}${bodyValue})`.execute(db);
      for (const s of item.shares) {
        const [userId, teamId] = 'userId' in s.grantee ? [s.grantee.userId, null] : [null, s.grantee.teamId];
        const startsAt = s.startsAt === null ? null : new Date(s.startsAt);
        const expiresAt = s.expiresAt === null ? null : new Date(s.expiresAt);
        await sql`INSERT INTO ${sql.table(shares)} (org_id, id, ${sql.ref(record)}, grantee_user_id, grantee_team_id, level, starts_at, expires_at, created_by)
          VALUES (${item.orgId}, ${s.id}, ${item.id}, ${userId}, ${teamId}, ${levelRank(s.level)}, ${startsAt}, ${expiresAt}, ${item.ownerId})`.execute(db);
      }
    }
  }
}

async function clearItems(db: Db): Promise<void> {
  // Shares go with their records (cascade); steps first, as they hold templates.
  for (const t of ['program_steps', 'templates', 'pipelines', 'programs']) await sql`DELETE FROM ${sql.table(t)}`.execute(db);
}

/** For each verb, the ids of every record of `resource` (of any org) the compiled filter lets through. */
async function sqlMembers(db: Db, ctx: ActorContext, resource: HandShared): Promise<Map<Verb, Set<string>>> {
  const binding = handSharedBinding(HAND_SHARED_TABLES[resource]);
  const out = new Map<Verb, Set<string>>();
  for (const verb of VERBS) {
    const condition = policyCondition(ctx, compileFilter(ctx, handSharedAction(resource, verb)));
    const rows = await sql<{ id: string }>`SELECT hs.id FROM ${sql.table(HAND_SHARED_TABLES[resource].table)} hs WHERE ${renderCondition(condition, binding)}`.execute(db);
    out.set(verb, new Set(rows.rows.map((r) => r.id)));
  }
  return out;
}

type Stats = { worlds: number; records: number; assertions: number };

async function checkWorld(db: Db, world: World, items: Record<HandShared, HandSharedItem[]>, stats: Stats): Promise<void> {
  await clearItems(db);
  await clearWorld(db);
  await insertWorld(db, world);
  await insertItems(db, items);
  const check = <T>(actual: T, expected: T, what: () => string) => {
    stats.assertions += 1;
    if (actual !== expected) expect(actual, what()).toEqual(expected);
  };
  for (const [u, user] of world.users.entries()) {
    const ctx = await loadActorContext(db, user.orgId, user.id, world.now);
    if (!ctx) throw new Error(`no context for ${user.id}`);
    for (const resource of HAND_SHARED) {
      const members = await sqlMembers(db, ctx, resource);
      for (const item of items[resource]) {
        const expected = oracleVerbs(world, user, item);
        const loaded = await loadHandShared(db, resource, user.orgId, item.id);
        check(loaded !== null, item.orgId === user.orgId, () => `${resource} ${item.id} loads only in its org, for ${user.id}`);
        for (const verb of VERBS) {
          const where = () => `${resource}.${verb} on ${item.id} for ${user.id} (${user.role}, ${user.status})`;
          check(loaded ? decide(ctx, handSharedAction(resource, verb), loaded.facts).allowed : false, expected.has(verb), () => `core decide ${where()}`);
          check(members.get(verb)?.has(item.id) ?? false, expected.has(verb), () => `SQL filter ${where()}`);
        }
      }
      const limit = 1 + ((stats.worlds + u) % 3);
      const shown: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 100; guard += 1) {
        const page = await listVisible({ db }, ctx, resource, limit, cursor);
        shown.push(...page.items.map((v) => v.row.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      const sortKey = (i: HandSharedItem) => i.name.toLowerCase();
      const expectedList = items[resource].filter((i) => oracleVerbs(world, user, i).has('view'))
        .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : a.id < b.id ? -1 : 1)).map((i) => i.id);
      check(shown.join(), expectedList.join(), () => `${resource} list in pages of ${limit} for ${user.id}`);
    }
  }
  stats.worlds += 1;
  stats.records += HAND_SHARED.reduce((n, r) => n + items[r].length, 0);
}

describe.each(DATABASE_KINDS)('differential, templates, pipelines and programs: core decide = SQL filter = naive oracle, on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
  });
  afterAll(async () => handle.close());

  it(`agrees on ${RUNS} generated worlds`, async () => {
    const stats: Stats = { worlds: 0, records: 0, assertions: 0 };
    const started = performance.now();
    await fc.assert(fc.asyncProperty(worldArb, rawAll, async (world, raw) => checkWorld(handle.db, world, resolve(world, raw), stats)), { numRuns: RUNS, seed: SEED });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`differential hand-shared ${kind}: ${stats.worlds} worlds, ${stats.records} records, ${stats.assertions} assertions, ${seconds} s (seed ${SEED})`);
    expect(stats.worlds).toBe(RUNS);
  }, 600_000);
});
