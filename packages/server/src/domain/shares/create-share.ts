// POST /contacts/:id/shares (spec §6.1): the owner, admins and `edit` holders share at `view`, `collaborate` or
// `edit`, never above their own level (admins up to `edit`), with an optional window. Several shares may name the
// same grantee (a permanent `view` and a week of `collaborate` for holiday cover); the highest active one counts.
// Audited with the new share as `after`.
import type { ActorContext, Grantee, ShareLevel } from '@tandem/core';
import { insertContactShare, loadContactShare, type ShareWithGrantee } from '../../storage/share-queries.ts';
import { auditContactChange } from '../contacts/contact-audit.ts';
import { contactNotFound, loadContactOrThrow } from '../contacts/contact-guard.ts';
import { assertGranteeInOrg, assertShareChange } from './share-guard.ts';
import { shareSnapshot } from './share-snapshot.ts';
import type { Deps } from '../shared/deps.ts';
import { assertWindow } from '../shared/time.ts';

export type NewShare = { grantee: Grantee; level: ShareLevel; startsAt?: string | null; expiresAt?: string | null };

const dateOf = (value: string | null | undefined): Date | null => (value ? new Date(value) : null);

export async function createShare(deps: Deps, ctx: ActorContext, contactId: string, input: NewShare): Promise<ShareWithGrantee> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const contact = await loadContactOrThrow(trx, ctx, contactId, 'contact.view');
    assertShareChange(ctx, contact, [input.level]);
    const grantee = await assertGranteeInOrg(trx, ctx.actor.orgId, input.grantee, contact.row.owner_id);
    const window = { startsAt: dateOf(input.startsAt), expiresAt: dateOf(input.expiresAt) };
    assertWindow(window, ctx.now);
    const id = await insertContactShare(trx, ctx.actor.orgId, contact.row.id, { grantee, level: input.level, ...window }, ctx.actor.userId, ctx.now);
    const share = await loadContactShare(trx, ctx.actor.orgId, contact.row.id, id);
    if (!share) throw contactNotFound();
    await auditContactChange(trx, ctx, 'contact.share.create', contact.row.id, null, shareSnapshot(share));
    return share;
  });
}
