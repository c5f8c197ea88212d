// Backup and restore (D50) on PGlite and PostgreSQL and across: a world with rows in every table is backed up,
// restored into a fresh database, and every table compared by a checksum computed here, independently of the
// backup's own (each column cast to text, rows sorted in JavaScript). Also: damaged files are refused and leave the
// target untouched, --force's replace is one transaction, and the audit chain verifies after a restore with the same
// server key only.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/domain/audit/audit-chain.ts';
import { auditKeysFrom, configureAuditKeys } from '../../src/domain/audit/audit-keys.ts';
import { BackupFileError } from '../../src/storage/backup-format.ts';
import { readBackup } from '../../src/storage/backup-read.ts';
import { prepareRestoreTarget, restoreBackup } from '../../src/storage/backup-restore.ts';
import { writeBackupFile } from '../../src/storage/backup-write.ts';
import { openDatabase, type Db, type DbHandle } from '../../src/storage/connect.ts';
import { listMigrations, migrate } from '../../src/storage/migrate.ts';
import { DATABASE_KINDS, freshDatabase, type DatabaseKind } from '../support/databases.ts';
import { freshMigratedPglite } from '../support/pglite-template.ts';
import { BACKUP_ORG, seedBackupWorld } from './backup-world.ts';

type Sums = Record<string, { rows: number; sha256: string }>;

