// Buckets of CRM-N: 200 named groups of 100–10,000 contacts (log-uniform: many small, few large), each shared
// with 2–50 users or teams. Below 10 K contacts the sizes shrink in proportion, so a bucket never exceeds N.
// The bucket member (a test user) is given view on five of them and nothing else through buckets.
import { levelRank } from '@tandem/core';
import { contactId, type ContactSpace } from './contacts.ts';
import type { People } from './people.ts';
import type { Rng } from './prng.ts';
import type { BucketContactRow, BucketRow, BucketShareRow, UserRow } from './types.ts';

const DAY = 86_400_000;
export const BUCKET_COUNT = 200;
export const BUCKET_MEMBER_BUCKETS = 5;
const NAMES = ['Key accounts', 'Q3 renewals', 'Conference leads', 'Newsletter', 'Partners', 'Trial follow-up', 'Referrals', 'Northwest region', 'Clinics', 'Enterprise pipeline'];

export type BucketPlan = { buckets: BucketRow[]; sizes: number[]; shares: BucketShareRow[]; bucketMemberBuckets: number[] };

/** Smallest and largest bucket for N contacts: 100–10,000, scaled down below 10 K contacts. */
export function bucketSizeRange(contacts: number): { min: number; max: number } {
  const scale = Math.min(1, contacts / 10_000);
  const min = Math.max(1, Math.round(100 * scale));
  return { min, max: Math.max(min, Math.min(contacts, Math.round(10_000 * scale))) };
}

function levelOf(rng: Rng): number {
  const r = rng.next();
  return levelRank(r < 0.5 ? 'view' : r < 0.8 ? 'collaborate' : 'edit');
}

export function planBuckets(rng: Rng, contacts: number, people: People, now: number): BucketPlan {
  const { min, max } = bucketSizeRange(contacts);
  const { users, teams, isolated, roles } = people;
  const candidates = [
    ...users.flatMap((u, i) => (isolated.has(i) ? [] : [{ user: u.id, team: null }])),
    ...teams.map((t) => ({ user: null, team: t.id })),
  ];
  const buckets: BucketRow[] = [];
  const sizes: number[] = [];
  const shares: BucketShareRow[] = [];
  for (let b = 0; b < BUCKET_COUNT; b++) {
    const owner = (users[rng.int(0, users.length - 1)] as UserRow).id;
    const created = new Date(now - rng.int(30, 400) * DAY).toISOString();
    const bucket = { id: rng.uuid(), owner_id: owner, name: `${rng.pick(NAMES)} ${b + 1}`, created_at: created };
    buckets.push(bucket);
    sizes.push(rng.logInt(min, max));
    const grantees = rng.sample(Math.min(rng.logInt(2, 50), candidates.length), candidates.length);
    for (const g of grantees) {
      const who = candidates[g] as { user: string | null; team: string | null };
      shares.push({
        id: rng.uuid(), bucket_id: bucket.id, grantee_user_id: who.user, grantee_team_id: who.team, level: levelOf(rng),
        starts_at: null, expires_at: null, created_by: owner, created_at: created,
      });
    }
  }
  const bucketMemberBuckets = rng.sample(Math.min(BUCKET_MEMBER_BUCKETS, BUCKET_COUNT), BUCKET_COUNT);
  for (const b of bucketMemberBuckets) {
    const bucket = buckets[b] as BucketRow;
    shares.push({
      id: rng.uuid(), bucket_id: bucket.id, grantee_user_id: (users[roles.bucketMember] as UserRow).id, grantee_team_id: null,
      level: levelRank('view'), starts_at: null, expires_at: null, created_by: bucket.owner_id, created_at: bucket.created_at,
    });
  }
  return { buckets, sizes, shares, bucketMemberBuckets };
}

/** The contacts of each bucket, bucket after bucket; each bucket draws from its own stream. */
export function* bucketContactRows(rng: Rng, plan: BucketPlan, space: ContactSpace): Generator<BucketContactRow> {
  for (let b = 0; b < plan.buckets.length; b++) {
    const bucket = plan.buckets[b] as BucketRow;
    const members = rng.fork(`bucket-${b}`).sample(plan.sizes[b] as number, space.count);
    for (const index of members) {
      yield { bucket_id: bucket.id, contact_id: contactId(space, index), added_by: bucket.owner_id, added_at: bucket.created_at };
    }
  }
}
