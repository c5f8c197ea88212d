// POST /contacts/bulk (issue 10, item 3): one action on up to 200 contacts, each contact decided by the same rule as
// the single-contact endpoint (the `*Loaded` steps of share-contact, reassign, archive, trash and update, and the
// bucket's admission rule), all in one transaction. The answer names what was done and what was refused, each refusal
// with the code the single-contact endpoint would answer: a missing, malformed or invisible id is
// TANDEM_CONTACT_NOT_FOUND, exactly as a missing one (spec §1.7: nothing tells them apart), never "forbidden".
// What does not depend on the contact is checked once, before any contact, and refuses the whole request as the
// single endpoint would: a grantee or new owner who is not of the org (404), a bad window (400), a bucket the caller
// cannot see (404) or edit (403). Rows are locked in id order first, so racing requests wait instead of deadlocking,
// and each row is judged as the state its lock found. Every change is audited as its single-contact twin is.
import type { ActorContext } from '@tandem/core';
import { AppError, type ErrorCode } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import type { ContactWithFacts } from '../../storage/contact-facts.ts';
import { loadContacts } from '../../storage/contact-read.ts';
import { lockContactRows } from '../../storage/contact-writes.ts';
import { isUuid } from '../../storage/ids.ts';
import { addAdmittedToBucket, bucketAdmissions } from '../buckets/change-bucket-contacts.ts';
import { loadBucketOrThrow } from '../buckets/bucket-guard.ts';
import { checkNewShare, shareLoaded, type NewShare } from '../shares/create-share.ts';
import { setArchivedLoaded } from './archive-contact.ts';
import { contactNotFound } from './contact-guard.ts';
import { reassignLoaded, reassignTargetOrThrow } from './reassign-contact.ts';
import { restoreLoaded, trashLoaded } from './trash-contact.ts';
import { updateLoaded } from './update-contact.ts';
import type { Deps } from '../shared/deps.ts';

/** At most this many contacts per request (as POST /buckets/:id/contacts). */
export const BULK_MAX = 200;

export type BulkAction =
  | ({ action: 'share' } & NewShare)
  | { action: 'reassign'; ownerId: string }
  | { action: 'addToBucket'; bucketId: string }
  | { action: 'addTag' | 'removeTag'; tag: string }
  | { action: 'archive' | 'unarchive' | 'delete' | 'restore' };

export type BulkRefusal = { id: string; code: ErrorCode };
export type BulkResult = { done: string[]; refused: BulkRefusal[] };

/** One contact's step: the single-contact rule and write, or a thrown refusal (before anything is written). */
type Step = (trx: Db, contact: ContactWithFacts) => Promise<void>;

/** The request-level checks, then the step every contact goes through. */
async function stepFor(trx: Db, ctx: ActorContext, input: Exclude<BulkAction, { action: 'addToBucket' }>): Promise<Step> {
  switch (input.action) {
    case 'share': {
      const share = await checkNewShare(trx, ctx, input);
      return async (t, c) => void (await shareLoaded(t, ctx, c, share));
    }
    case 'reassign': {
      const target = await reassignTargetOrThrow(trx, ctx, input.ownerId);
      return async (t, c) => void (await reassignLoaded(t, ctx, c, target));
    }
    // A tag already there (or already gone) changes nothing, but the contact must still be one the caller may edit.
    case 'addTag':
      return async (t, c) => updateLoaded(t, ctx, c, c.row.tags.includes(input.tag) ? {} : { tags: [...c.row.tags, input.tag] });
    case 'removeTag':
      return async (t, c) => updateLoaded(t, ctx, c, c.row.tags.includes(input.tag) ? { tags: c.row.tags.filter((x) => x !== input.tag) } : {});
    case 'archive':
    case 'unarchive':
      return async (t, c) => setArchivedLoaded(t, ctx, c, input.action === 'archive');
    case 'delete':
      return async (t, c) => trashLoaded(t, ctx, c);
    case 'restore':
      return async (t, c) => restoreLoaded(t, ctx, c);
    default:
      return input satisfies never;
  }
}

/** A refusal the single-contact endpoint would answer (4xx), as a row of the report; anything else is rethrown. */
function refusalOf(error: unknown): ErrorCode {
  if (error instanceof AppError && error.status >= 400 && error.status < 500) return error.code;
  throw error;
}

export async function bulkContacts(deps: Deps, ctx: ActorContext, ids: readonly string[], input: BulkAction): Promise<BulkResult> {
  const wanted = [...new Set(ids.map((id) => (isUuid(id) ? id.toLowerCase() : id)))];
  if (wanted.length > BULK_MAX) throw new AppError('TANDEM_INPUT_INVALID', `ids: at most ${BULK_MAX} contacts per request`);
  return deps.db.transaction().execute(async (trx) => {
    const result: BulkResult = { done: [], refused: [] };
    if (input.action === 'addToBucket') {
      const bucket = await loadBucketOrThrow(trx, ctx, input.bucketId, 'edit');
      await lockContactRows(trx, ctx.actor.orgId, wanted);
      const { allowed, refused } = bucketAdmissions(ctx, wanted, await loadContacts(trx, ctx, wanted));
      await addAdmittedToBucket(trx, ctx, bucket.row.id, allowed);
      for (const id of wanted) {
        const refusal = refused.get(id);
        if (refusal) result.refused.push({ id, code: refusal.code });
        else result.done.push(id);
      }
      return result;
    }
    const step = await stepFor(trx, ctx, input);
    await lockContactRows(trx, ctx.actor.orgId, wanted);
    const found = await loadContacts(trx, ctx, wanted);
    for (const id of wanted) {
      const contact = found.get(id);
      try {
        if (!contact) throw contactNotFound();
        await step(trx, contact);
        result.done.push(id);
      } catch (error) {
        result.refused.push({ id, code: refusalOf(error) });
      }
    }
    return result;
  });
}
