// One queue job of a sync run (D39; jobs/sync-job.ts): chunks pushed one after another for up to `sliceMs`, then the
// next job of the run is enqueued in the transaction that finishes this one, so progress is durable and no lease runs
// out on a long run. Each chunk, in this order:
//   1. the user's facts, loaded fresh (storage/load-actor-context.ts): deactivated → stopped `user_deactivated`;
//   2. the §9 gate asked again: switch turned off → stopped `export_disabled`; channel taken away →
//      `channel_blocked` (so a mid-run change stops the run before another chunk leaves);
//   3. the next keyset page after the run's cursor under the core's compiled `contact.export` policy over active
//      contacts, read as an export's page is (selectExportPage: the profile columns only, no second visibility
//      clause), and those contacts' links;
//   4. the connector pushes the chunk;
//   5. ONE transaction writes the links, the counts and the cursor (and, after the last page, ends the run).
// A provider that stays unavailable (ProviderUnavailable, or anything unexpected) sets the job back for a later
// attempt (its Retry-After when it gave one, else the queue's backoff), from the cursor; after the last attempt the
// run fails with the error in words. Credentials the provider refuses, or that no longer open with this server's
// key, fail the run at once. Every end writes one `sync.run` audit entry (end-sync-run.ts).
import { SYNC_CHANNEL } from '@tandem/api';
import { compileFilter } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import { selectExportPage, type ExportPageRow } from '../../storage/contact-export-queries.ts';
import type { Cursor } from '../../storage/contact-queries.ts';
import { loadActorContext } from '../../storage/load-actor-context.ts';
import { enqueueJob } from '../../storage/queue-queries.ts';
import {
  addRunProgress, markRunRunning, noteRunRetry, selectIntegrationById, selectLinks, selectRunById, upsertLinks,
  type IntegrationRow, type RunEnd, type SyncRunRow, type SyncStopReason,
} from '../../storage/sync-queries.ts';
import { exportRefusalOf } from '../export/export-gate.ts';
import { SecretUnreadable } from '../shared/secret-box.ts';
import { CredentialsRejected, ProviderUnavailable, type ChunkPass, type ChunkResult, type Connection, type SyncContact, type SyncLink } from './connector.ts';
import { endSyncRun } from './end-sync-run.ts';
import { SYNC_CONTACT_STATES, SYNC_JOB_ATTEMPTS, SYNC_RUN_QUEUE, type SyncJobPayload } from './start-sync-run.ts';
import { credentialsContext, type SyncDeps } from './sync-deps.ts';

export type SyncSliceJob = { orgId: string; runId: string; attempt: number; lastAttempt: boolean; now: number };

