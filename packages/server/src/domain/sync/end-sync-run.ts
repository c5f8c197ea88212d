// Ends a run (succeeded, failed or stopped) with its one audit entry `sync.run` (spec §9: every export is audited
// with its channel and row count), in the caller's transaction. A run that had already ended is left alone, so a
// job run twice, or a disconnect racing the last chunk, never audits one run twice.
import { SYNC_CHANNEL } from '@tandem/api';
import type { Db } from '../../storage/connect.ts';
import { finishRun, type RunEnd, type SyncRunRow } from '../../storage/sync-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';

/** What the audit keeps of a run: never a credential. */
export function auditedRun(run: SyncRunRow): Record<string, unknown> {
  return {
    provider: run.provider, channel: SYNC_CHANNEL[run.provider], status: run.status, stopReason: run.stop_reason, error: run.error,
    total: run.total, rows: run.processed, processed: run.processed, created: run.created, updated: run.updated,
    unchanged: run.unchanged, skipped: run.skipped, failed: run.failed,
  };
}

export async function endSyncRun(trx: Db, run: { org_id: string; id: string; user_id: string }, end: RunEnd): Promise<SyncRunRow | undefined> {
  const ended = await finishRun(trx, run.org_id, run.id, end);
  if (!ended) return undefined;
  await appendAudit(trx, {
    orgId: ended.org_id, actorId: ended.user_id, action: 'sync.run', targetType: 'sync_run', targetId: ended.id, after: auditedRun(ended), at: end.now,
  });
  return ended;
}
