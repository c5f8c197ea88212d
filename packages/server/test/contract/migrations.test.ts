import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/storage/connect.ts';
import { listMigrations, migrate } from '../../src/storage/migrate.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  const handles: DbHandle[] = [];
  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
  });

  it('replays from zero, records every migration, and is a no-op the second time', async () => {
    const handle = await freshDatabase(kind);
    handles.push(handle);
    const applied = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(handle.db);
    expect(applied.rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
    expect(await migrate(handle)).toEqual([]);
  });

  it('gives every table an org_id column and every index a leading org_id, but the documented lookups', async () => {
    const handle = await freshDatabase(kind);
    handles.push(handle);
    // Sign-in throttling counts what a caller names (an address, an e-mail that may belong to no account) before any
    // org is known (D46): those two tables are keyed by it, not by org.
    const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public'
        AND table_name NOT IN ('schema_migrations', 'orgs', 'rate_limit_counters', 'sign_in_failures')`.execute(handle.db);
    expect(tables.rows.length).toBeGreaterThan(10);
    for (const { table_name } of tables.rows) {
      const cols = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = ${table_name} ORDER BY ordinal_position`.execute(handle.db);
      expect(cols.rows[0]?.column_name, table_name).toBe('org_id');
    }
    const indexes = await sql<{ indexname: string; indexdef: string }>`SELECT indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', 'orgs', 'rate_limit_counters', 'sign_in_failures')`.execute(handle.db);
    // Lookups made before any org is known (docs/decisions.md D5): sign-in by e-mail, a request by its token, a
    // one-time link (an invitation, a password reset) by its token, and a calendar feed by its URL's token.
    // And the job queue's due index: a worker takes the due jobs of every org (D27); likewise the calendar reminders'
    // job reads the items of every org whose reminders may be due (D30), and the program runner the due enrolments of
    // every org (D34).
    const exceptions = new Set([
      'users_email_key', 'sessions_token_key', 'invitations_token_key', 'password_resets_token_key', 'calendar_feeds_token_key', 'queue_jobs_due_idx',
      'calendar_items_reminder_idx', 'calendar_items_reminder_series_idx', 'program_enrollments_due_idx',
    ]);
    for (const { indexname, indexdef } of indexes.rows) {
      if (exceptions.has(indexname)) continue;
      expect(indexdef, indexname).toMatch(/\(org_id[,)]/);
    }
  });
});