/** What the queue writes when it finishes the job (jobs/queue.ts JobRunResult). */
export type SyncSliceOutcome = {
  status: 'succeeded' | 'failed' | 'stopped' | 'continued' | 'retry' | 'skipped';
  record?: (trx: Db) => Promise<void>;
  retry?: { error: string; delayMs?: number };
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function syncContactOf(row: ExportPageRow): SyncContact {
  return { id: row.id, name: row.name, company: row.company, title: row.title, emails: row.emails, phones: row.phones, tags: row.tags, address: row.address };
}

function countsOf(result: ChunkResult) {
  const counts = {
    created: result.created.length, updated: result.updated.length, unchanged: result.unchanged.length,
    skipped: result.skipped.length, failed: result.failed.length,
  };
  return { ...counts, processed: counts.created + counts.updated + counts.unchanged + counts.skipped + counts.failed };
}

export async function runSyncSlice(deps: SyncDeps, job: SyncSliceJob): Promise<SyncSliceOutcome> {
  const run = await selectRunById(deps.db, job.orgId, job.runId);
  if (!run || (run.status !== 'queued' && run.status !== 'running')) return { status: 'skipped' };
  const end = (e: Omit<RunEnd, 'now'>): SyncSliceOutcome => ({
    status: e.status, record: async (trx) => void (await endSyncRun(trx, run, { ...e, now: job.now })),
  });
  /** Another attempt later (after `delayMs`, else the queue's backoff), or, on the job's last attempt, the run fails. */
  const retryOrFail = (words: string, delayMs?: number): SyncSliceOutcome => {
    if (job.lastAttempt) return end({ status: 'failed', stopReason: null, error: `${words} (gave up after ${job.attempt} attempts)` });
    return {
      status: 'retry', retry: { error: words, ...(delayMs !== undefined ? { delayMs } : {}) },
      record: async (trx) => noteRunRetry(trx, run.org_id, run.id, words),
    };
  };
  try {
    return await pushChunks(deps, job, run, end, retryOrFail);
  } catch (error) {
    // Anything unexpected (the database gone a moment, a bug): retried like an unavailable provider, never forever.
    return retryOrFail(`The sync stopped on an error: ${messageOf(error)}`);
  }
}

type Ender = (e: Omit<RunEnd, 'now'>) => SyncSliceOutcome;

/** The chunk's pass (connector.ts): the run, and on a retry the attempt and its start, unique to this attempt. */
function passOf(job: SyncSliceJob): ChunkPass {
  return { runId: job.runId, retry: job.attempt <= 1 ? null : `${job.attempt}@${job.now}` };
}

async function pushChunks(
  deps: SyncDeps, job: SyncSliceJob, run: SyncRunRow, end: Ender, retryOrFail: (words: string, delayMs?: number) => SyncSliceOutcome,
): Promise<SyncSliceOutcome> {
  const { db, sync } = deps;
  const integration = await selectIntegrationById(db, job.orgId, run.integration_id);
  if (!integration) return { status: 'skipped' };
  const fail = (error: string) => end({ status: 'failed', stopReason: null, error });

  if (run.status === 'queued') await markRunRunning(db, run.org_id, run.id, job.now);
  let connection: Connection;
  try {
    connection = connectionOf(deps, integration);
  } catch (error) {
    if (!(error instanceof SecretUnreadable)) throw error;
    return fail(`The stored credentials cannot be read: ${error.message}. Connect ${run.provider} again.`);
  }

  const connector = sync.connectors[run.provider];
  const size = Math.max(1, Math.min(connector.chunkSize, sync.chunkSize ?? connector.chunkSize));
  const elapsed = sync.elapsed ?? (() => performance.now());
  const started = elapsed();
  let cursor = (run.cursor ?? undefined) as Cursor | undefined;
  for (;;) {
    const ctx = await loadActorContext(db, run.org_id, run.user_id, job.now);
    if (!ctx || ctx.actor.status !== 'active') return end({ status: 'stopped', stopReason: 'user_deactivated', error: null });
    const refusal = exportRefusalOf(ctx, SYNC_CHANNEL[run.provider]);
    if (refusal) {
      const stopReason: SyncStopReason = refusal === 'TANDEM_EXPORT_DISABLED' ? 'export_disabled' : 'channel_blocked';
      return end({ status: 'stopped', stopReason, error: null });
    }
    const policy = compileFilter(ctx, 'contact.export', [...SYNC_CONTACT_STATES]);
    const rows = await selectExportPage(db, ctx, policy, { limit: size, sort: 'name', ...(cursor ? { after: cursor } : {}) });
    const page = rows.slice(0, size);
    const lastPage = rows.length <= size;
    const lastRow = page[page.length - 1];
    if (!lastRow) return end({ status: 'succeeded', stopReason: null, error: null });
    const nextCursor: Cursor = { sortName: lastRow.sort_name, id: lastRow.id };

    const links = await selectLinks(db, run.org_id, run.integration_id, page.map((r) => r.id));
    const linkMap = new Map<string, SyncLink>(links.map((l) => [l.contact_id, {
      contactId: l.contact_id, remoteId: l.remote_id, remoteVersion: l.remote_version, contentHash: l.content_hash,
    }]));
    let result: ChunkResult;
    try {
      result = await connector.pushChunk(connection, page.map(syncContactOf), linkMap, passOf(job));
    } catch (error) {
      if (error instanceof CredentialsRejected) return fail(`${run.provider} refused the stored credentials: ${error.message}. Connect again.`);
      if (error instanceof ProviderUnavailable) return retryOrFail(`${run.provider} is unavailable: ${error.message}`, error.retryAfterMs);
      return retryOrFail(`The sync stopped on an error: ${messageOf(error)}`);
    }

    const written = await db.transaction().execute(async (trx) => {
      const current = await selectRunById(trx, run.org_id, run.id, true);
      // Disconnected (the run is gone) or ended meanwhile: nothing of this chunk is kept.
      if (!current || current.status !== 'running') return 'gone' as const;
      const changed = [...result.created, ...result.updated].map((l) => ({
        contact_id: l.contactId, remote_id: l.remoteId, remote_version: l.remoteVersion, content_hash: l.contentHash,
      }));
      await upsertLinks(trx, run.org_id, run.integration_id, changed, job.now);
      await addRunProgress(trx, run.org_id, run.id, countsOf(result), nextCursor);
      if (lastPage) await endSyncRun(trx, run, { status: 'succeeded', stopReason: null, error: null, now: job.now });
      return lastPage ? 'done' as const : 'more' as const;
    });
    if (written === 'gone') return { status: 'skipped' };
    if (written === 'done') return { status: 'succeeded' };
    cursor = nextCursor;
    if (elapsed() - started >= sync.sliceMs) return { status: 'continued', record: (trx) => enqueueNextSlice(trx, run, job.now) };
  }
}

function connectionOf(deps: SyncDeps, integration: IntegrationRow): Connection {
  const text = deps.sync.box.open(integration.credentials, credentialsContext(integration.org_id, integration.user_id, integration.provider));
  const { account: _account, ...settings } = integration.settings;
  return { credentials: JSON.parse(text) as Record<string, string>, settings };
}

async function enqueueNextSlice(trx: Db, run: SyncRunRow, now: number): Promise<void> {
  const payload: SyncJobPayload = { runId: run.id };
  await enqueueJob(trx, { queue: SYNC_RUN_QUEUE, orgId: run.org_id, payload, maxAttempts: SYNC_JOB_ATTEMPTS, availableAt: now }, now);
}
