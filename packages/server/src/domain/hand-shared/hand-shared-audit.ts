// Audit entries for templates, pipelines and programs (spec §10): `<resource>.create | .update | .delete`,
// `<resource>.share.create | .update | .revoke`, and the resource's own (cards, enrolments) with their target type.
import type { ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import { appendAudit } from '../audit/audit-chain.ts';

export async function auditChange(
  trx: Db, ctx: ActorContext, action: string, targetType: string, targetId: string, before: unknown, after: unknown,
): Promise<void> {
  await appendAudit(trx, {
    orgId: ctx.actor.orgId, actorId: ctx.actor.userId, action, targetType, targetId, before, after, at: ctx.now,
  });
}
