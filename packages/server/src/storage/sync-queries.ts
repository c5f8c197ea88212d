// The statements of sync channels (migration 0016, docs/decisions.md D39): a user's integrations, their runs and the
// links from contacts to remote records. Every read names the org and, where a user asks, the user: nobody reads
// another user's connection or runs. What a run pushes is read elsewhere (contact-queries.ts, under the compiled
// policy); this file never decides who sees which contact.
import { sql } from 'kysely';
import type { Db } from './connect.ts';
import type { IntegrationsTable, SyncRunsTable } from './schema.ts';

export type SyncProviderName = IntegrationsTable['provider'];
export type IntegrationRow = {
  org_id: string; id: string; user_id: string; provider: SyncProviderName; settings: Record<string, string>; credentials: string;
  created_at: Date; updated_at: Date;
};
export type SyncRunStatus = SyncRunsTable['status'];
export type SyncStopReason = NonNullable<SyncRunsTable['stop_reason']>;
export type SyncRunRow = {
  org_id: string; id: string; integration_id: string; user_id: string; provider: SyncProviderName; status: SyncRunStatus;
  stop_reason: SyncStopReason | null; error: string | null; total: number | null; processed: number; created: number; updated: number;
  unchanged: number; skipped: number; failed: number; attempts: number; cursor: unknown; created_at: Date; started_at: Date | null; finished_at: Date | null;
};
export type SyncLinkRow = { contact_id: string; remote_id: string; remote_version: string | null; content_hash: string };
export type RunCounts = { processed: number; created: number; updated: number; unchanged: number; skipped: number; failed: number };

const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
const integrationOf = (row: IntegrationRow): IntegrationRow => ({ ...row, settings: (json(row.settings) ?? {}) as Record<string, string> });
const runOf = (row: SyncRunRow): SyncRunRow => ({ ...row, cursor: json(row.cursor) ?? null });

/** The user's integrations (at most one per provider). */
export async function selectIntegrations(db: Db, orgId: string, userId: string): Promise<IntegrationRow[]> {
  const rows = await db.selectFrom('integrations').selectAll().where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  return rows.map((r) => integrationOf(r as IntegrationRow));
}

/** The user's integration with `provider`; `lock`: FOR UPDATE (inside a transaction). */
export async function selectIntegration(db: Db, orgId: string, userId: string, provider: SyncProviderName, lock = false): Promise<IntegrationRow | undefined> {
  let q = db.selectFrom('integrations').selectAll().where('org_id', '=', orgId).where('user_id', '=', userId).where('provider', '=', provider);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? integrationOf(row as IntegrationRow) : undefined;
}

export async function selectIntegrationById(db: Db, orgId: string, id: string): Promise<IntegrationRow | undefined> {
  const row = await db.selectFrom('integrations').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return row ? integrationOf(row as IntegrationRow) : undefined;
}

export type IntegrationWrite = { orgId: string; userId: string; provider: SyncProviderName; settings: Record<string, string>; credentials: string; now: number };

export async function insertIntegration(trx: Db, w: IntegrationWrite): Promise<IntegrationRow> {
  const row = await trx.insertInto('integrations').values({
    org_id: w.orgId, user_id: w.userId, provider: w.provider, settings: JSON.stringify(w.settings), credentials: w.credentials,
    created_at: new Date(w.now), updated_at: new Date(w.now),
  }).returningAll().executeTakeFirstOrThrow();
  return integrationOf(row as IntegrationRow);
}

