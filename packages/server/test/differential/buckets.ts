// The differential test for buckets as a resource: for every generated world, every (user, bucket, bucket action),
// the core's `decide` on the bucket as storage loads it, the compiled `bucket.view | bucket.edit | bucket.manage`
// filters rendered as SQL for the buckets table, the bucket list of the domain (keyset pages), and the naive oracle of
// spec §6.2 (oracle.ts) all agree; explain names sources that reach the level; every listed bucket passes a check.
import {
  BUCKET_ACTIONS, compileFilter, computeBucketAccess, computeLevelOn, decide, explainBucket, maxLevel, policyCondition,
  type ActorContext, type BucketAction, type BucketFacts,
} from '@tandem/core';
import { sql } from 'kysely';
import { bucketFacts } from '../../src/domain/buckets/bucket-guard.ts';
import { listVisibleBuckets } from '../../src/domain/buckets/list-buckets.ts';
import { loadBucket } from '../../src/storage/bucket-queries.ts';
import type { Db } from '../../src/storage/connect.ts';
import { BUCKETS, renderCondition } from '../../src/storage/render-filter.ts';
import type { World, WorldUser } from '../fixtures/world.ts';
import { oracleBucketActions, oracleBucketLevel } from './oracle.ts';

type Check = <T>(actual: T, expected: T, what: () => string) => void;

/** For each bucket action, the ids of every bucket (of any org) the compiled filter lets through, in one round trip. */
async function sqlBucketMembers(db: Db, ctx: ActorContext): Promise<Map<BucketAction, Set<string>>> {
  const parts = BUCKET_ACTIONS.map((action, i) =>
    sql`SELECT ${i}::int AS a, b.id FROM buckets b WHERE ${renderCondition(policyCondition(ctx, compileFilter(ctx, action)), BUCKETS)}`);
  const result = await sql<{ a: number; id: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  const out = new Map<BucketAction, Set<string>>(BUCKET_ACTIONS.map((a) => [a, new Set()]));
  for (const row of result.rows) out.get(BUCKET_ACTIONS[row.a] as BucketAction)?.add(row.id);
  return out;
}

/** GET /buckets order: lower-case name in byte order (names are ASCII), then id. */
function bucketOrder(world: World) {
  const key = (id: string) => world.buckets.find((b) => b.id === id)?.name.toLowerCase() ?? '';
  return (a: string, b: string) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a < b ? -1 : a > b ? 1 : 0);
}

async function loadFacts(db: Db, ctx: ActorContext, bucketId: string): Promise<BucketFacts | null> {
  const row = await loadBucket(db, ctx.actor.orgId, bucketId);
  return row ? bucketFacts(ctx, row) : null;
}

/** Every page of the domain's bucket list at one page size. */
async function listAll(db: Db, ctx: ActorContext, pageSize: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard += 1) {
    const page = await listVisibleBuckets({ db }, ctx, pageSize, cursor);
    seen.push(...page.items.map((v) => v.row.id));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return seen;
}

/** Checks one user against every bucket of the world, and their bucket list in pages of 1,000 and of `pageSize`. */
export async function checkBuckets(db: Db, world: World, user: WorldUser, ctx: ActorContext, pageSize: number, check: Check): Promise<void> {
  const members = await sqlBucketMembers(db, ctx);
  const loaded = new Map<string, BucketFacts>();
  for (const bucket of world.buckets) {
    const where = `user ${user.id} on bucket ${bucket.id}`;
    const facts = await loadFacts(db, ctx, bucket.id);
    if (facts) loaded.set(bucket.id, facts);
    check(facts !== null, bucket.orgId === user.orgId, () => `${user.id} loads exactly the buckets of its org (${bucket.id})`);
    const level = facts ? computeLevelOn(ctx, 'bucket', facts) : 'none';
    check(level, oracleBucketLevel(world, user.id, bucket.id), () => `bucket level, ${where}`);
    const expected = oracleBucketActions(world, user.id, bucket.id);
    for (const action of BUCKET_ACTIONS) {
      check(facts ? decide(ctx, action, facts).allowed : false, expected.has(action), () => `core decide ${action}, ${where}`);
      check(members.get(action)?.has(bucket.id), expected.has(action), () => `SQL filter ${action}, ${where}`);
    }
    if (!facts) continue;
    const access = computeBucketAccess(ctx, facts);
    check(`${access.level} ${access.canEdit} ${access.canManage}`, `${level} ${expected.has('bucket.edit')} ${expected.has('bucket.manage')}`,
      () => `computeBucketAccess, ${where}`);
    const why = explainBucket(ctx, facts);
    check(why.level, level, () => `explain level, ${where}`);
    check(maxLevel(why.sources.map((s) => s.level)), level, () => `explain sources reach the level, ${where}`);
    const shareIds = world.bucketShares.filter((s) => s.bucketId === bucket.id).map((s) => s.id);
    for (const source of why.sources.filter((s) => s.kind === 'bucket_share')) {
      check(source.bucketId === bucket.id && shareIds.includes(source.id ?? ''), true, () => `explain names a share of the bucket, ${where}`);
    }
  }
  const visible = world.buckets.filter((b) => oracleBucketActions(world, user.id, b.id).has('bucket.view')).map((b) => b.id).sort(bucketOrder(world));
  for (const size of [1_000, pageSize]) {
    const listed = await listAll(db, ctx, size);
    check(listed.join(), visible.join(), () => `bucket list in pages of ${size} for ${user.id}`);
    for (const id of listed) {
      const facts = loaded.get(id);
      check(facts ? decide(ctx, 'bucket.view', facts).allowed : false, true, () => `listed bucket ${id} passes bucket.view for ${user.id}`);
    }
  }
}
