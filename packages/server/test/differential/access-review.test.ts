// The access review (issue 13 item 5, D38) held to the differential oracle (oracle.ts, a naive reading of the spec)
// on generated worlds written to PGlite and PostgreSQL:
//   - per user: the review walked in keyset pages of 1 to 4 lists exactly the live (active and archived) contacts of
//     the user's org on which the oracle's level is not `none`, each once, each at the oracle's level, and the
//     highest of its sources is that level;
//   - the matrix, asked by an admin of each org: the owner cell (U, O) is the oracle's level of U on a live contact of
//     O with no record share and in no bucket, and the bucket cell (U, B) the highest level an active share of B
//     gives U (read naively from the world's rows); members are refused.
// TANDEM_DIFF_SEED and TANDEM_DIFF_RUNS change the seed and the number of worlds (default 12).
import { levelRank, type Level } from '@tandem/core';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessMatrix } from '../../src/domain/access-review/access-matrix.ts';
import { reviewPage } from '../../src/domain/access-review/review-user.ts';
import { AppError } from '../../src/errors.ts';
import type { Db, DbHandle } from '../../src/storage/connect.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { worldArb } from '../fixtures/world-arbitrary.ts';
import { clearWorld, insertWorld, type World, type WorldGrantee, type WorldUser } from '../fixtures/world.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';
import { oracleLevel } from './oracle.ts';

const SEED = Number(process.env.TANDEM_DIFF_SEED ?? 20_251_130);
const RUNS = Number(process.env.TANDEM_DIFF_RUNS ?? 12);

type Stats = { worlds: number; reviews: number; listed: number; matrices: number; cells: number; refused: number; assertions: number };

function checker(stats: Stats) {
  return <T>(actual: T, expected: T, what: () => string): void => {
    stats.assertions += 1;
    if (!isDeepStrictEqual(actual, expected)) expect(actual, what()).toEqual(expected);
  };
}

async function contextOf(db: Db, world: World, user: WorldUser) {
  const ctx = await loadActorContext(db, user.orgId, user.id, world.now);
  if (!ctx) throw new Error(`no context for ${user.id}`);
  return ctx;
}

/** The oracle's level of `user` on a live contact of `ownerId` that has no record share and is in no bucket. */
function oracleOwnerLevel(world: World, user: WorldUser, ownerId: string): Level {
  const probe = { id: 'probe-contact', orgId: user.orgId, ownerId, name: 'Probe', emails: [], state: 'active' as const };
  return oracleLevel({ ...world, contacts: [...world.contacts, probe] }, user.id, probe.id);
}

/** The highest level an active share of the bucket gives the user, read from the rows. */
function naiveBucketLevel(world: World, user: WorldUser, bucketId: string): Level {
  if (user.status !== 'active') return 'none';
  const names = (g: WorldGrantee) => ('userId' in g ? g.userId === user.id : world.teams.some((t) => t.id === g.teamId && t.memberIds.includes(user.id)));
  const active = (s: { startsAt: number | null; expiresAt: number | null }) => (s.startsAt === null || s.startsAt <= world.now) && (s.expiresAt === null || world.now < s.expiresAt);
  return world.bucketShares.filter((s) => s.bucketId === bucketId && s.orgId === user.orgId && names(s.grantee) && active(s))
    .reduce<Level>((best, s) => (levelRank(s.level) > levelRank(best) ? s.level : best), 'none');
}

