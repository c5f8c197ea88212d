// Many use cases, one transaction. Every use case opens its own transaction (`deps.db.transaction().execute(...)`),
// and Kysely refuses to open one inside another. The demo story must land whole or not at all (two app nodes
// starting on one empty database, or a failure half-way, must never leave half an org), so the seed runs the use
// cases on a view of the outer transaction whose `transaction()` joins it instead: their writes and audit entries
// commit or roll back with the rest. A use case's own rollback is then the whole story's, which is what the seed
// wants (any error aborts it). Seed-only: request handlers never nest use cases.
import type { Db } from '../storage/connect.ts';

type Work<T> = (trx: Db) => Promise<T>;

/** `trx` (an open transaction) as a `Db` whose `transaction().execute(work)` runs `work` inside `trx`. */
export function joinOuterTransaction(trx: Db): Db {
  const joined: Db = new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => ({ execute: <T>(work: Work<T>) => work(joined) });
      // Kysely keeps its state in private fields: methods and getters must see the real object as `this`.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return joined;
}
