// POST /contacts/:id/shares (spec §6.1): the owner, admins and `edit` holders share at `view`, `collaborate` or
// `edit`, never above their own level (admins up to `edit`), with an optional window. Several shares may name the
// same grantee (a permanent `view` and a week of `collaborate` for holiday cover); the highest active one counts.
// Audited with the new share as `after`. `shareLoaded` is the rule and the write for one contact already read in the
// caller's transaction, with the grantee and window checked: the bulk actions (contacts/bulk-contacts.ts) use it too.
import type { ActorContext, Grantee, ShareLevel } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import type { ContactWithFacts } from '../../storage/contact-facts.ts';
import { insertContactShare, loadContactShare, type ShareWithGrantee } from '../../storage/share-queries.ts';
import { auditContactChange } from '../contacts/contact-audit.ts';
import { contactNotFound, loadContactOrThrow } from '../contacts/contact-guard.ts';
import { assertGranteeNotOwner, assertShareChange, granteeInOrgOrThrow } from './share-guard.ts';
import { shareSnapshot } from './share-snapshot.ts';
import type { Deps } from '../shared/deps.ts';
import { assertWindow } from '../shared/time.ts';

export type NewShare = { grantee: Grantee; level: ShareLevel; startsAt?: string | null; expiresAt?: string | null };
/** A share to make, checked where it does not depend on the contact: the grantee is of the org, the window valid. */
export type CheckedShare = { grantee: Grantee; level: ShareLevel; startsAt: Date | null; expiresAt: Date | null };

const dateOf = (value: string | null | undefined): Date | null => (value ? new Date(value) : null);

/** The grantee (404 when not of the org) and the window (400 when it ends before it starts or has ended). */
export async function checkNewShare(db: Db, ctx: ActorContext, input: NewShare): Promise<CheckedShare> {
  const grantee = await granteeInOrgOrThrow(db, ctx.actor.orgId, input.grantee);
  const window = { startsAt: dateOf(input.startsAt), expiresAt: dateOf(input.expiresAt) };
  assertWindow(window, ctx.now);
  return { grantee, level: input.level, ...window };
}

/** Shares a contact read in `trx`, or throws the refusal before writing anything. */
export async function shareLoaded(trx: Db, ctx: ActorContext, contact: ContactWithFacts, share: CheckedShare): Promise<ShareWithGrantee> {
  assertShareChange(ctx, contact, [share.level]);
  assertGranteeNotOwner(share.grantee, contact.row.owner_id);
  const id = await insertContactShare(trx, ctx.actor.orgId, contact.row.id, share, ctx.actor.userId, ctx.now);
  const made = await loadContactShare(trx, ctx.actor.orgId, contact.row.id, id);
  if (!made) throw contactNotFound();
  await auditContactChange(trx, ctx, 'contact.share.create', contact.row.id, null, shareSnapshot(made));
  return made;
}

export async function createShare(deps: Deps, ctx: ActorContext, contactId: string, input: NewShare): Promise<ShareWithGrantee> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const contact = await loadContactOrThrow(trx, ctx, contactId, 'contact.view');
    assertShareChange(ctx, contact, [input.level]);
    const share = await checkNewShare(trx, ctx, input);
    return shareLoaded(trx, ctx, contact, share);
  });
}