export async function updateIntegration(trx: Db, orgId: string, id: string, w: Pick<IntegrationWrite, 'settings' | 'credentials' | 'now'>): Promise<IntegrationRow> {
  const row = await trx.updateTable('integrations').set({ settings: JSON.stringify(w.settings), credentials: w.credentials, updated_at: new Date(w.now) })
    .where('org_id', '=', orgId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  return integrationOf(row as IntegrationRow);
}

/** Removes the integration; its runs and links go with it (ON DELETE CASCADE). */
export async function deleteIntegration(trx: Db, orgId: string, id: string): Promise<void> {
  await trx.deleteFrom('integrations').where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Forgets every remote record of an integration (a connection to another account: the old ids mean nothing there). */
export async function deleteLinks(trx: Db, orgId: string, integrationId: string): Promise<void> {
  await trx.deleteFrom('sync_links').where('org_id', '=', orgId).where('integration_id', '=', integrationId).execute();
}

export type NewRun = { orgId: string; integrationId: string; userId: string; provider: SyncProviderName; total: number; now: number };

export async function insertRun(trx: Db, run: NewRun): Promise<SyncRunRow> {
  const row = await trx.insertInto('sync_runs').values({
    org_id: run.orgId, integration_id: run.integrationId, user_id: run.userId, provider: run.provider, status: 'queued', total: run.total,
    cursor: null, created_at: new Date(run.now),
  }).returningAll().executeTakeFirstOrThrow();
  return runOf(row as SyncRunRow);
}

/** The integration's queued or running run, if any (at most one: the partial unique index). */
export async function selectActiveRun(db: Db, orgId: string, integrationId: string): Promise<SyncRunRow | undefined> {
  const row = await db.selectFrom('sync_runs').selectAll().where('org_id', '=', orgId).where('integration_id', '=', integrationId)
    .where('status', 'in', ['queued', 'running']).executeTakeFirst();
  return row ? runOf(row as SyncRunRow) : undefined;
}

/** The integration's runs, newest first. */
export async function selectRuns(db: Db, orgId: string, integrationId: string, limit: number): Promise<SyncRunRow[]> {
  const rows = await db.selectFrom('sync_runs').selectAll().where('org_id', '=', orgId).where('integration_id', '=', integrationId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => runOf(r as SyncRunRow));
}

/** The newest run of each of `integrationIds`. */
export async function selectLatestRuns(db: Db, orgId: string, integrationIds: readonly string[]): Promise<SyncRunRow[]> {
  if (integrationIds.length === 0) return [];
  const result = await sql<SyncRunRow>`SELECT DISTINCT ON (integration_id) * FROM sync_runs
    WHERE org_id = ${orgId} AND integration_id = ANY(${[...integrationIds]}::uuid[])
    ORDER BY integration_id, created_at DESC, id DESC`.execute(db);
  return result.rows.map(runOf);
}

/** One run of one integration; `lock`: FOR UPDATE. */
export async function selectRun(db: Db, orgId: string, integrationId: string, runId: string, lock = false): Promise<SyncRunRow | undefined> {
  let q = db.selectFrom('sync_runs').selectAll().where('org_id', '=', orgId).where('integration_id', '=', integrationId).where('id', '=', runId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? runOf(row as SyncRunRow) : undefined;
}

/** A run by its id alone (the queue's job names only the run); `lock`: FOR UPDATE. */
export async function selectRunById(db: Db, orgId: string, runId: string, lock = false): Promise<SyncRunRow | undefined> {
  let q = db.selectFrom('sync_runs').selectAll().where('org_id', '=', orgId).where('id', '=', runId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? runOf(row as SyncRunRow) : undefined;
}

/** A queued run starts: `running`, its start time (kept from an earlier slice). */
export async function markRunRunning(trx: Db, orgId: string, runId: string, now: number): Promise<void> {
  await trx.updateTable('sync_runs').set({ status: 'running', started_at: sql`coalesce(started_at, ${new Date(now)}::timestamptz)` })
    .where('org_id', '=', orgId).where('id', '=', runId).where('status', 'in', ['queued', 'running']).execute();
}

/** Adds one chunk's counts and moves the cursor past it. */
export async function addRunProgress(trx: Db, orgId: string, runId: string, counts: RunCounts, cursor: unknown): Promise<void> {
  await trx.updateTable('sync_runs').set((eb) => ({
    processed: eb('processed', '+', counts.processed), created: eb('created', '+', counts.created), updated: eb('updated', '+', counts.updated),
    unchanged: eb('unchanged', '+', counts.unchanged), skipped: eb('skipped', '+', counts.skipped), failed: eb('failed', '+', counts.failed),
    cursor: JSON.stringify(cursor),
  })).where('org_id', '=', orgId).where('id', '=', runId).execute();
}

/** Counts one more failed attempt (a provider that was unavailable) and keeps its words. */
export async function noteRunRetry(trx: Db, orgId: string, runId: string, error: string): Promise<void> {
  await trx.updateTable('sync_runs').set((eb) => ({ attempts: eb('attempts', '+', 1), error }))
    .where('org_id', '=', orgId).where('id', '=', runId).execute();
}

export type RunEnd = { status: 'succeeded' | 'failed' | 'stopped'; stopReason: SyncStopReason | null; error: string | null; now: number };

/** Ends a queued or running run; the ended row, or undefined when it had already ended (nothing is written twice). */
export async function finishRun(trx: Db, orgId: string, runId: string, end: RunEnd): Promise<SyncRunRow | undefined> {
  const row = await trx.updateTable('sync_runs').set({ status: end.status, stop_reason: end.stopReason, error: end.error, finished_at: new Date(end.now) })
    .where('org_id', '=', orgId).where('id', '=', runId).where('status', 'in', ['queued', 'running']).returningAll().executeTakeFirst();
  return row ? runOf(row as SyncRunRow) : undefined;
}

/** The links of `contactIds` in one integration. */
export async function selectLinks(db: Db, orgId: string, integrationId: string, contactIds: readonly string[]): Promise<SyncLinkRow[]> {
  if (contactIds.length === 0) return [];
  return db.selectFrom('sync_links').select(['contact_id', 'remote_id', 'remote_version', 'content_hash'])
    .where('org_id', '=', orgId).where('integration_id', '=', integrationId).where('contact_id', 'in', [...contactIds]).execute();
}

/** Writes (or replaces) links. */
export async function upsertLinks(trx: Db, orgId: string, integrationId: string, links: readonly SyncLinkRow[], now: number): Promise<void> {
  if (links.length === 0) return;
  await trx.insertInto('sync_links').values(links.map((l) => ({
    org_id: orgId, integration_id: integrationId, contact_id: l.contact_id, remote_id: l.remote_id, remote_version: l.remote_version,
    content_hash: l.content_hash, synced_at: new Date(now),
  }))).onConflict((oc) => oc.columns(['org_id', 'integration_id', 'contact_id']).doUpdateSet((eb) => ({
    remote_id: eb.ref('excluded.remote_id'), remote_version: eb.ref('excluded.remote_version'),
    content_hash: eb.ref('excluded.content_hash'), synced_at: eb.ref('excluded.synced_at'),
  }))).execute();
}
