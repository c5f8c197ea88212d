// GET /audit and GET /audit/verify (admin): the org's log, newest first in keyset pages by `seq`, and a walk of the
// whole hash chain (audit-chain.ts).
import type { ActorContext } from '@tandem/core';
import { listAuditPage } from '../../storage/audit-queries.ts';
import { verifyAuditChain, type ChainVerdict } from './audit-chain.ts';
import { decodeSeqCursor, pageOf } from '../shared/cursor.ts';
import { requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';

export type AuditEntry = {
  seq: string; id: string; at: Date; actorId: string | null; actorName: string | null; action: string;
  targetType: string; targetId: string | null; before: unknown; after: unknown; prevHash: string; hash: string;
};

export async function listAudit(deps: Deps, ctx: ActorContext, page: { limit: number; cursor?: string | undefined }): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  requireAdminOrThrow(ctx);
  const beforeSeq = page.cursor ? decodeSeqCursor(page.cursor) : undefined;
  const rows = await listAuditPage(deps.db, ctx.actor.orgId, page.limit, beforeSeq);
  const { page: items, nextCursor } = pageOf(rows, page.limit, (r) => [String(r.seq)]);
  return {
    items: items.map((r): AuditEntry => ({
      seq: String(r.seq), id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action,
      targetType: r.target_type, targetId: r.target_id, before: r.before, after: r.after, prevHash: r.prev_hash, hash: r.hash,
    })),
    nextCursor,
  };
}

export async function verifyAudit(deps: Deps, ctx: ActorContext): Promise<ChainVerdict> {
  requireAdminOrThrow(ctx);
  return verifyAuditChain(deps.db, ctx.actor.orgId);
}
