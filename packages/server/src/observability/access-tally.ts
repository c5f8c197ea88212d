// How many access decisions the server takes, counted where they become answers, for /metrics (docs/decisions.md
// D43). @tandem/core stays pure (no counters, no I/O); the server counts at its own boundary: the single-record
// guards (contact, bucket, calendar item, hand-shared record) tally each decision with its outcome, and
// storage/render-filter.ts tallies each compiled list policy turned into SQL. Plain numbers in the process; the
// metrics plugin reads them at scrape time. No dependencies, so every layer may import it.

export type DecisionOutcome = 'allowed' | 'forbidden' | 'invisible';

const decisions = new Map<string, number>();
const filters = new Map<string, number>();

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Counts one core decision on a record for `action`, and hands it back unchanged (so a guard wraps its `decide`). */
export function tallyDecision<D extends { visible: boolean; allowed: boolean }>(action: string, decision: D): D {
  const outcome: DecisionOutcome = !decision.visible ? 'invisible' : decision.allowed ? 'allowed' : 'forbidden';
  bump(decisions, `${action}\u0000${outcome}`);
  return decision;
}

/** Counts one compiled list policy rendered as SQL, by the listed table's alias (c: contacts, b: buckets, ...). */
export function tallyFilter(table: string): void {
  bump(filters, table);
}

export function decisionCounts(): { action: string; outcome: DecisionOutcome; count: number }[] {
  return [...decisions].map(([key, count]) => {
    const [action = '', outcome = 'allowed'] = key.split('\u0000');
    return { action, outcome: outcome as DecisionOutcome, count };
  });
}

export function filterCounts(): { table: string; count: number }[] {
  return [...filters].map(([table, count]) => ({ table, count }));
}
