// What /metrics reads from the database at scrape time (http/plugins/metrics.ts): the durable queue's depth and the
// age of its oldest waiting job, per queue. One grouped scan of queue_jobs (it holds only unfinished jobs: a job is
// deleted when it succeeds), so a scrape costs one small query.
import { sql } from 'kysely';
import type { Db } from './connect.ts';

export type QueueDepth = { queue: string; waiting: number; dead: number; oldestWaitingAt: Date | null };

export async function queueDepths(db: Db): Promise<QueueDepth[]> {
  const rows = await sql<{ queue: string; waiting: string | number; dead: string | number; oldest: Date | null }>`
    SELECT queue,
           count(*) FILTER (WHERE attempts < max_attempts) AS waiting,
           count(*) FILTER (WHERE attempts >= max_attempts) AS dead,
           min(created_at) FILTER (WHERE attempts < max_attempts) AS oldest
      FROM queue_jobs
     GROUP BY queue`.execute(db);
  return rows.rows.map((r) => ({ queue: r.queue, waiting: Number(r.waiting), dead: Number(r.dead), oldestWaitingAt: r.oldest }));
}
