// The differential test of the pipeline board (spec §6.6, D33), on generated worlds (worldArb's orgs, users, teams,
// contacts in every state, record shares, grants and buckets) with generated pipelines, stages, cards on random
// contacts of the pipeline's org (values, tied positions) and pipeline shares (users or teams, view or edit, windows),
// written to PGlite and to PostgreSQL. For every user and pipeline, the board the use case answers (getBoard, with a
// generated per-stage limit) holds:
//   - a pipeline the naive reading of docs/permissions.md does not let the user view answers 404, as does an id that
//     names no pipeline;
//   - the card ids shown == {cards whose contact the core's `decide(ctx, 'contact.view')` allows and is live} ==
//     {cards whose contact the oracle (oracle.ts) gives `profile` or more and is not trashed}, each stage's the first
//     `limit` by (position, id);
//   - per stage: visibleCount, totalValue (the visible values) and hiddenCount (the other cards of live contacts);
//   - each shown card's actions: move = the oracle's contact.moveCard, edit and delete = its contact.edit.
// TANDEM_DIFF_SEED and TANDEM_DIFF_RUNS change the seed and the number of worlds (default 30).
import { decide, levelRank, type ActorContext } from '@tandem/core';
import fc from 'fast-check';
import { sql } from 'kysely';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBoard, type BoardView } from '../../src/domain/pipelines/get-board.ts';
import { AppError } from '../../src/errors.ts';
import type { Db, DbHandle } from '../../src/storage/connect.ts';
import { loadContacts } from '../../src/storage/contact-queries.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { worldArb } from '../fixtures/world-arbitrary.ts';
import { clearWorld, insertWorld, worldId, type World, type WorldGrantee, type WorldUser } from '../fixtures/world.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';
import { oracleActions, oracleLevel } from './oracle.ts';

const SEED = Number(process.env.TANDEM_DIFF_SEED ?? 20_261_201);
const RUNS = Number(process.env.TANDEM_DIFF_RUNS ?? 30);
const HOUR = 3_600_000;
const KIND = { pipeline: 30, stage: 31, card: 32, share: 33 } as const;
const ABSENT = worldId(KIND.pipeline, 9_999);

type Share = { grantee: WorldGrantee; level: 'view' | 'edit'; startsAt: number | null; expiresAt: number | null };
type Card = { id: string; stageId: string; contactId: string; value: number | null; position: number };
type Pipeline = { id: string; orgId: string; ownerId: string; stageIds: string[]; cards: Card[]; shares: Share[] };

const windowBound = fc.option(fc.constantFrom(-2, -1, 0, 1, 2), { nil: null });
const rawPipeline = fc.record({
  owner: fc.nat(20),
  stages: fc.integer({ min: 1, max: 4 }),
  cards: fc.array(fc.record({ contact: fc.nat(30), stage: fc.nat(3), cents: fc.option(fc.nat(1_000_000), { nil: null }), position: fc.nat(3) }), { maxLength: 20 }),
  shares: fc.array(fc.record({ grantee: fc.nat(20), team: fc.boolean(), level: fc.constantFrom<'view' | 'edit'>('view', 'edit'), starts: windowBound, expires: windowBound }), { maxLength: 3 }),
});
const rawAll = fc.record({ pipelines: fc.array(rawPipeline, { minLength: 1, maxLength: 3 }), limit: fc.constantFrom(1, 2, 3, 500) });
type RawAll = typeof rawAll extends fc.Arbitrary<infer T> ? T : never;

