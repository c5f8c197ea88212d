// GET /invitations (admin): the org's open invitations (pending and expired; accepted and revoked ones are in the
// audit log), newest first, keyset paged.
import type { ActorContext } from '@tandem/core';
import { listOpenInvitations, type InvitationRow } from '../../storage/invitation-queries.ts';
import { requireAdminOrThrow } from '../shared/admin-guard.ts';
import { decodeCursor, pageOf } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';
import { parseInstant, toIso } from '../shared/time.ts';
import { AppError } from '../../errors.ts';

export async function listInvitations(deps: Deps, ctx: ActorContext, page: { limit: number; cursor?: string | undefined }): Promise<{ items: InvitationRow[]; nextCursor: string | null }> {
  requireAdminOrThrow(ctx);
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  if (after && parseInstant(after.key) === null) throw new AppError('TANDEM_INPUT_INVALID', 'cursor: not a cursor this list gave out');
  const rows = await listOpenInvitations(deps.db, ctx.actor.orgId, page.limit, after && { createdAt: after.key, id: after.id });
  const { page: items, nextCursor } = pageOf(rows, page.limit, (r) => [toIso(r.created_at) as string, r.id]);
  return { items, nextCursor };
}
