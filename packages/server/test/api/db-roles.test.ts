// Two database roles (D51): migrations run as the schema's owner (DATABASE_MIGRATION_URL), the app as a login role
// (DATABASE_URL) that may read and append to the audit log but not change it, empty it or turn its triggers off.
// On the run's real PostgreSQL: an owner role owns a fresh database, an app role logs in with its own password.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { buildApp } from '../../src/http/app.ts';
import { openDatabase, type DbHandle, type DbTarget } from '../../src/storage/connect.ts';
import { auditProtection, migrateAs, migrationTargetFromEnv } from '../../src/storage/db-roles.ts';
import { listMigrations, migrate } from '../../src/storage/migrate.ts';
import { FIXTURE_PASSWORD } from '../fixtures/world.ts';
import { TEST_START } from '../support/harness.ts';
import { createTwoRoles, type TwoRoles } from '../support/two-roles.ts';
import { apiClient, expectStatus } from './support/api-client.ts';
import { buildWorld, ACME_AND_GLOBEX } from './support/world-builder.ts';

describe('the app role on PostgreSQL (DATABASE_URL) and the owner (DATABASE_MIGRATION_URL)', () => {
  let roles: TwoRoles;
  let ownerTarget: DbTarget;
  let appHandle: DbHandle;
  let ownerHandle: DbHandle;
  let app: FastifyInstance;
  const clock = manualClock(TEST_START);
  const api = apiClient(() => app);

  beforeAll(async () => {
    roles = await createTwoRoles(inject('postgresUrl'), 'roles');
    ownerTarget = migrationTargetFromEnv({ DATABASE_URL: roles.appUrl, DATABASE_MIGRATION_URL: roles.ownerUrl }) as DbTarget;
    appHandle = openDatabase({ kind: 'postgres', url: roles.appUrl, poolSize: 4 });
    ownerHandle = openDatabase({ kind: 'postgres', url: roles.ownerUrl, poolSize: 1 });
  });

  afterAll(async () => {
    await app?.close();
    await appHandle?.close();
    await ownerHandle?.close();
    await roles?.drop();
  });

  it('migrates as the owner, grants the app role, and the app role cannot migrate on its own', async () => {
    const all = listMigrations().map((m) => m.name);
    expect(await migrateAs(appHandle, ownerTarget)).toEqual(all);
    // Idempotent on the next start; the app role's own migrate (the CLI's) finds nothing to do and creates nothing.
    expect(await migrateAs(appHandle, ownerTarget)).toEqual([]);
    expect(await migrate(appHandle)).toEqual([]);
    const owners = await sql<{ tableowner: string }>`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`.execute(appHandle.db);
    expect(owners.rows).toEqual([{ tableowner: roles.owner }]);
    expect(await auditProtection(appHandle)).toEqual({ byRole: true, role: roles.app, reason: `the role ${roles.app} may only read and append to audit_log` });
    // The owner itself (DATABASE_MIGRATION_URL unset, one URL): append-only by trigger but not by role.
    expect(await auditProtection(ownerHandle)).toMatchObject({ byRole: false, reason: expect.stringContaining(`the role ${roles.owner} owns audit_log`) });
  });

  it('runs the app as the app role: sign in, create a contact, audit entries written and verified', async () => {
    app = await buildApp({ db: appHandle.db, clock, logger: false });
    await app.ready();
    const w = await buildWorld(appHandle.db, clock, ACME_AND_GLOBEX);
    const session = expectStatus(await api.sessions.signIn({ email: w.users.ada.email, password: FIXTURE_PASSWORD }), 201);
    const contact = expectStatus(await api.contacts.create({ name: 'Zoe Role' }, { as: session.token }), 201).contact;
    expectStatus(await api.org.updateSettings({ shareAllContacts: true }, { as: session.token }), 200);
    const entries = expectStatus(await api.audit.list({ as: session.token }), 200).items;
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['contact.create', 'org.settings.change']));
    expect(entries.find((e) => e.action === 'contact.create')?.targetId).toBe(contact.id);
    expect(expectStatus(await api.audit.verify({ as: session.token }), 200)).toMatchObject({ valid: true, firstBadSeq: null });
  });

  it('refuses the app role UPDATE, DELETE, TRUNCATE and DISABLE TRIGGER on the audit log', async () => {
    const attempts: string[] = [];
    for (const statement of [
      `UPDATE audit_log SET action = 'x' WHERE seq = 1`, 'DELETE FROM audit_log WHERE seq = 1', 'TRUNCATE audit_log',
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only', 'ALTER TABLE audit_log DISABLE TRIGGER ALL',
      'SET session_replication_role = replica', 'DELETE FROM audit_unkeyed_heads', 'TRUNCATE audit_unkeyed_heads',
      `INSERT INTO audit_unkeyed_heads (org_id, seq, hash) VALUES (gen_random_uuid(), 1, 'x')`,
      `INSERT INTO schema_migrations (name) VALUES ('9999_forged.sql')`, 'DROP TABLE audit_log',
    ]) {
      await sql.raw(statement).execute(appHandle.db).then(() => attempts.push(`${statement}: done`), (e: Error) => attempts.push(`${statement}: ${e.message}`));
    }
    expect(attempts).toEqual([
      expect.stringMatching(/UPDATE.*permission denied for table audit_log/),
      expect.stringMatching(/DELETE.*permission denied for table audit_log/),
      expect.stringMatching(/TRUNCATE.*permission denied for table audit_log/),
      expect.stringMatching(/DISABLE TRIGGER audit_log_append_only.*must be owner of table audit_log/),
      expect.stringMatching(/DISABLE TRIGGER ALL.*must be owner of table audit_log/),
      expect.stringMatching(/session_replication_role.*permission denied to set parameter/),
      expect.stringMatching(/DELETE.*permission denied for table audit_unkeyed_heads/),
      expect.stringMatching(/TRUNCATE.*permission denied for table audit_unkeyed_heads/),
      expect.stringMatching(/INSERT.*permission denied for table audit_unkeyed_heads/),
      expect.stringMatching(/schema_migrations.*permission denied for table schema_migrations/),
      expect.stringMatching(/DROP TABLE.*must be owner of table audit_log/),
    ]);
    const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM audit_log`.execute(appHandle.db);
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);
  });

  it('says PGlite is protected by the trigger only', async () => {
    const pglite = openDatabase({ kind: 'pglite' });
    try {
      expect(migrationTargetFromEnv({})).toBeNull();
      expect(() => migrationTargetFromEnv({ DATABASE_MIGRATION_URL: 'postgres://x@localhost/y' })).toThrow(/needs DATABASE_URL/);
      expect(await auditProtection(pglite)).toMatchObject({ byRole: false, reason: expect.stringContaining('PGlite has one user') });
    } finally {
      await pglite.close();
    }
  });
});
