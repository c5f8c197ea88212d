// Integration and sync run answers from domain views; the shapes are @tandem/api's integration.ts. Only what is not
// secret goes out: the account label, the counts; never `credentials`, never the settings' raw values.
import { SYNC_CHANNEL, type IntegrationDto, type SyncRunDto } from '@tandem/api';
import type { IntegrationView } from '../../domain/sync/list-integrations.ts';
import { toIso } from '../../domain/shared/time.ts';
import type { SyncRunRow } from '../../storage/sync-queries.ts';

export function toSyncRunDto(run: SyncRunRow): SyncRunDto {
  return {
    id: run.id, provider: run.provider, status: run.status, stopReason: run.stop_reason, error: run.error, total: run.total,
    processed: run.processed, created: run.created, updated: run.updated, unchanged: run.unchanged, skipped: run.skipped, failed: run.failed,
    createdAt: toIso(run.created_at) as string, startedAt: toIso(run.started_at), finishedAt: toIso(run.finished_at),
  };
}

export function toIntegrationDto(view: IntegrationView): IntegrationDto {
  return {
    provider: view.provider, channel: SYNC_CHANNEL[view.provider], allowed: view.refusal === null, refusal: view.refusal,
    connected: view.row !== null, account: view.row?.settings.account ?? null, connectedAt: view.row ? toIso(view.row.updated_at) : null,
    lastRun: view.lastRun ? toSyncRunDto(view.lastRun) : null,
  };
}
