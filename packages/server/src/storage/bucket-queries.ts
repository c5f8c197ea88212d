// Buckets (named groups of contacts), their members and their shares. Which buckets a caller may see is the
// `bucket.view` policy the domain compiles with @tandem/core; the list renders it for the buckets table (BUCKETS).
import { levelRank, type ListPolicy, type ShareLevel } from '@tandem/core';
import { sql, type SqlBool } from 'kysely';
import type { Db } from './connect.ts';
import { isUuid } from './contact-queries.ts';
import { BUCKETS, renderPolicy } from './render-filter.ts';
import { listSharesOf, loadShareOf, type ShareInput, type ShareRowOf, type WithGrantee } from './share-queries.ts';

export type BucketRow = { id: string; owner_id: string; name: string; created_at: Date; contact_count: number; sort_key: string };
export type BucketCursor = { sortKey: string; id: string };

const SORT_KEY = sql<string>`lower(b.name) COLLATE "C"`;
const CONTACT_COUNT = sql<string>`(SELECT count(*) FROM bucket_contacts bc WHERE bc.org_id = b.org_id AND bc.bucket_id = b.id)`;

function bucketsOf(db: Db, orgId: string) {
  return db.selectFrom('buckets as b')
    .select(['b.id', 'b.owner_id', 'b.name', 'b.created_at', CONTACT_COUNT.as('contact_count'), SORT_KEY.as('sort_key')])
    .where('b.org_id', '=', orgId);
}

type RawBucket = Omit<BucketRow, 'contact_count'> & { contact_count: string | number };
const toRow = (r: RawBucket): BucketRow => ({ ...r, contact_count: Number(r.contact_count) });

export async function loadBucket(db: Db, orgId: string, bucketId: string): Promise<BucketRow | null> {
  if (!isUuid(bucketId)) return null;
  const row = await bucketsOf(db, orgId).where('b.id', '=', bucketId).executeTakeFirst();
  return row ? toRow(row) : null;
}

/** One keyset page, sorted by lower-case name, of the buckets `policy` lets through; up to `limit + 1` rows. */
export async function listBuckets(db: Db, orgId: string, policy: ListPolicy, limit: number, after?: BucketCursor): Promise<BucketRow[]> {
  if (policy.kind === 'denied') return [];
  let query = bucketsOf(db, orgId).where(renderPolicy(policy, BUCKETS, orgId));
  if (after) query = query.where(sql<SqlBool>`(${SORT_KEY}, b.id) > (${after.sortKey}, ${after.id}::uuid)`);
  const rows = await query.orderBy(SORT_KEY).orderBy('b.id').limit(limit + 1).execute();
  return rows.map(toRow);
}

export async function insertBucket(trx: Db, orgId: string, ownerId: string, name: string, now: number): Promise<string> {
  const row = await trx.insertInto('buckets').values({ org_id: orgId, owner_id: ownerId, name, created_at: new Date(now) })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function renameBucket(trx: Db, orgId: string, bucketId: string, name: string): Promise<void> {
  await trx.updateTable('buckets').set({ name }).where('org_id', '=', orgId).where('id', '=', bucketId).execute();
}

/** Deletes the bucket with its memberships and shares (cascade); the contacts themselves are untouched. */
export async function deleteBucketRow(trx: Db, orgId: string, bucketId: string): Promise<void> {
  await trx.deleteFrom('buckets').where('org_id', '=', orgId).where('id', '=', bucketId).execute();
}

/** Adds contacts; ones already in the bucket are left as they are. Returns the ids actually added. */
export async function addBucketContacts(trx: Db, orgId: string, bucketId: string, contactIds: string[], addedBy: string, now: number): Promise<string[]> {
  if (contactIds.length === 0) return [];
  const rows = await trx.insertInto('bucket_contacts')
    .values(contactIds.map((contact_id) => ({ org_id: orgId, bucket_id: bucketId, contact_id, added_by: addedBy, added_at: new Date(now) })))
    .onConflict((oc) => oc.columns(['org_id', 'bucket_id', 'contact_id']).doNothing())
    .returning('contact_id').execute();
  return rows.map((r) => r.contact_id);
}

export async function isInBucket(db: Db, orgId: string, bucketId: string, contactId: string): Promise<boolean> {
  if (!isUuid(contactId)) return false;
  const row = await db.selectFrom('bucket_contacts').select('contact_id')
    .where('org_id', '=', orgId).where('bucket_id', '=', bucketId).where('contact_id', '=', contactId).executeTakeFirst();
  return row !== undefined;
}

export async function removeBucketContact(trx: Db, orgId: string, bucketId: string, contactId: string): Promise<void> {
  await trx.deleteFrom('bucket_contacts').where('org_id', '=', orgId).where('bucket_id', '=', bucketId).where('contact_id', '=', contactId).execute();
}

export type BucketShareRow = WithGrantee<ShareRowOf<'bucket_shares'>>;

export async function listBucketShares(db: Db, orgId: string, bucketId: string): Promise<BucketShareRow[]> {
  return listSharesOf(db, 'bucket_shares', orgId, bucketId);
}

export async function loadBucketShare(db: Db, orgId: string, bucketId: string, shareId: string): Promise<BucketShareRow | null> {
  return loadShareOf(db, 'bucket_shares', orgId, bucketId, shareId);
}

/** As loadBucketShare, and locks the share's row until the transaction ends: racing revocations succeed once. */
export async function lockBucketShare(trx: Db, orgId: string, bucketId: string, shareId: string): Promise<BucketShareRow | null> {
  return loadShareOf(trx, 'bucket_shares', orgId, bucketId, shareId, { forUpdate: true });
}

export async function insertBucketShare(trx: Db, orgId: string, bucketId: string, input: ShareInput & { level: ShareLevel }, createdBy: string, now: number): Promise<string> {
  const row = await trx.insertInto('bucket_shares').values({
    org_id: orgId, bucket_id: bucketId, level: levelRank(input.level),
    grantee_user_id: 'userId' in input.grantee ? input.grantee.userId : null,
    grantee_team_id: 'teamId' in input.grantee ? input.grantee.teamId : null,
    starts_at: input.startsAt, expires_at: input.expiresAt, created_by: createdBy, created_at: new Date(now),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateBucketShareRow(trx: Db, orgId: string, shareId: string, patch: { level: ShareLevel; startsAt: Date | null; expiresAt: Date | null }): Promise<void> {
  await trx.updateTable('bucket_shares').set({ level: levelRank(patch.level), starts_at: patch.startsAt, expires_at: patch.expiresAt })
    .where('org_id', '=', orgId).where('id', '=', shareId).execute();
}

export async function deleteBucketShare(trx: Db, orgId: string, shareId: string): Promise<void> {
  await trx.deleteFrom('bucket_shares').where('org_id', '=', orgId).where('id', '=', shareId).execute();
}
