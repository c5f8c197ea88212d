// PATCH /contacts/:id/shares/:shareId (spec §6.1): change a share's level or window under the rule that made it:
// the caller must be allowed to give both the old and the new level. Audited with before and after; a change that
// changes nothing answers the share and writes no entry. The share's row is locked first, so racing changes apply
// one after the other, each judged and audited against the share the previous one left (or 404 once revoked).
import type { ActorContext, ShareLevel } from '@tandem/core';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../errors.ts';
import { loadContactShare, lockContactShare, updateContactShare, type ShareWithGrantee } from '../../storage/share-queries.ts';
import { auditContactChange } from '../contacts/contact-audit.ts';
import { loadContactOrThrow } from '../contacts/contact-guard.ts';
import { assertMayTouchShare, assertShareChange } from './share-guard.ts';
import { shareLevelOf, shareSnapshot } from './share-snapshot.ts';
import type { Deps } from '../shared/deps.ts';
import { assertWindow } from '../shared/time.ts';

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
    const before = await lockContactShare(trx, ctx.actor.orgId, contact.row.id, shareId.toLowerCase());
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
    const [beforeSnapshot, afterSnapshot] = [shareSnapshot(before), shareSnapshot(after)];
    if (!isDeepStrictEqual(beforeSnapshot, afterSnapshot)) {
      await auditContactChange(trx, ctx, 'contact.share.update', contact.row.id, beforeSnapshot, afterSnapshot);
    }
    return after;
  });
}