/** Every table's rows as text, sorted, hashed: read through information_schema, not the backup's catalog code. */
async function tableChecksums(db: Db): Promise<Sums> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL TIME ZONE 'UTC'`.execute(trx);
    const { rows: tables } = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY 1`.execute(trx);
    const sums: Sums = {};
    for (const { name } of tables) {
      const { rows: cols } = await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ${name} ORDER BY ordinal_position`.execute(trx);
      const list = cols.map((c) => `"${c.name}"::text`).join(', ');
      const { rows } = await sql.raw<{ r: (string | null)[] }>(`SELECT ARRAY[${list}]::text[] AS r FROM "${name}"`).execute(trx);
      const lines = rows.map((row) => JSON.stringify(row.r)).sort();
      sums[name] = { rows: lines.length, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') };
    }
    return sums;
  });
}

async function fresh(kind: DatabaseKind): Promise<DbHandle> {
  return kind === 'pglite' ? freshMigratedPglite() : freshDatabase(kind);
}

/** What a restore does (tandem restore without its printing): bring to level, then restore. */
async function restoreInto(target: DbHandle, file: string, replace = false): Promise<void> {
  const { header } = await readBackup(file);
  await prepareRestoreTarget(target, header);
  await restoreBackup(target, file, header, { replace });
}

describe('backup and restore (D50)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-backup-'));
  const serverKey = randomBytes(32);
  const sources = new Map<DatabaseKind, { handle: DbHandle; file: string; sums: Sums }>();
  const opened: DbHandle[] = [];
  const open = async (kind: DatabaseKind) => {
    const handle = await fresh(kind);
    opened.push(handle);
    return handle;
  };

  beforeAll(async () => {
    configureAuditKeys(serverKey);
    for (const kind of DATABASE_KINDS) {
      const handle = await open(kind);
      await seedBackupWorld(handle.db);
      const file = join(dir, `${kind}.ndjson.gz`);
      await writeBackupFile(handle, file);
      sources.set(kind, { handle, file, sums: await tableChecksums(handle.db) });
    }
  });
  afterAll(async () => {
    for (const handle of opened) await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the world has rows in every table, so every table is compared', () => {
    for (const kind of DATABASE_KINDS) {
      const empty = Object.entries(sources.get(kind)?.sums ?? {}).filter(([, s]) => s.rows === 0).map(([name]) => name);
      expect(empty).toEqual([]);
      expect(Object.keys(sources.get(kind)?.sums ?? {}).length).toBeGreaterThanOrEqual(40);
    }
  });

  for (const from of DATABASE_KINDS) {
    for (const to of DATABASE_KINDS) {
      it(`${from} -> ${to}: every table restores with the same checksum, and the audit chain verifies with the same key only`, async () => {
        const source = sources.get(from);
        if (!source) throw new Error('no source');
        const target = await open(to);
        await restoreInto(target, source.file);
        expect(await tableChecksums(target.db)).toEqual(source.sums);
        expect(await verifyAuditChain(target.db, BACKUP_ORG)).toMatchObject({ valid: true, entries: 4 });
        expect((await verifyAuditChain(target.db, BACKUP_ORG, auditKeysFrom(randomBytes(32)).hmacKey)).valid).toBe(false);
      });
    }
  }

  it('the file states each table\'s count and SHA-256, and a header with the migration level', async () => {
    const source = sources.get('pglite');
    if (!source) throw new Error('no source');
    const { header, ends, done } = await readBackup(source.file);
    expect(header).toMatchObject({ format: 'tandem-backup', version: 1, source: 'pglite' });
    expect(header.migrations.at(-1)).toMatch(/^\d{4}_/);
    expect(ends.map((e) => [e.name, e.rows])).toEqual(header.tables.map((t) => [t.name, source.sums[t.name]?.rows]));
    expect(done.rows).toBe(Object.values(source.sums).reduce((n, s) => n + s.rows, 0));
    // Parents first: users after orgs, contacts after users, sync_links after integrations and contacts.
    const at = (name: string) => header.tables.findIndex((t) => t.name === name);
    expect(at('orgs')).toBeLessThan(at('users'));
    expect(at('users')).toBeLessThan(at('contacts'));
    expect(Math.max(at('integrations'), at('contacts'))).toBeLessThan(at('sync_links'));
  });

  it('postgres: the file is one point in time while another connection writes during the backup', async () => {
    const source = sources.get('postgres');
    if (!source) throw new Error('no source');
    const file = join(dir, 'during-writes.ndjson.gz');
    const writer = { n: 0 };
    // Once the snapshot is open (the header counted), teams and their members are written and committed meanwhile.
    const during = await writeBackupFile(source.handle, file, {
      onHeader: async () => {
        for (; writer.n < 5; writer.n++) {
          await source.handle.db.transaction().execute(async (trx) => {
            const team = await trx.insertInto('teams').values({ org_id: BACKUP_ORG, name: `During ${writer.n}` }).returning('id').executeTakeFirstOrThrow();
            await sql`INSERT INTO team_members (org_id, team_id, user_id) SELECT org_id, ${team.id}, id FROM users WHERE org_id = ${BACKUP_ORG}`.execute(trx);
          });
        }
      },
    });
    expect(writer.n).toBe(5);
    const { ends } = await readBackup(file);
    const rows = Object.fromEntries(ends.map((e) => [e.name, e.rows]));
    expect(rows).toEqual(Object.fromEntries(Object.entries(source.sums).map(([name, s]) => [name, s.rows])));
    expect(during.ends).toEqual(ends);
    const now = await tableChecksums(source.handle.db);
    expect([now.teams?.rows, now.team_members?.rows]).toEqual([(source.sums.teams?.rows ?? 0) + 5, (source.sums.team_members?.rows ?? 0) + 10]);
  });

  describe('a damaged file is refused and nothing is written', () => {
    const source = () => sources.get('pglite') as { file: string; sums: Sums };
    const damaged = (name: string, change: (text: string) => string) => {
      const file = join(dir, name);
      writeFileSync(file, gzipSync(change(gunzipSync(readFileSync(source().file)).toString('utf8'))));
      return file;
    };

    it('cut short: the gzip stream ends early', async () => {
      const bytes = readFileSync(source().file);
      const cut = join(dir, 'cut.gz');
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      await expect(readBackup(cut)).rejects.toThrow(/not a whole gzip stream.*cut short/);
      const target = await open('pglite');
      await expect(restoreInto(target, cut)).rejects.toBeInstanceOf(BackupFileError);
      // Inside restoreBackup too (the header read fine, the rows did not): the transaction left nothing behind.
      const { header } = await readBackup(source().file);
      await prepareRestoreTarget(target, header);
      await expect(restoreBackup(target, cut, header, { replace: false })).rejects.toBeInstanceOf(BackupFileError);
      expect(Object.values(await tableChecksums(target.db)).every((s) => s.rows === 0)).toBe(true);
    });

    it('cut at a line (a whole gzip of a partial file): refused for its missing closing line', async () => {
      const file = damaged('lines.gz', (text) => text.split('\n').slice(0, 40).join('\n'));
      await expect(readBackup(file)).rejects.toThrow(/ends early \(in table \w+\)/);
    });

    it('one value changed: refused by that table\'s checksum', async () => {
      const file = damaged('changed.gz', (text) => text.replace('Zoë Ærøskøbing', 'Zoe Aeroskobing'));
      await expect(readBackup(file)).rejects.toThrow(/table contacts: the rows read \(3\) do not match the count and checksum written/);
    });

    it('a row dropped: refused', async () => {
      const file = damaged('dropped.gz', (text) => text.split('\n').filter((l) => !l.includes('"name":"Old Record"')).join('\n'));
      await expect(readBackup(file)).rejects.toThrow(/table contacts: the rows read \(2\)/);
    });

    it('not a backup at all', async () => {
      const file = join(dir, 'other.gz');
      writeFileSync(file, gzipSync('name,email\nAda,ada@example.com\n'));
      await expect(readBackup(file)).rejects.toThrow(/not a Tandem backup/);
      writeFileSync(file, 'plain text');
      await expect(readBackup(file)).rejects.toThrow(/not a whole gzip stream/);
    });

    it('a failed replace (--force) leaves the database it was going to replace as it was', async () => {
      const target = await open('pglite');
      await seedBackupWorld(target.db);
      await sql`UPDATE contacts SET name = 'Changed since' WHERE name = 'Old Record'`.execute(target.db);
      const before = await tableChecksums(target.db);
      const bytes = readFileSync(source().file);
      const cut = join(dir, 'cut-replace.gz');
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
      const { header } = await readBackup(source().file);
      await expect(restoreBackup(target, cut, header, { replace: true })).rejects.toBeInstanceOf(BackupFileError);
      expect(await tableChecksums(target.db)).toEqual(before);
    });
  });

  for (const kind of DATABASE_KINDS) {
    it(`${kind}: a database that holds rows is reported as not empty, and a replace (--force) makes it the backup's`, async () => {
      const source = sources.get(kind);
      if (!source) throw new Error('no source');
      const target = await open(kind);
      await seedBackupWorld(target.db);
      await sql`INSERT INTO teams (org_id, name) VALUES (${BACKUP_ORG}, 'Added after the backup')`.execute(target.db);
      const { header } = await readBackup(source.file);
      const prepared = await prepareRestoreTarget(target, header);
      expect(prepared.empty).toBe(false);
      expect(prepared.rows.find((r) => r.name === 'teams')?.rows).toBe(2);
      // Without replace the rows collide with the ones there: the whole restore rolls back.
      await expect(restoreBackup(target, source.file, header, { replace: false })).rejects.toThrow(/duplicate key|unique/i);
      await restoreBackup(target, source.file, header, { replace: true });
      expect(await tableChecksums(target.db)).toEqual(source.sums);
      // The append-only triggers are back on after the restore's transaction.
      await expect(sql`DELETE FROM audit_log`.execute(target.db)).rejects.toThrow(/append-only/);
    });
  }

  it('an older backup restores into a new database: brought to the backup\'s level, restored, then migrated on', async () => {
    const all = listMigrations().map((m) => m.name);
    const older = openDatabase({ kind: 'pglite' });
    opened.push(older);
    await migrate(older, { upTo: all.at(-2) });
    await sql`INSERT INTO orgs (id, name) VALUES (${BACKUP_ORG}, 'Older')`.execute(older.db);
    const file = join(dir, 'older.ndjson.gz');
    const made = await writeBackupFile(older, file);
    expect(made.header.migrations).toEqual(all.slice(0, -1));

    const target = openDatabase({ kind: 'pglite' });
    opened.push(target);
    await restoreInto(target, file);
    expect((await sql<{ name: string }>`SELECT name FROM orgs`.execute(target.db)).rows).toEqual([{ name: 'Older' }]);
    expect(await migrate(target)).toEqual([all.at(-1)]);

    // A database already past the backup's level cannot go back: refused, and so is a backup from a newer Tandem.
    const current = await open('pglite');
    await expect(prepareRestoreTarget(current, made.header)).rejects.toThrow(/past the backup's/);
    await expect(prepareRestoreTarget(current, { ...made.header, migrations: [...all, '9999_future.sql'] })).rejects.toThrow(/newer Tandem/);
  });
});
