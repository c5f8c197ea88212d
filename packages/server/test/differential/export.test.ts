// The differential test of the contacts export (spec §9, D35), on generated worlds (worldArb: orgs with the export
// switch on or off, users of every role, status and channel set, teams, contacts in every state, record shares,
// grants and buckets), written to PGlite and to PostgreSQL. For every user and each of csv, xlsx and vcard:
//   - the gate: the use case opens an export exactly when the naive oracle's channel rule says so, and otherwise
//     refuses with TANDEM_EXPORT_DISABLED (a member, switch off) or TANDEM_EXPORT_CHANNEL_BLOCKED;
//   - for the active contacts and for the archive, the exported ids, walked in pages of a generated size, are each
//     once and == {contacts of that state the oracle (oracle.ts) gives `view` or more}: never a profile-only one,
//     never a trashed one;
//   - the audit entry counts those rows.
// TANDEM_DIFF_SEED and TANDEM_DIFF_RUNS change the seed and the number of worlds (default 40).
import { levelRank, type ContactState } from '@tandem/core';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, openContactExport } from '../../src/domain/export/export-contacts.ts';
import { AppError } from '../../src/errors.ts';
import type { Db, DbHandle } from '../../src/storage/connect.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { worldArb } from '../fixtures/world-arbitrary.ts';
import { clearWorld, insertWorld, type World } from '../fixtures/world.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';
import { oracleLevel, oracleMayUseChannel } from './oracle.ts';

const SEED = Number(process.env.TANDEM_DIFF_SEED ?? 20_261_130);
const RUNS = Number(process.env.TANDEM_DIFF_RUNS ?? 40);
const STATES: ContactState[] = ['active', 'archived'];

type Stats = { worlds: number; exports: number; refused: number; rows: number; belowView: number; assertions: number };

async function checkWorld(db: Db, world: World, pageSize: number, stats: Stats): Promise<void> {
  await clearWorld(db);
  await insertWorld(db, world);
  const check = <T>(actual: T, expected: T, what: () => string) => {
    stats.assertions += 1;
    expect(actual, what()).toEqual(expected);
  };
  for (const user of world.users) {
    const ctx = await loadActorContext(db, user.orgId, user.id, world.now);
    if (!ctx) throw new Error(`no context for ${user.id}`);
    const org = world.orgs.find((o) => o.id === user.orgId);
    for (const format of EXPORT_FORMATS) {
      const where = (what: string) => () => `${what}: ${format} by ${user.id} (${user.role}, ${user.status}, [${user.exportChannels.join(' ')}])`;
      if (!oracleMayUseChannel(world, user.id, format)) {
        const refusal = await openContactExport({ db }, ctx, { format }).then(() => 'opened', (e: unknown) => (e instanceof AppError ? e.code : String(e)));
        const code = user.role !== 'admin' && !org?.exportEnabled ? 'TANDEM_EXPORT_DISABLED' : 'TANDEM_EXPORT_CHANNEL_BLOCKED';
        check(refusal, code, where('refused'));
        stats.refused += 1;
        continue;
      }
      // One format per user walks the pages (the rows do not depend on the format).
      if (format !== 'csv') continue;
      for (const state of STATES) {
        const exp = await openContactExport({ db }, ctx, { format, archived: state === 'archived' }, pageSize);
        const ids: string[] = [];
        for await (const page of exp.pages) ids.push(...page.map((r) => r.id));
        const inState = world.contacts.filter((c) => c.orgId === user.orgId && c.state === state);
        const expected = inState.filter((c) => levelRank(oracleLevel(world, user.id, c.id)) >= levelRank('view')).map((c) => c.id);
        stats.belowView += inState.filter((c) => oracleLevel(world, user.id, c.id) === 'profile').length;
        check(ids.length, new Set(ids).size, where(`each once (${state})`));
        check([...ids].sort(), [...expected].sort(), where(`exported ids = oracle's view or more (${state}, pages of ${pageSize})`));
        check(exp.rowCount(), ids.length, where('row count'));
        const audited = await sql<{ after: { rows: number; completed: boolean } }>`SELECT after FROM audit_log
          WHERE org_id = ${user.orgId} AND actor_id = ${user.id} AND action = 'contact.export' ORDER BY seq DESC LIMIT 1`.execute(db);
        check(audited.rows[0]?.after.rows, ids.length, where('audited rows'));
        stats.exports += 1;
        stats.rows += ids.length;
      }
    }
  }
  stats.worlds += 1;
}

describe.each(DATABASE_KINDS)('differential, the contacts export: exported ids = naive oracle at view or more, on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
  });
  afterAll(async () => handle.close());

  it(`agrees on ${RUNS} generated worlds`, async () => {
    const stats: Stats = { worlds: 0, exports: 0, refused: 0, rows: 0, belowView: 0, assertions: 0 };
    const started = performance.now();
    await fc.assert(fc.asyncProperty(worldArb, fc.constantFrom(1, 2, 3, 500), async (world, pageSize) => checkWorld(handle.db, world, pageSize, stats)),
      { numRuns: RUNS, seed: SEED });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`differential export ${kind}: ${stats.worlds} worlds, ${stats.exports} exports (${stats.rows} rows), ${stats.refused} refusals, ` +
      `${stats.belowView} profile-only contacts left out, ${stats.assertions} assertions, ${seconds} s (seed ${SEED})`);
    expect(stats.worlds).toBe(RUNS);
    // The worlds reach every side: rows exported, refusals, and contacts seen below view left out.
    expect(stats.rows).toBeGreaterThan(0);
    expect(stats.refused).toBeGreaterThan(0);
    expect(stats.belowView).toBeGreaterThan(0);
  }, 600_000);
});
