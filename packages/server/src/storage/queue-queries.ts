// The durable job queue's statements (migration 0010, docs/decisions.md D27). The same SQL on PGlite and PostgreSQL:
// claims take due rows with `FOR UPDATE SKIP LOCKED`, so workers on several nodes never take one job twice while its
// lease runs; every finish is guarded by the lease, so a worker whose lease ran out writes nothing.
import { sql } from 'kysely';
import type { Db } from './connect.ts';

export type NewJob = { queue: string; orgId: string; payload: unknown; maxAttempts: number; availableAt: number };

/** A claimed job: `attempts` counts this claim; `lease` is what its finish must present. */
export type ClaimedJob = { id: string; queue: string; org_id: string; payload: unknown; attempts: number; max_attempts: number; lease: string };

/** Inserts a job; call inside the transaction of the change it belongs to, so both commit or neither does. */
export async function enqueueJob(trx: Db, job: NewJob, now: number): Promise<string> {
  const row = await trx.insertInto('queue_jobs').values({
    queue: job.queue, org_id: job.orgId, payload: JSON.stringify(job.payload), max_attempts: job.maxAttempts,
    available_at: new Date(job.availableAt), created_at: new Date(now),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Takes up to `limit` due jobs of `queues` for `leaseMs`, oldest due first; each claim counts an attempt. */
export async function claimDueJobs(db: Db, queues: readonly string[], worker: string, limit: number, leaseMs: number, now: number): Promise<ClaimedJob[]> {
  const result = await sql<ClaimedJob>`UPDATE queue_jobs q
    SET lease = gen_random_uuid(), locked_by = ${worker}, attempts = q.attempts + 1,
      available_at = ${new Date(now + leaseMs)}::timestamptz
    WHERE (q.org_id, q.id) IN (
      SELECT org_id, id FROM queue_jobs
      WHERE queue = ANY(${[...queues]}::text[]) AND available_at <= ${new Date(now)}::timestamptz
      ORDER BY available_at, id
      LIMIT ${limit}::int
      FOR UPDATE SKIP LOCKED)
    RETURNING q.id, q.queue, q.org_id, q.payload, q.attempts, q.max_attempts, q.lease`.execute(db);
  return result.rows.map((row) => ({ ...row, payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload }));
}

/** Deletes a finished job while `lease` is still its own; false when the lease was lost (another worker has it). */
export async function deleteLeasedJob(trx: Db, job: { org_id: string; id: string }, lease: string): Promise<boolean> {
  const result = await trx.deleteFrom('queue_jobs').where('org_id', '=', job.org_id).where('id', '=', job.id).where('lease', '=', lease).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Sets a job back for another attempt at `availableAt`, while `lease` is still its own; false when it was lost. */
export async function releaseLeasedJob(trx: Db, job: { org_id: string; id: string }, lease: string, availableAt: number, error: string): Promise<boolean> {
  const result = await trx.updateTable('queue_jobs')
    .set({ lease: null, locked_by: null, available_at: new Date(availableAt), last_error: error })
    .where('org_id', '=', job.org_id).where('id', '=', job.id).where('lease', '=', lease).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Frees every job `worker` holds, due at `now`, and takes back the attempt its claim counted. Only for a worker with
 * nothing in flight whose claim failed as the database went away: the claim may have committed with its answer lost,
 * leaving jobs leased that no handler ever saw (D47). Returns how many were freed.
 */
export async function releaseWorkerLeases(db: Db, worker: string, now: number): Promise<number> {
  const result = await db.updateTable('queue_jobs')
    .set((eb) => ({ lease: null, locked_by: null, available_at: new Date(now), attempts: eb('attempts', '-', 1) }))
    .where('locked_by', '=', worker).where('lease', 'is not', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** When the next job of `queues` is due (a leased one: when its lease ends), or null when there is none. */
export async function nextDueAt(db: Db, queues: readonly string[]): Promise<number | null> {
  const row = await db.selectFrom('queue_jobs').select((eb) => eb.fn.min('available_at').as('at'))
    .where('queue', 'in', [...queues]).executeTakeFirst();
  return row?.at ? new Date(row.at as Date | string).getTime() : null;
}
