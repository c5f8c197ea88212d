// Audit snapshots for contact changes (spec §10): who owns it and in what state it is, before and after. Profile
// fields beyond the name are not copied into the log, and message bodies never are (admins read the log, and
// spec §8 keeps communication history from them unless a source gives it).
import type { ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import type { ContactRow } from '../../storage/contact-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';

export type ContactSnapshot = { name: string; ownerId: string; archivedAt: string | null; trashedAt: string | null };

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

export function contactSnapshot(row: Pick<ContactRow, 'name' | 'owner_id' | 'archived_at' | 'trashed_at'>): ContactSnapshot {
  return { name: row.name, ownerId: row.owner_id, archivedAt: iso(row.archived_at), trashedAt: iso(row.trashed_at) };
}

export async function auditContactChange(trx: Db, ctx: ActorContext, action: string, contactId: string, before: unknown, after: unknown): Promise<void> {
  await appendAudit(trx, {
    orgId: ctx.actor.orgId, actorId: ctx.actor.userId, action, targetType: 'contact', targetId: contactId, before, after, at: ctx.now,
  });
}
