// Two database roles on PostgreSQL (docs/decisions.md D51): migrations run as the schema's owner
// (DATABASE_MIGRATION_URL), the server as an app role (DATABASE_URL) that gets only what it needs. Only a role that
// does not own audit_log is held by its append-only triggers: an owner can `ALTER TABLE ... DISABLE TRIGGER` or
// TRUNCATE. Without DATABASE_MIGRATION_URL everything runs as DATABASE_URL's role, as before, and `auditProtection`
// says the log is append-only by trigger but not by role. PGlite has one user, a superuser: trigger only.
import { sql } from 'kysely';
import { openDatabase, type Db, type DbHandle, type DbTarget } from './connect.ts';
import { migrate } from './migrate.ts';

/** The tables the app may read and append to but never change: the audit log and its recorded heads (D45). */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_unkeyed_heads'] as const;

/** DATABASE_MIGRATION_URL: the schema owner's URL (PostgreSQL only); null when unset. */
export function migrationTargetFromEnv(env: NodeJS.ProcessEnv): DbTarget | null {
  const url = env.DATABASE_MIGRATION_URL?.trim();
  if (!url) return null;
  if (!env.DATABASE_URL?.trim()) throw new Error('DATABASE_MIGRATION_URL needs DATABASE_URL (the app role\'s URL): PGlite has a single user');
  return { kind: 'postgres', url, poolSize: 1 };
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Run as the owner: gives `appRole` what the server needs on every table and sequence of the schema, then takes
 * UPDATE, DELETE, TRUNCATE (and TRIGGER, REFERENCES) back on the append-only tables (INSERT too on
 * audit_unkeyed_heads), and leaves schema_migrations read-only. Idempotent: run after every migration, so tables a migration adds are covered without default
 * privileges (which would also hand UPDATE on a future append-only table to the app).
 */
export async function grantAppRole(ownerDb: Db, appRole: string): Promise<void> {
  const role = ident(appRole);
  const readOnly = ['schema_migrations', ...APPEND_ONLY_TABLES].join(', ');
  await ownerDb.transaction().execute(async (trx) => {
    for (const statement of [
      `GRANT USAGE ON SCHEMA public TO ${role}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
      `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${readOnly} FROM ${role}`,
      // Only migrations write these: the recorded unkeyed heads (0017) and the list of migrations run.
      `REVOKE INSERT ON schema_migrations, audit_unkeyed_heads FROM ${role}`,
    ]) await sql.raw(statement).execute(trx);
  });
}

/** The role a handle's connections log in as. */
export async function currentRole(db: Db): Promise<string> {
  const { rows } = await sql<{ role: string }>`SELECT current_user AS role`.execute(db);
  return rows[0]?.role ?? '';
}

/**
 * Migrates: as the owner when `ownerTarget` is given (then grants the app role), else on the app's own connection.
 * Answers the names of the migrations applied now.
 */
export async function migrateAs(app: DbHandle, ownerTarget: DbTarget | null): Promise<string[]> {
  if (!ownerTarget) return migrate(app);
  const owner = openDatabase(ownerTarget);
  try {
    const [ownerDb, appDb] = await Promise.all([owner.db, app.db].map(async (db) => (await sql<{ name: string }>`SELECT current_database() AS name`.execute(db)).rows[0]?.name));
    if (ownerDb !== appDb) throw new Error(`DATABASE_MIGRATION_URL names the database ${ownerDb}, DATABASE_URL ${appDb}: they must be the same database`);
    const applied = await migrate(owner);
    const appRole = await currentRole(app.db);
    if (appRole !== (await currentRole(owner.db))) await grantAppRole(owner.db, appRole);
    return applied;
  } finally {
    await owner.close();
  }
}

export type AuditProtection = { byRole: boolean; role: string; reason: string };

/** Whether the app's role is held by the audit log's triggers, or could turn them off or empty the table. */
export async function auditProtection(handle: DbHandle): Promise<AuditProtection> {
  if (handle.kind === 'pglite') {
    return { byRole: false, role: 'pglite', reason: 'PGlite has one user, a superuser: the trigger and access to the data folder protect the log' };
  }
  const { rows } = await sql<{ role: string; superuser: boolean; owner: boolean; change: boolean }>`
    SELECT current_user AS role, r.rolsuper AS superuser, pg_has_role(current_user, c.relowner, 'MEMBER') AS owner,
      has_table_privilege('audit_log', 'UPDATE') OR has_table_privilege('audit_log', 'DELETE')
        OR has_table_privilege('audit_log', 'TRUNCATE') AS change
    FROM pg_class c, pg_roles r WHERE c.oid = 'audit_log'::regclass AND r.rolname = current_user`.execute(handle.db);
  const row = rows[0];
  if (!row) return { byRole: false, role: '', reason: 'audit_log was not found' };
  const reason = row.superuser ? `the role ${row.role} is a superuser`
    : row.owner ? `the role ${row.role} owns audit_log (it can disable the trigger); set DATABASE_MIGRATION_URL to the owner's URL`
      : row.change ? `the role ${row.role} may UPDATE, DELETE or TRUNCATE audit_log`
        : `the role ${row.role} may only read and append to audit_log`;
  return { byRole: !row.superuser && !row.owner && !row.change, role: row.role, reason };
}
