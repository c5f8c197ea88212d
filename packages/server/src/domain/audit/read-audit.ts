// GET /audit and GET /audit/verify (admin): the org's log, newest first in keyset pages by `seq`, and a walk of the
// whole hash chain (domain/audit.ts).
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { verifyAuditChain, type ChainVerdict } from './audit-chain.ts';
import { decodeCursor, encodeCursor } from '../shared/accounts-cursor.ts';
import { requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';

export type AuditEntry = {
  seq: string; id: string; at: Date; actorId: string | null; actorName: string | null; action: string;
  targetType: string; targetId: string | null; before: unknown; after: unknown; prevHash: string; hash: string;
};

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export async function listAudit(deps: Deps, ctx: ActorContext, page: { limit: number; cursor?: string | undefined }): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  let query = deps.db.selectFrom('audit_log')
    .leftJoin('users', (j) => j.onRef('users.org_id', '=', 'audit_log.org_id').onRef('users.id', '=', 'audit_log.actor_id'))
    .select(['audit_log.seq', 'audit_log.id', 'audit_log.at', 'audit_log.actor_id', 'users.name as actor_name', 'audit_log.action',
      'audit_log.target_type', 'audit_log.target_id', 'audit_log.before', 'audit_log.after', 'audit_log.prev_hash', 'audit_log.hash'])
    .where('audit_log.org_id', '=', orgId).orderBy('audit_log.seq', 'desc').limit(page.limit + 1);
  if (page.cursor) {
    const [seq] = decodeCursor(page.cursor, 1) as [string];
    if (!/^\d{1,18}$/.test(seq)) throw new AppError('TANDEM_INPUT_INVALID', 'cursor: not a cursor this list gave out');
    query = query.where('audit_log.seq', '<', seq);
  }
  const rows = await query.execute();
  const items = rows.slice(0, page.limit).map((r): AuditEntry => ({
    seq: String(r.seq), id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action,
    targetType: r.target_type, targetId: r.target_id, before: parseJson(r.before), after: parseJson(r.after),
    prevHash: r.prev_hash, hash: r.hash,
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor([last.seq]) : null };
}

export async function verifyAudit(deps: Deps, ctx: ActorContext): Promise<ChainVerdict> {
  requireAdminOrThrow(ctx);
  return verifyAuditChain(deps.db, ctx.actor.orgId);
}
