// Several nodes starting together on one empty PostgreSQL database (docs/decisions.md D48, docs/operations.md "Many
// nodes on one PostgreSQL"): each runs every migration at start; the advisory lock lets exactly one apply each, the
// others wait and find it applied, and none fails. PostgreSQL only: PGlite is one process's database.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/connect.ts';
import { listMigrations, migrate } from '../../src/storage/migrate.ts';
import { freshPostgresUrl } from '../support/databases.ts';

const NODES = 4;
const ROUNDS = 3;

describe('migrations run by several nodes at once on PostgreSQL', () => {
  it(`${NODES} nodes migrating one empty database together apply each migration once, ${ROUNDS} times over`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const url = await freshPostgresUrl();
      const handles = Array.from({ length: NODES }, () => openDatabase({ kind: 'postgres', url, poolSize: 1 }));
      try {
        const applied = await Promise.all(handles.map((h) => migrate(h)));
        expect(applied.flat().sort()).toEqual(listMigrations().map((m) => m.name));
        const recorded = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(handles[0]!.db);
        expect(recorded.rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
      } finally {
        await Promise.all(handles.map((h) => h.close()));
      }
    }
  }, 240_000);
});
