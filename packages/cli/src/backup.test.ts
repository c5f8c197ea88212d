// `tandem backup` and `tandem restore` in process (D50): a CRM-N world in a PGlite folder, backed up, restored into a
// new folder and into PostgreSQL (and back), refusals for a damaged file and a database that holds rows (--force asks,
// --yes does not), then `tandem audit verify` and the server, started on the restored folder, signs a seeded user in.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateAs, migrationTargetFromEnv, openDatabase, type DbTarget } from '@tandem/server';
import { freshPostgresUrl } from '../../server/test/support/databases.ts';
import { createTwoRoles } from '../../server/test/support/two-roles.ts';
import { UsageError } from './args.ts';
import { runAuditVerify } from './commands/audit-verify.ts';
import { runBackup } from './commands/backup.ts';
import { runRestore, type Ask } from './commands/restore.ts';
import { runSeed } from './commands/seed.ts';
import type { Output } from './progress.ts';
import type { SeedReport } from './seed/report.ts';

type Captured = Output & { text: () => string };
function capture(): Captured {
  let text = '';
  return { write: (t) => void (text += t), isTTY: false, stream: process.stderr, text: () => text };
}
type Run = { code: number; stdout: string; stderr: string };
type Command = (argv: readonly string[], out: Output, err: Output, env: NodeJS.ProcessEnv) => Promise<number>;

async function run(command: Command, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const [out, err] = [capture(), capture()];
  const code = await command(args, out, err, env);
  return { code, stdout: out.text(), stderr: err.text() };
}

async function counts(target: DbTarget): Promise<Record<string, number>> {
  const handle = openDatabase(target);
  try {
    const { rows } = await sql<Record<string, string>>`SELECT (SELECT count(*) FROM contacts)::text AS contacts, (SELECT count(*) FROM users)::text AS users,
      (SELECT count(*) FROM contact_shares)::text AS contact_shares, (SELECT count(*) FROM contact_events)::text AS contact_events,
      (SELECT count(*) FROM audit_log)::text AS audit_log, (SELECT count(*) FROM bucket_contacts)::text AS bucket_contacts`.execute(handle.db);
    return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
  } finally {
    await handle.close();
  }
}

const SERVER_MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'src', 'main.ts');

