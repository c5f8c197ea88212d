// PATCH /users/:id (admin): role, status and export channels. The org always keeps one active admin (409
// TANDEM_ORG_LAST_ADMIN). Deactivation also revokes the user's sessions and API tokens in the same transaction, so
// they stay dead if the user is reactivated (auth already refuses them on the very next request because it checks
// the user's status on every request). Each changed aspect is one audit entry with before and after.
import { EXPORT_CHANNELS, type ActorContext, type ExportChannel } from '@tandem/core';
import { AppError } from '../../errors.ts';
import type { UserRow } from '../../storage/rows.ts';
import { revokeUserCredentials } from '../../storage/session-queries.ts';
import { countActiveAdmins, updateUserAccess } from '../../storage/user-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { loadUserOrThrow } from './user-guard.ts';

export type UserPatch = { role?: 'admin' | 'member'; status?: 'active' | 'deactivated'; exportChannels?: ExportChannel[] };

/** Channels in catalogue order without duplicates, so equal sets compare and audit equal. */
export function canonicalChannels(channels: readonly string[]): ExportChannel[] {
  return EXPORT_CHANNELS.filter((c) => channels.includes(c));
}

function isActiveAdmin(u: Pick<UserRow, 'role' | 'status'>): boolean {
  return u.role === 'admin' && u.status === 'active';
}

type Change = { action: string; before: Record<string, unknown>; after: Record<string, unknown> };

function changesOf(before: UserRow, patch: UserPatch): Change[] {
  const changes: Change[] = [];
  if (patch.role !== undefined && patch.role !== before.role) changes.push({ action: 'user.role.change', before: { role: before.role }, after: { role: patch.role } });
  if (patch.status !== undefined && patch.status !== before.status) changes.push({ action: 'user.status.change', before: { status: before.status }, after: { status: patch.status } });
  if (patch.exportChannels !== undefined) {
    const was = canonicalChannels(before.export_channels);
    const now = canonicalChannels(patch.exportChannels);
    if (was.join() !== now.join()) changes.push({ action: 'user.exportChannels.change', before: { exportChannels: was }, after: { exportChannels: now } });
  }
  return changes;
}

export async function updateUser(deps: Deps, ctx: ActorContext, userId: string, patch: UserPatch): Promise<UserRow> {
  const orgId = ctx.actor.orgId;
  return asAdmin(deps, ctx, async (trx) => {
    const before = await loadUserOrThrow(trx, orgId, userId);
    const next = { role: patch.role ?? before.role, status: patch.status ?? before.status };
    if (isActiveAdmin(before) && !isActiveAdmin(next) && (await countActiveAdmins(trx, orgId)) <= 1) {
      throw new AppError('TANDEM_ORG_LAST_ADMIN');
    }
    const changes = changesOf(before, patch);
    if (changes.length === 0) return before;
    const after = await updateUserAccess(trx, orgId, userId, {
      role: next.role, status: next.status, exportChannels: canonicalChannels(patch.exportChannels ?? before.export_channels),
    });
    for (const change of changes) {
      const extra = change.action === 'user.status.change' && next.status === 'deactivated'
        ? { revokedCredentials: await revokeUserCredentials(trx, orgId, userId, ctx.now) } : {};
      await appendAudit(trx, {
        orgId, actorId: ctx.actor.userId, action: change.action, targetType: 'user', targetId: userId,
        before: change.before, after: { ...change.after, ...extra }, at: ctx.now,
      });
    }
    return after;
  });
}
