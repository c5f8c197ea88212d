// PATCH /users/:id (admin): role, status, export channels and SMS line. The org always keeps one active admin (409
// TANDEM_ORG_LAST_ADMIN). An SMS line is stored in E.164 and belongs to one user of the org (409
// TANDEM_USER_SMS_LINE_TAKEN): inbound SMS replies find their owner by it (docs/permissions.md, "Inbound replies"). Deactivation also revokes the user's sessions and API tokens in the same transaction, so
// they stay dead if the user is reactivated (auth already refuses them on the very next request because it checks
// the user's status on every request). A role change revokes the user's sign-in sessions, API tokens kept (D46). Each changed aspect is one audit entry with before and after.
import { normaliseSmsLine } from '@tandem/api';
import { EXPORT_CHANNELS, type ActorContext, type ExportChannel } from '@tandem/core';
import { AppError } from '../../errors.ts';
import type { UserRow } from '../../storage/rows.ts';
import { revokeUserCredentials, revokeUserSessions } from '../../storage/session-queries.ts';
import { countActiveAdmins, isSmsLineTaken, updateUserAccess, updateUserSmsLine } from '../../storage/user-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { loadUserOrThrow } from './user-guard.ts';

export type UserPatch = {
  role?: 'admin' | 'member'; status?: 'active' | 'deactivated'; exportChannels?: ExportChannel[];
  /** As typed (formatting allowed); null clears it. */
  smsLine?: string | null;
};

/** Channels in catalogue order without duplicates, so equal sets compare and audit equal. */
export function canonicalChannels(channels: readonly string[]): ExportChannel[] {
  return EXPORT_CHANNELS.filter((c) => channels.includes(c));
}

function isActiveAdmin(u: Pick<UserRow, 'role' | 'status'>): boolean {
  return u.role === 'admin' && u.status === 'active';
}

type Change = { action: string; before: Record<string, unknown>; after: Record<string, unknown> };

/** The patch's SMS line in E.164; undefined when the patch leaves the line alone. */
function smsLineOf(patch: UserPatch): string | null | undefined {
  if (patch.smsLine === undefined || patch.smsLine === null) return patch.smsLine;
  const line = normaliseSmsLine(patch.smsLine);
  if (line === null) throw new AppError('TANDEM_INPUT_INVALID', 'smsLine: an SMS line is a phone number in E.164, e.g. +15551234567.');
  return line;
}

function changesOf(before: UserRow, patch: UserPatch, smsLine: string | null | undefined): Change[] {
  const changes: Change[] = [];
  if (patch.role !== undefined && patch.role !== before.role) changes.push({ action: 'user.role.change', before: { role: before.role }, after: { role: patch.role } });
  if (patch.status !== undefined && patch.status !== before.status) changes.push({ action: 'user.status.change', before: { status: before.status }, after: { status: patch.status } });
  if (patch.exportChannels !== undefined) {
    const was = canonicalChannels(before.export_channels);
    const now = canonicalChannels(patch.exportChannels);
    if (was.join() !== now.join()) changes.push({ action: 'user.exportChannels.change', before: { exportChannels: was }, after: { exportChannels: now } });
  }
  if (smsLine !== undefined && smsLine !== before.sms_line) changes.push({ action: 'user.smsLine.change', before: { smsLine: before.sms_line }, after: { smsLine } });
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
    const smsLine = smsLineOf(patch);
    const changes = changesOf(before, patch, smsLine);
    if (changes.length === 0) return before;
    if (typeof smsLine === 'string' && smsLine !== before.sms_line && await isSmsLineTaken(trx, orgId, userId, smsLine.slice(1))) {
      throw new AppError('TANDEM_USER_SMS_LINE_TAKEN', `Another user of the organisation has the SMS line ${smsLine}.`);
    }
    let after = await updateUserAccess(trx, orgId, userId, {
      role: next.role, status: next.status, exportChannels: canonicalChannels(patch.exportChannels ?? before.export_channels),
    });
    if (smsLine !== undefined && smsLine !== before.sms_line) after = await updateUserSmsLine(trx, orgId, userId, smsLine);
    const deactivating = next.status === 'deactivated' && before.status !== 'deactivated';
    for (const change of changes) {
      const extra = change.action === 'user.status.change' && deactivating
        ? { revokedCredentials: await revokeUserCredentials(trx, orgId, userId, ctx.now) }
        : {};
      // A new role signs the user out of the browser (D46): every page open under the old role is gone, and they sign
      // in again under the new one. API tokens stay: their requests read the role afresh each time. (A deactivation in
      // the same patch revokes everything.) The entry keeps its shape (account-audit.test.ts): the revocation is the rule.
      if (change.action === 'user.role.change' && !deactivating) await revokeUserSessions(trx, orgId, userId, ctx.now);
      await appendAudit(trx, {
        orgId, actorId: ctx.actor.userId, action: change.action, targetType: 'user', targetId: userId,
        before: change.before, after: { ...change.after, ...extra }, at: ctx.now,
      });
    }
    return after;
  });
}