/** The real server as a process (tsx, as in development) on a free port, until its health route answers. */
async function startServer(env: NodeJS.ProcessEnv): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_MAIN], {
    env: { ...process.env, DATABASE_URL: '', ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    if (await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false)) return { url, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the server did not answer within 120 s:\n${output}`);
}

describe('tandem backup and tandem restore', { timeout: 180_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'tandem-backup-cli-'));
  const source = join(root, 'source');
  const keyFile = `${source}.secret-key`;
  const file = join(root, 'source.ndjson.gz');
  const sourceEnv = { TANDEM_DATA_DIR: source } as NodeJS.ProcessEnv;
  let report: SeedReport;
  let seeded: Record<string, number>;

  beforeAll(async () => {
    const seed = await run(runSeed, ['--contacts', '300', '--users', '8', '--seed', 'backup', '--messages', '1', '--out', join(root, 'crm-n.json')], sourceEnv);
    expect(seed.code).toBe(0);
    report = JSON.parse(readFileSync(join(root, 'crm-n.json'), 'utf8')) as SeedReport;
    seeded = await counts({ kind: 'pglite', dataDir: source });
  }, 180_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('backs up: one line per phase, the file, and where the server key is (it is not in the file)', async () => {
    const res = await run(runBackup, ['--out', file], sourceEnv);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/^ {2}backup +[\d,]+ rows/m);
    expect(res.stdout).toMatch(/^Wrote [\d,]+ rows of \d+ tables \([\d.]+ MiB, migration \d{4}_\w+\.sql\) to .*source\.ndjson\.gz$/m);
    expect(res.stdout).toContain(`the server key is the file ${keyFile}`);
    expect(readFileSync(file).includes(readFileSync(keyFile, 'utf8').trim())).toBe(false);
    expect((await run(runBackup, ['--out', file], sourceEnv)).code).toBe(1); // never overwrites
  });

  it('restores into a new PGlite folder; audit verify passes with the same key, and the server signs a seeded user in', async () => {
    const dataDir = join(root, 'restored');
    const env = { TANDEM_DATA_DIR: dataDir, TANDEM_SECRET_KEY_FILE: keyFile } as NodeJS.ProcessEnv;
    const res = await run(runRestore, [file], env);
    expect(res.stderr).toMatch(/^ {2}check file +[\d,]+ rows[\s\S]*^ {2}restore +[\d,]+ rows[\s\S]*^ {2}verify +[\d,]+ rows/m);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/every table's checksum matches/);
    expect(res.stdout).toMatch(/Restored [\d,]+ rows in \d+ tables into the PGlite folder .*restored; each table read back matches/);
    expect(res.stdout).toContain('The audit log of each of the 1 org(s) verifies with this server key.');
    expect(await counts({ kind: 'pglite', dataDir })).toEqual(seeded);

    const verify = await run(runAuditVerify, [], env);
    expect(verify.stdout).toMatch(/^ok .*chain intact$/m);
    expect(verify.code).toBe(0);

    const server = await startServer({ ...env, TANDEM_DEMO_DATA: 'off' });
    try {
      const signIn = await fetch(`${server.url}/api/v1/sessions`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: report.testUsers.admin.email, password: 'tandem-bench' }),
      });
      expect(signIn.status).toBe(201);
      const { token } = (await signIn.json()) as { token: string };
      const list = await fetch(`${server.url}/api/v1/contacts?limit=1`, { headers: { authorization: `Bearer ${token}` } });
      expect(list.status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 300_000); // a server started from source (tsx) on a busy 2-core machine: about a minute

  it('says so when the key at hand is not the backup server\'s', async () => {
    const otherKey = join(root, 'other.key');
    writeFileSync(otherKey, `${Buffer.alloc(32, 9).toString('base64')}\n`);
    const res = await run(runRestore, [file], { TANDEM_DATA_DIR: join(root, 'other-key'), TANDEM_SECRET_KEY_FILE: otherKey } as NodeJS.ProcessEnv);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/WARNING: the audit log of .* does not verify with this server key/);
  });

  it('refuses a damaged file before opening any database; --check only checks', async () => {
    const cut = join(root, 'cut.ndjson.gz');
    const bytes = readFileSync(file);
    writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    const dataDir = join(root, 'never');
    const res = await run(runRestore, [cut], { TANDEM_DATA_DIR: dataDir } as NodeJS.ProcessEnv);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^tandem restore: refused: .*cut\.ndjson\.gz: the file is not a whole gzip stream .*Nothing was written\.$/m);
    expect(existsSync(dataDir)).toBe(false);
    const checked = await run(runRestore, [file, '--check'], { TANDEM_DATA_DIR: dataDir } as NodeJS.ProcessEnv);
    expect([checked.code, checked.stdout]).toEqual([0, expect.stringMatching(/a backup of [\d,]+ rows in \d+ tables, taken .* on pglite, migration \d{4}_\w+\.sql; every table's checksum matches\.\n$/)]);
    expect(existsSync(dataDir)).toBe(false); // --check opens no database
    expect((await run(runRestore, [join(root, 'none.gz')], {})).stderr).toMatch(/no file/);
    await expect(run(runRestore, ['--force'], {})).rejects.toThrow(UsageError);
    await expect(run(runRestore, [file, '--forse'], {})).rejects.toThrow(/unknown flag --forse/);
  });

  it('refuses a database that holds rows; --force asks (no terminal: refused; no: refused; yes: replaced), --yes does not', async () => {
    const dataDir = join(root, 'restored');
    const env = { TANDEM_DATA_DIR: dataDir, TANDEM_SECRET_KEY_FILE: keyFile } as NodeJS.ProcessEnv;
    const handle = openDatabase({ kind: 'pglite', dataDir });
    try {
      await sql`INSERT INTO teams (org_id, name) VALUES (${report.org.id}, 'After the backup')`.execute(handle.db);
    } finally {
      await handle.close();
    }
    const refused = await run(runRestore, [file], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused: the PGlite folder .* holds [\d,]+ rows \(.*\)\. Restore into a new database, or give --force/);
    const askWith = (answer: string | undefined): Ask => async () => answer;
    const restoreWith = (args: string[], ask: Ask) => run((a, o, e, v) => runRestore(a, o, e, v, ask), args, env);
    expect((await restoreWith([file, '--force'], askWith(undefined))).stderr).toMatch(/only after a yes at the terminal, or with --yes/);
    expect((await restoreWith([file, '--force'], askWith('no'))).stderr).toMatch(/not confirmed; nothing was written/);
    const teams = async () => {
      const h = openDatabase({ kind: 'pglite', dataDir });
      try {
        return (await sql<{ n: string }>`SELECT count(*)::text AS n FROM teams WHERE name = 'After the backup'`.execute(h.db)).rows[0]?.n;
      } finally {
        await h.close();
      }
    };
    expect(await teams()).toBe('1');
    expect((await restoreWith([file, '--force'], askWith('yes'))).code).toBe(0);
    expect(await teams()).toBe('0');
    const scripted = await restoreWith([file, '--force', '--yes'], askWith(undefined));
    expect(scripted.code).toBe(0);
    expect(await counts({ kind: 'pglite', dataDir })).toEqual(seeded);
  });

  it('PGlite -> PostgreSQL -> PGlite through the commands: the same rows each way', async () => {
    const url = await freshPostgresUrl();
    const pgEnv = { DATABASE_URL: url, TANDEM_SECRET_KEY: readFileSync(keyFile, 'utf8').trim() } as NodeJS.ProcessEnv;
    const toPg = await run(runRestore, [file], pgEnv);
    expect(toPg.stdout).toMatch(/into the PostgreSQL database tandem_test_\w+ on 127\.0\.0\.1:\d+/);
    expect(toPg.code).toBe(0);
    expect(await counts({ kind: 'postgres', url })).toEqual(seeded);
    expect((await run(runAuditVerify, [], pgEnv)).code).toBe(0);

    const fromPg = join(root, 'from-pg.ndjson.gz');
    expect((await run(runBackup, ['--out', fromPg], pgEnv)).code).toBe(0);
    const back = join(root, 'back');
    expect((await run(runRestore, [fromPg], { TANDEM_DATA_DIR: back, TANDEM_SECRET_KEY_FILE: keyFile } as NodeJS.ProcessEnv)).code).toBe(0);
    expect(await counts({ kind: 'pglite', dataDir: back })).toEqual(seeded);
  });

  it('with two roles (D51): the app role alone may back up but not restore; with DATABASE_MIGRATION_URL the owner restores', async () => {
    const roles = await createTwoRoles(inject('postgresUrl'), 'restore');
    try {
      const key = { TANDEM_SECRET_KEY: readFileSync(keyFile, 'utf8').trim() };
      const appOnly = { DATABASE_URL: roles.appUrl, ...key } as NodeJS.ProcessEnv;
      const withOwner = { ...appOnly, DATABASE_MIGRATION_URL: roles.ownerUrl } as NodeJS.ProcessEnv;
      // The schema made by the owner and granted to the app role, as the server's start does.
      const app = openDatabase({ kind: 'postgres', url: roles.appUrl, poolSize: 1 });
      try {
        await migrateAs(app, migrationTargetFromEnv(withOwner));
      } finally {
        await app.close();
      }
      const refused = await run(runRestore, [file], appOnly);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/refused: a restore must run as the tables' owner .* set DATABASE_MIGRATION_URL/);
      const restored = await run(runRestore, [file], withOwner);
      expect(restored.code).toBe(0);
      expect(await counts({ kind: 'postgres', url: roles.appUrl })).toEqual(seeded);
      expect((await run(runAuditVerify, [], appOnly)).code).toBe(0);
      const again = join(root, 'as-app-role.ndjson.gz');
      expect((await run(runBackup, ['--out', again], appOnly)).code).toBe(0);
    } finally {
      await roles.drop();
    }
  });
});