async function checkReview(db: Db, world: World, user: WorldUser, pageSize: number, check: ReturnType<typeof checker>, stats: Stats): Promise<void> {
  const target = await contextOf(db, world, user);
  const expected = world.contacts.filter((c) => c.orgId === user.orgId && c.state !== 'trashed')
    .map((c) => ({ id: c.id, level: oracleLevel(world, user.id, c.id) })).filter((c) => c.level !== 'none')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const seen: { id: string; level: string }[] = [];
  let cursor: string | undefined;
  for (let page = 0; page <= expected.length; page += 1) {
    const answer = await reviewPage({ db }, user.orgId, target, pageSize, cursor);
    for (const item of answer.items) {
      seen.push({ id: item.contactId, level: item.level });
      const top = item.sources.reduce((best, s) => Math.max(best, levelRank(s.level)), 0);
      check(top, levelRank(item.level), () => `highest source of ${item.contactId} for ${user.id}`);
    }
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  check(new Set(seen.map((s) => s.id)).size, seen.length, () => `no contact twice for ${user.id}`);
  check([...seen].sort((a, b) => (a.id < b.id ? -1 : 1)), expected, () => `review of ${user.id} in pages of ${pageSize}`);
  stats.reviews += 1;
  stats.listed += seen.length;
}

async function checkMatrix(db: Db, world: World, check: ReturnType<typeof checker>, stats: Stats): Promise<void> {
  for (const org of world.orgs) {
    const users = world.users.filter((u) => u.orgId === org.id);
    for (const member of users.filter((u) => u.role !== 'admin' || u.status !== 'active').slice(0, 1)) {
      const refused = await accessMatrix({ db }, await contextOf(db, world, member)).then(() => 'answered', (e: unknown) => (e instanceof AppError ? e.code : String(e)));
      check(refused, 'TANDEM_ACCESS_ADMIN_ONLY', () => `matrix asked by ${member.id}`);
      stats.refused += 1;
    }
    const admin = users.find((u) => u.role === 'admin' && u.status === 'active');
    if (!admin) continue;
    const m = await accessMatrix({ db }, await contextOf(db, world, admin));
    check(m.users.map((u) => u.id).sort(), users.map((u) => u.id).sort(), () => `matrix users of ${org.id}`);
    check(m.buckets.map((b) => b.id).sort(), world.buckets.filter((b) => b.orgId === org.id).map((b) => b.id).sort(), () => `matrix buckets of ${org.id}`);
    m.users.forEach((u, i) => {
      const user = users.find((x) => x.id === u.id) as WorldUser;
      m.owners.forEach((o, j) => {
        check(m.ownerCells[i]?.[j]?.level, oracleOwnerLevel(world, user, o.id), () => `owner cell ${u.id} x ${o.id}`);
        stats.cells += 1;
      });
      m.buckets.forEach((b, j) => {
        check(m.bucketCells[i]?.[j], naiveBucketLevel(world, user, b.id), () => `bucket cell ${u.id} x ${b.id}`);
        stats.cells += 1;
      });
    });
    stats.matrices += 1;
  }
}

async function checkWorld(db: Db, world: World, pageSize: number, stats: Stats): Promise<void> {
  await clearWorld(db);
  await insertWorld(db, world);
  const check = checker(stats);
  for (const user of world.users) await checkReview(db, world, user, pageSize, check, stats);
  await checkMatrix(db, world, check, stats);
  stats.worlds += 1;
}

describe.each(DATABASE_KINDS)('differential: the access review = the oracle, on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
  });
  afterAll(async () => handle.close());

  it(`agrees on ${RUNS} generated worlds`, async () => {
    const stats: Stats = { worlds: 0, reviews: 0, listed: 0, matrices: 0, cells: 0, refused: 0, assertions: 0 };
    const started = performance.now();
    await fc.assert(fc.asyncProperty(worldArb, fc.integer({ min: 1, max: 4 }), (world, pageSize) => checkWorld(handle.db, world, pageSize, stats)), { numRuns: RUNS, seed: SEED });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`access review ${kind}: ${stats.worlds} worlds, ${stats.reviews} reviews (${stats.listed} contacts), ${stats.matrices} matrices ` +
      `(${stats.cells} cells), ${stats.refused} refusals, ${stats.assertions} assertions, ${seconds} s (seed ${SEED})`);
    expect(stats.worlds).toBe(RUNS);
    // The worlds reach both sides of each question.
    expect(stats.listed).toBeGreaterThan(0);
    expect(stats.matrices).toBeGreaterThan(0);
    expect(stats.refused).toBeGreaterThan(0);
  }, 300_000);
});
