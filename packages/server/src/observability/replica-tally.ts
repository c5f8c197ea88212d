// Where list reads ran when a read replica is configured (storage/replica.ts, docs/decisions.md D49), for /metrics:
// the process's totals over every replica handle (a test may build several apps), read at scrape time by the
// metrics plugin as tandem_replica_reads_total{outcome} and tandem_replica_wait_seconds_total. No dependencies.

export type ReplicaOutcome = 'replica' | 'replica_waited' | 'primary_lagging' | 'primary_unavailable';
export const REPLICA_OUTCOMES: readonly ReplicaOutcome[] = ['replica', 'replica_waited', 'primary_lagging', 'primary_unavailable'];

const outcomes = new Map<ReplicaOutcome, number>();
let waitedMs = 0;

export function tallyReplicaRead(outcome: ReplicaOutcome, waited: number): void {
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  waitedMs += waited;
}

/** Null until a replica has served or declined a read: a server without one shows no replica series. */
export function replicaReadCounts(): { outcomes: { outcome: ReplicaOutcome; count: number }[]; waitedMs: number } | null {
  if (outcomes.size === 0) return null;
  return { outcomes: REPLICA_OUTCOMES.map((outcome) => ({ outcome, count: outcomes.get(outcome) ?? 0 })), waitedMs };
}
