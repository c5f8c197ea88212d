// `tandem import` end to end: the real binary on a PGlite folder seeded by `tandem seed`, a dry run that writes
// nothing, a real run, a re-run that changes nothing, and the refusals (the API's codes, exit 1; bad flags, exit 2).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '@tandem/server';
import type { SeedReport } from './seed/report.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'tandem.mjs');
type Run = { code: number; stdout: string; stderr: string };

function tandem(args: string[], dataDir: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, TANDEM_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

// Each test runs the CLI as processes (tsx, PGlite, migrations): minutes on a busy 2-core machine, not seconds.
describe('tandem import, end to end on PGlite', { timeout: 180_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'tandem-import-'));
  const dataDir = join(root, 'data');
  const csv = join(root, 'people.csv');
  let admin = '';
  beforeAll(async () => {
    const seeded = await tandem(['seed', '--contacts', '100', '--users', '6', '--seed', 'import'], dataDir);
    expect(seeded.code).toBe(0);
    admin = (JSON.parse(readFileSync(join(dataDir, 'crm-n.json'), 'utf8')) as SeedReport).testUsers.admin.email;
    writeFileSync(csv, '\uFEFFName;Email;Company\nJörg Müller;joerg@import.test;Bäckerei\n;;\nBad;not-an-email;\nZoë;zoe@import.test;\n');
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function imported(): Promise<{ name: string; company: string | null }[]> {
    const handle = openDatabase({ kind: 'pglite', dataDir });
    try {
      return await handle.db.selectFrom('contacts').select(['name', 'company']).where('name', 'in', ['Jörg Müller', 'Zoë']).orderBy('name').execute();
    } finally {
      await handle.close();
    }
  }

  it('reports a dry run without writing, then imports, then a re-run changes nothing', async () => {
    const dry = await tandem(['import', csv, '--as', admin, '--dry-run'], dataDir);
    expect([dry.code, dry.stderr]).toEqual([0, '']);
    expect(dry.stdout).toContain('Dry run (nothing written): would create 2, update 0, skip 1, 1 row error(s).');
    expect(dry.stdout).toMatch(/^ {2}row 3: emails\.0: /m);
    expect(dry.stdout).toContain('Columns: Name → name, Email → emails, Company → company');
    expect(await imported()).toEqual([]);
    const real = await tandem(['import', csv, '--as', admin.toUpperCase()], dataDir);
    expect([real.code, real.stderr]).toEqual([0, '']);
    expect(real.stdout).toContain('Created 2, updated 0, skip 1, 1 row error(s).');
    expect(await imported()).toEqual([{ name: 'Jörg Müller', company: 'Bäckerei' }, { name: 'Zoë', company: null }]);
    const again = await tandem(['import', csv, '--as', admin], dataDir);
    expect(again.stdout).toContain('Created 0, updated 0, skip 3');
    expect(again.stdout).toContain('skipped unchanged: 2');
  }, 60_000);

  it('prints the database\'s error of a batch it could not write on stderr, and exits 1', async () => {
    const refused = join(root, 'refused.csv');
    writeFileSync(refused, 'Name,Email\nCli Refused,cli-refused@import.test\n');
    const handle = openDatabase({ kind: 'pglite', dataDir });
    try {
      await sql`CREATE FUNCTION cli_import_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.name = 'Cli Refused' THEN RAISE EXCEPTION 'refused by the cli test trigger'; END IF; RETURN NEW; END $$`.execute(handle.db);
      await sql`CREATE TRIGGER cli_import_refuse BEFORE INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION cli_import_refuse()`.execute(handle.db);
    } finally {
      await handle.close();
    }
    try {
      const run = await tandem(['import', refused, '--as', admin], dataDir);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('tandem import: rows 1-1 failed: refused by the cli test trigger');
    } finally {
      const cleanup = openDatabase({ kind: 'pglite', dataDir });
      try {
        await sql`DROP TRIGGER cli_import_refuse ON contacts`.execute(cleanup.db);
        await sql`DROP FUNCTION cli_import_refuse()`.execute(cleanup.db);
      } finally {
        await cleanup.close();
      }
    }
  }, 60_000);

  it('refuses as the API does (exit 1) and answers bad flags with exit 2', async () => {
    const mapping = await tandem(['import', csv, '--as', admin, '--mapping', '{"Name":"birthday"}'], dataDir);
    expect([mapping.code, mapping.stderr.split(':').slice(0, 2).join(':')]).toEqual([1, 'tandem import: TANDEM_INPUT_INVALID']);
    const unknown = await tandem(['import', csv, '--as', admin, '--mapping', '{"Nom":"name"}'], dataDir);
    expect(unknown.stderr).toContain('TANDEM_INPUT_INVALID: mapping: the file has no column "Nom"');
    const big = join(root, 'big.csv');
    writeFileSync(big, 'name\n');
    truncateSync(big, 20 * 1024 * 1024 + 1);
    const tooLarge = await tandem(['import', big, '--as', admin], dataDir);
    expect([tooLarge.code, tooLarge.stderr]).toEqual([1, 'tandem import: TANDEM_IMPORT_FILE_TOO_LARGE: The file is larger than 20 MiB: split it and import each part.\n']);
    const nobody = await tandem(['import', csv, '--as', 'nobody@nowhere.test'], dataDir);
    expect([nobody.code, nobody.stderr]).toEqual([1, 'tandem import: no user with e-mail nobody@nowhere.test\n']);
    const noAs = await tandem(['import', csv], dataDir);
    expect(noAs.code).toBe(2);
    const noFile = await tandem(['import', '--as', admin], dataDir);
    expect([noFile.code, noFile.stderr]).toEqual([2, 'tandem import: name the CSV or vCard file first (see tandem import --help)\n']);
    const help = await tandem(['import', '--help'], dataDir);
    expect([help.code, help.stdout.split('\n')[0]]).toEqual([0, 'Usage: tandem import FILE --as EMAIL [--dry-run] [--mapping JSON]']);
  }, 60_000);
});
