// GET /audit and GET /audit/verify (admin): the org's log, newest first in keyset pages by `seq`, filtered on the
// server by actor, action (exact or a prefix), target and time (issue 10, defect 10), and a walk of the whole hash
// chain (audit-chain.ts), alone or against a checkpoint the admin kept (audit-checkpoint.ts, D51).
import type { AuditFilters } from '@tandem/api';
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { listAuditPage, type AuditWhere } from '../../storage/audit-queries.ts';
import { isUuid } from '../../storage/ids.ts';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor.ts';
import { verifyAuditChain, type ChainVerdict } from './audit-chain.ts';
import { makeAuditCheckpoint, verifyAuditCheckpoint, type AuditCheckpoint, type CheckpointVerdict } from './audit-checkpoint.ts';
import { requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';

export type AuditEntry = {
  seq: string; id: string; at: Date; actorId: string | null; actorName: string | null; action: string;
  targetType: string; targetId: string | null; before: unknown; after: unknown; prevHash: string; hash: string;
};

export type AuditListInput = AuditFilters & { limit: number; cursor?: string | undefined };

/** `actorId=system`: the entries no user made (scheduled jobs such as the trash purge). */
const SYSTEM_ACTOR = 'system';

/** The filters as the storage reads them; null when they cannot match anything (an actor id that is no id). */
function whereOf(filters: AuditFilters): AuditWhere | null {
  if (filters.from && filters.to && filters.from >= filters.to) {
    const issues = [{ path: 'to', message: 'must be after from' }];
    throw new AppError('TANDEM_INPUT_INVALID', 'to: must be after from', { issues });
  }
  if (filters.actorId !== undefined && filters.actorId !== SYSTEM_ACTOR && !isUuid(filters.actorId)) return null;
  const action = filters.action === undefined ? undefined
    : filters.action.endsWith('.') ? { prefix: filters.action } : { exact: filters.action };
  return {
    actorId: filters.actorId === SYSTEM_ACTOR ? null : filters.actorId?.toLowerCase(), action, targetType: filters.targetType, targetId: filters.targetId,
    from: filters.from ? new Date(filters.from) : undefined, to: filters.to ? new Date(filters.to) : undefined,
  };
}

export async function listAudit(deps: Deps, ctx: ActorContext, input: AuditListInput): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  requireAdminOrThrow(ctx);
  const { limit, cursor, ...filters } = input;
  const beforeSeq = cursor ? decodeAuditCursor(cursor, filters) : undefined;
  const where = whereOf(filters);
  if (!where) return { items: [], nextCursor: null };
  const rows = await listAuditPage(deps.db, ctx.actor.orgId, limit, where, beforeSeq);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r): AuditEntry => ({
      seq: String(r.seq), id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action,
      targetType: r.target_type, targetId: r.target_id, before: r.before, after: r.after, prevHash: r.prev_hash, hash: r.hash,
    })),
    nextCursor: rows.length > limit && last ? encodeAuditCursor(filters, String(last.seq)) : null,
  };
}

export async function verifyAudit(deps: Deps, ctx: ActorContext): Promise<ChainVerdict> {
  requireAdminOrThrow(ctx);
  return verifyAuditChain(deps.db, ctx.actor.orgId);
}

/** GET /audit/checkpoint (admin): the head of the org's chain, signed (audit-checkpoint.ts). */
export async function checkpointAudit(deps: Deps, ctx: ActorContext): Promise<AuditCheckpoint> {
  requireAdminOrThrow(ctx);
  return makeAuditCheckpoint(deps.db, ctx.actor.orgId, ctx.now);
}

/**
 * POST /audit/verify (admin): the chain walked, and `checkpoint` checked against it. A checkpoint of another org is
 * refused before anything is read: that org's chain is not the caller's to test.
 */
export async function verifyAuditWithCheckpoint(deps: Deps, ctx: ActorContext, checkpoint: AuditCheckpoint): Promise<CheckpointVerdict & { checkpoint: Exclude<CheckpointVerdict['checkpoint'], 'other-org'> }> {
  requireAdminOrThrow(ctx);
  if (checkpoint.orgId !== ctx.actor.orgId) throw new AppError('TANDEM_AUDIT_CHECKPOINT_OTHER_ORG', 'this checkpoint is of another org; verify it signed in to that org');
  const verdict = await verifyAuditCheckpoint(deps.db, ctx.actor.orgId, checkpoint);
  if (verdict.checkpoint === 'other-org') throw new AppError('TANDEM_AUDIT_CHECKPOINT_OTHER_ORG', 'this checkpoint is of another org');
  return { ...verdict, checkpoint: verdict.checkpoint };
}
