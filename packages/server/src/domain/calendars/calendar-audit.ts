// Audit entries for calendar changes (spec §10): items created, changed, moved, completed, reopened and deleted, and
// feed URLs made, replaced and revoked. Item snapshots carry ids and flags only (calendar-item-fields.ts itemSnapshot).
import type { ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import { appendAudit } from '../audit/audit-chain.ts';

export async function auditItemChange(trx: Db, ctx: ActorContext, action: string, itemId: string, before: unknown, after: unknown): Promise<void> {
  await appendAudit(trx, {
    orgId: ctx.actor.orgId, actorId: ctx.actor.userId, action, targetType: 'calendar_item', targetId: itemId, before, after, at: ctx.now,
  });
}

/** A feed is audited on the calendar it shows (the calendar's user), with its holder. */
export async function auditFeedChange(trx: Db, ctx: ActorContext, action: string, calendarUserId: string, before: unknown, after: unknown): Promise<void> {
  await appendAudit(trx, {
    orgId: ctx.actor.orgId, actorId: ctx.actor.userId, action, targetType: 'calendar', targetId: calendarUserId, before, after, at: ctx.now,
  });
}
