// POST /buckets/:id/contacts {contactIds} and DELETE /buckets/:id/contacts/:contactId (spec §6.2).
// Adding needs `edit` on the bucket and `edit` on every contact (putting a contact into a shared bucket is sharing
// it): all or nothing, checked in bulk (allowedSubset over facts loaded once); the first refused contact answers as
// that contact would alone (404, 403 or 409). Contacts already in the bucket stay. Removing needs `edit` on the
// bucket, and the contact must be one the caller can see and that is in the bucket (404 otherwise). Both are audited.
import { allowedSubset, type ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { addBucketContacts, isInBucket, removeBucketContact } from '../../storage/bucket-queries.ts';
import { loadContacts } from '../../storage/contact-queries.ts';
import { auditBucketChange } from './bucket-audit.ts';
import { loadBucketOrThrow, type BucketView } from './bucket-guard.ts';
import { assertContactAction, contactNotFound, loadContactOrThrow } from '../contacts/contact-guard.ts';
import type { Deps } from '../shared/deps.ts';

export async function addContactsToBucket(deps: Deps, ctx: ActorContext, bucketId: string, contactIds: string[]): Promise<BucketView> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const bucket = await loadBucketOrThrow(trx, ctx, bucketId, 'edit');
    const ids = [...new Set(contactIds.map((id) => id.toLowerCase()))];
    const found = await loadContacts(trx, ctx, ids);
    const editable = allowedSubset(ctx, 'contact.edit', [...found.values()].map((c) => c.facts));
    const refused = ids.find((id) => !editable.has(id));
    if (refused !== undefined) {
      const contact = found.get(refused);
      if (!contact) throw contactNotFound();
      assertContactAction(ctx, 'contact.edit', contact.facts);
      throw new AppError('TANDEM_ACCESS_FORBIDDEN');
    }
    const added = await addBucketContacts(trx, ctx.actor.orgId, bucket.row.id, ids, ctx.actor.userId, ctx.now);
    if (added.length) await auditBucketChange(trx, ctx, 'bucket.contacts.add', bucket.row.id, null, { contactIds: added });
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