/** Resolves raw pipelines onto the world: owner, card contacts, grantees and teams among the pipeline's own org. */
function resolve(world: World, raw: RawAll): Pipeline[] {
  let stageN = 0;
  let cardN = 0;
  return raw.pipelines.flatMap((r, i) => {
    const owner = world.users[r.owner % world.users.length];
    if (!owner) return [];
    const contacts = world.contacts.filter((c) => c.orgId === owner.orgId);
    const users = world.users.filter((u) => u.orgId === owner.orgId && u.id !== owner.id);
    const teams = world.teams.filter((t) => t.orgId === owner.orgId);
    const stageIds = Array.from({ length: r.stages }, () => worldId(KIND.stage, (stageN += 1)));
    const cards = r.cards.flatMap((c) => {
      const contact = contacts[c.contact % Math.max(contacts.length, 1)];
      const stageId = stageIds[c.stage % stageIds.length];
      if (!contact || !stageId) return [];
      return [{ id: worldId(KIND.card, (cardN += 1)), stageId, contactId: contact.id, value: c.cents === null ? null : c.cents / 100, position: c.position }];
    });
    const at = (b: number | null) => (b === null ? null : world.now + b * HOUR);
    const shares = r.shares.flatMap((s): Share[] => {
      const team = teams[s.grantee % Math.max(teams.length, 1)];
      const user = users[s.grantee % Math.max(users.length, 1)];
      const grantee = s.team && team ? { teamId: team.id } : user ? { userId: user.id } : null;
      const [startsAt, expiresAt] = [at(s.starts), at(s.expires)];
      if (!grantee || (startsAt !== null && expiresAt !== null && expiresAt <= startsAt)) return [];
      return [{ grantee, level: s.level, startsAt, expiresAt }];
    });
    return [{ id: worldId(KIND.pipeline, i + 1), orgId: owner.orgId, ownerId: owner.id, stageIds, cards, shares }];
  });
}

async function insertPipelines(db: Db, pipelines: Pipeline[]): Promise<void> {
  let shareN = 0;
  for (const p of pipelines) {
    await sql`INSERT INTO pipelines (org_id, id, owner_id, name) VALUES (${p.orgId}, ${p.id}, ${p.ownerId}, 'Deals')`.execute(db);
    for (const [position, id] of p.stageIds.entries()) {
      await sql`INSERT INTO pipeline_stages (org_id, id, pipeline_id, name, position) VALUES (${p.orgId}, ${id}, ${p.id}, ${`Stage ${position}`}, ${position})`.execute(db);
    }
    for (const c of p.cards) {
      await sql`INSERT INTO pipeline_cards (org_id, id, pipeline_id, stage_id, contact_id, title, value, position, created_by)
        VALUES (${p.orgId}, ${c.id}, ${p.id}, ${c.stageId}, ${c.contactId}, ${`Card ${c.id}`}, ${c.value}, ${c.position}, ${p.ownerId})`.execute(db);
    }
    for (const s of p.shares) {
      const [userId, teamId] = 'userId' in s.grantee ? [s.grantee.userId, null] : [null, s.grantee.teamId];
      await sql`INSERT INTO pipeline_shares (org_id, id, pipeline_id, grantee_user_id, grantee_team_id, level, starts_at, expires_at, created_by)
        VALUES (${p.orgId}, ${worldId(KIND.share, (shareN += 1))}, ${p.id}, ${userId}, ${teamId}, ${levelRank(s.level)},
          ${s.startsAt === null ? null : new Date(s.startsAt)}, ${s.expiresAt === null ? null : new Date(s.expiresAt)}, ${p.ownerId})`.execute(db);
    }
  }
}

/** docs/permissions.md read naively: the owner, an admin of the org, or an active share naming the user or a team of theirs. */
function oracleSeesPipeline(world: World, user: WorldUser, p: Pipeline): boolean {
  if (user.orgId !== p.orgId || user.status !== 'active') return false;
  if (user.id === p.ownerId || user.role === 'admin') return true;
  const names = (g: WorldGrantee) => ('userId' in g ? g.userId === user.id
    : world.teams.some((t) => t.id === g.teamId && t.orgId === user.orgId && t.memberIds.includes(user.id)));
  const active = (s: Share) => (s.startsAt === null || s.startsAt <= world.now) && (s.expiresAt === null || world.now < s.expiresAt);
  return p.shares.some((s) => active(s) && names(s.grantee));
}

