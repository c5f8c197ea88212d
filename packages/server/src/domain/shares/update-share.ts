// PATCH /contacts/:id/shares/:shareId (spec §6.1): change a share's level or window under the rule that made it:
// the caller must be allowed to give both the old and the new level. Audited with before and after.
import type { ActorContext, ShareLevel } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { loadContactShare, updateContactShare, type ShareWithGrantee } from '../../storage/share-queries.ts';
import { auditContactChange } from '../contacts/contact-audit.ts';
import { loadContactOrThrow } from '../contacts/contact-guard.ts';
import { assertMayTouchShare, assertShareChange, assertWindow } from './share-guard.ts';
import { shareLevelOf, shareSnapshot } from './share-snapshot.ts';
import type { Deps } from '../shared/deps.ts';

export type SharePatch = { level?: ShareLevel; startsAt?: string | null; expiresAt?: string | null };

function pick(value: string | null | undefined, current: Date | null): Date | null {
  if (value === undefined) return current;
  return value === null ? null : new Date(value);
}

export async function updateShare(deps: Deps, ctx: ActorContext, contactId: string, shareId: string, patch: SharePatch): Promise<ShareWithGrantee> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const contact = await loadContactOrThrow(trx, ctx, contactId, 'contact.view');
    assertShareChange(ctx, contact, []);
    const before = await loadContactShare(trx, ctx.actor.orgId, contact.row.id, shareId.toLowerCase());
    if (!before) throw new AppError('TANDEM_SHARE_NOT_FOUND');
    const oldLevel = shareLevelOf(before.level);
    const level = patch.level ?? oldLevel;
    assertShareChange(ctx, contact, [oldLevel, level]);
    await assertMayTouchShare(trx, ctx, contact, before.created_by);
    const window = { startsAt: pick(patch.startsAt, before.starts_at), expiresAt: pick(patch.expiresAt, before.expires_at) };
    if (patch.startsAt !== undefined || patch.expiresAt !== undefined) assertWindow(window, ctx.now);
    await updateContactShare(trx, ctx.actor.orgId, before.id, { level, ...window });
    const after = await loadContactShare(trx, ctx.actor.orgId, contact.row.id, before.id);
    if (!after) throw new AppError('TANDEM_SHARE_NOT_FOUND');
    await auditContactChange(trx, ctx, 'contact.share.update', contact.row.id, shareSnapshot(before), shareSnapshot(after));
    return after;
  });
}
