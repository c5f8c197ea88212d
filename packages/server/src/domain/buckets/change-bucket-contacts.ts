// POST /buckets/:id/contacts {contactIds} and DELETE /buckets/:id/contacts/:contactId (spec §6.2).
// Adding needs `edit` on the bucket and `edit` on every contact (putting a contact into a shared bucket is sharing
// it): all or nothing, checked in bulk (allowedSubset over facts loaded once); the first refused contact answers as
// that contact would alone (404, 403 or 409). Contacts already in the bucket stay. Removing needs `edit` on the
// bucket, and the contact must be one the caller can see and that is in the bucket (404 otherwise). Both are audited.
import { allowedSubset, type ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { addBucketContacts, isInBucket, removeBucketContact } from '../../storage/bucket-queries.ts';
import type { Db } from '../../storage/connect.ts';
import { loadContacts, type ContactWithFacts } from '../../storage/contact-queries.ts';
import { auditBucketChange } from './bucket-audit.ts';
import { loadBucketOrThrow, type BucketView } from './bucket-guard.ts';
import { contactNotFound, contactRefusal, loadContactOrThrow } from '../contacts/contact-guard.ts';
import type { Deps } from '../shared/deps.ts';

/**
 * Which of `ids` may go into a bucket (spec §6.2: `edit` on the contact; the caller checked `edit` on the bucket),
 * decided in bulk over facts read once; each refused id with the answer it would get alone (404, 403 or 409).
 */
export function bucketAdmissions(ctx: ActorContext, ids: readonly string[], found: ReadonlyMap<string, ContactWithFacts>): { allowed: string[]; refused: Map<string, AppError> } {
  const editable = allowedSubset(ctx, 'contact.edit', [...found.values()].map((c) => c.facts));
  const refused = new Map<string, AppError>();
  for (const id of ids) {
    if (editable.has(id)) continue;
    refused.set(id, contactRefusal(ctx, 'contact.edit', found.get(id)?.facts) ?? new AppError('TANDEM_ACCESS_FORBIDDEN'));
  }
  return { allowed: ids.filter((id) => editable.has(id)), refused };
}

/** Puts admitted contacts into the bucket (those already in it stay) and audits the ones added. */
export async function addAdmittedToBucket(trx: Db, ctx: ActorContext, bucketId: string, ids: string[]): Promise<string[]> {
  const added = await addBucketContacts(trx, ctx.actor.orgId, bucketId, ids, ctx.actor.userId, ctx.now);
  if (added.length) await auditBucketChange(trx, ctx, 'bucket.contacts.add', bucketId, null, { contactIds: added });
  return added;
}

export async function addContactsToBucket(deps: Deps, ctx: ActorContext, bucketId: string, contactIds: string[]): Promise<BucketView> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const bucket = await loadBucketOrThrow(trx, ctx, bucketId, 'edit');
    const ids = [...new Set(contactIds.map((id) => id.toLowerCase()))];
    const { refused } = bucketAdmissions(ctx, ids, await loadContacts(trx, ctx, ids));
    // All or nothing: the first refused contact answers as it would alone.
    const [first] = refused.values();
    if (first) throw first;
    await addAdmittedToBucket(trx, ctx, bucket.row.id, ids);
    return loadBucketOrThrow(trx, ctx, bucket.row.id, 'see');
  });
}

export async function removeContactFromBucket(deps: Deps, ctx: ActorContext, bucketId: string, contactId: string): Promise<void> {
  const { db } = deps;
  await db.transaction().execute(async (trx) => {
    const bucket = await loadBucketOrThrow(trx, ctx, bucketId, 'edit');
    const contact = await loadContactOrThrow(trx, ctx, contactId, 'contact.view');
    if (!(await isInBucket(trx, ctx.actor.orgId, bucket.row.id, contact.row.id))) throw contactNotFound();
    await removeBucketContact(trx, ctx.actor.orgId, bucket.row.id, contact.row.id);
    await auditBucketChange(trx, ctx, 'bucket.contacts.remove', bucket.row.id, { contactIds: [contact.row.id] }, null);
  });
}