async function boardOrCode(db: Db, ctx: ActorContext, id: string, limit: number): Promise<BoardView | string> {
  try {
    return await getBoard({ db }, ctx, id, limit);
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

type Stats = { worlds: number; boards: number; shown: number; hidden: number; absent: number; assertions: number };

async function checkWorld(db: Db, world: World, pipelines: Pipeline[], limit: number, stats: Stats): Promise<void> {
  await sql`DELETE FROM pipelines`.execute(db);
  await clearWorld(db);
  await insertWorld(db, world);
  await insertPipelines(db, pipelines);
  const check = <T>(actual: T, expected: T, what: () => string) => {
    stats.assertions += 1;
    if (!isDeepStrictEqual(actual, expected)) expect(actual, what()).toEqual(expected);
  };
  const stateOf = new Map(world.contacts.map((c) => [c.id, c.state]));
  for (const user of world.users) {
    const ctx = await loadActorContext(db, user.orgId, user.id, world.now);
    if (!ctx) throw new Error(`no context for ${user.id}`);
    const facts = await loadContacts(db, ctx, world.contacts.map((c) => c.id));
    check(await boardOrCode(db, ctx, ABSENT, limit), 'TANDEM_PIPELINE_NOT_FOUND', () => `an absent pipeline for ${user.id}`);
    for (const p of pipelines) {
      const where = (what: string) => () => `${what} of ${p.id} for ${user.id} (${user.role}, ${user.status})`;
      const board = await boardOrCode(db, ctx, p.id, limit);
      if (!oracleSeesPipeline(world, user, p)) {
        check(board, 'TANDEM_PIPELINE_NOT_FOUND', where('404'));
        stats.absent += 1;
        continue;
      }
      if (typeof board === 'string') {
        check(board, 'a board', where('board'));
        continue;
      }
      stats.boards += 1;
      const live = p.cards.filter((c) => stateOf.get(c.contactId) !== 'trashed');
      const byCore = live.filter((c) => {
        const f = facts.get(c.contactId)?.facts;
        return f !== undefined && decide(ctx, 'contact.view', f).allowed;
      });
      const byOracle = live.filter((c) => oracleLevel(world, user.id, c.contactId) !== 'none');
      const ids = (cards: Card[]) => cards.map((c) => c.id).sort();
      check(ids(byCore), ids(byOracle), where('core = oracle on the cards'));
      check(board.stages.map((s) => s.id), p.stageIds, where('stages in order'));
      for (const stage of board.stages) {
        const visible = byOracle.filter((c) => c.stageId === stage.id)
          .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const liveHere = live.filter((c) => c.stageId === stage.id).length;
        check(stage.cards.map((c) => c.id), visible.slice(0, limit).map((c) => c.id), where(`cards of ${stage.id} (limit ${limit})`));
        check(stage.visibleCount, visible.length, where(`visibleCount of ${stage.id}`));
        check(stage.hiddenCount, liveHere - visible.length, where(`hiddenCount of ${stage.id}`));
        const total = visible.reduce((sum, c) => sum + Math.round((c.value ?? 0) * 100), 0) / 100;
        check(Number(stage.totalValue), total, where(`totalValue of ${stage.id}`));
        for (const card of stage.cards) {
          const allowed = oracleActions(world, user.id, card.contact_id);
          const expected = [...(allowed.has('contact.moveCard') ? ['move'] : []), ...(allowed.has('contact.edit') ? ['edit', 'delete'] : [])];
          check(card.actions, expected, where(`actions on ${card.id}`));
        }
        stats.shown += stage.cards.length;
        stats.hidden += stage.hiddenCount;
      }
    }
  }
  stats.worlds += 1;
}

describe.each(DATABASE_KINDS)('differential, the pipeline board: getBoard = core decide = naive oracle, on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
  });
  afterAll(async () => handle.close());

  it(`agrees on ${RUNS} generated worlds`, async () => {
    const stats: Stats = { worlds: 0, boards: 0, shown: 0, hidden: 0, absent: 0, assertions: 0 };
    const started = performance.now();
    await fc.assert(fc.asyncProperty(worldArb, rawAll, async (world, raw) => checkWorld(handle.db, world, resolve(world, raw), raw.limit, stats)), { numRuns: RUNS, seed: SEED });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`differential board ${kind}: ${stats.worlds} worlds, ${stats.boards} boards (${stats.shown} cards shown, ${stats.hidden} hidden), ` +
      `${stats.absent} absent, ${stats.assertions} assertions, ${seconds} s (seed ${SEED})`);
    expect(stats.worlds).toBe(RUNS);
    // The worlds reach every side: cards shown, cards hidden, pipelines absent.
    expect(stats.shown).toBeGreaterThan(0);
    expect(stats.hidden).toBeGreaterThan(0);
    expect(stats.absent).toBeGreaterThan(0);
  }, 600_000);
});
