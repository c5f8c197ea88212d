// End to end: the real `tandem` binary as a child process, loading CRM-N into a fresh PGlite folder.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countContacts, loadActorContext, openDatabase } from '@tandem/server';
import type { SeedReport } from './seed/report.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'tandem.mjs');
type Run = { code: number; stdout: string; stderr: string };

function tandem(args: string[], dataDir: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, TANDEM_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

// Each test runs the CLI as processes (tsx, PGlite, migrations): minutes on a busy 2-core machine, not seconds.
describe('tandem seed, end to end on PGlite', { timeout: 180_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'tandem-cli-'));
  const dataDir = join(root, 'data');
  let seeded: Run;
  beforeAll(async () => {
    seeded = await tandem(['seed', '--contacts', '600', '--users', '12', '--seed', 'e2e', '--messages', '1', '--batch-size', '250'], dataDir);
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('loads, prints one line per phase and the counts, and writes the test users', () => {
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/^ {2}contacts +600 rows/m);
    expect(seeded.stdout).toMatch(/^ {2}contact_events +600$/m);
    expect(seeded.stdout).not.toContain('\u001b['); // no progress bar when stdout is not a terminal
    const report = JSON.parse(readFileSync(join(dataDir, 'crm-n.json'), 'utf8')) as SeedReport;
    expect(report.counts).toMatchObject({ users: 12, contacts: 600, contact_shares: 30, buckets: 200, contact_events: 600, audit_log: 1 });
    expect(Object.keys(report.testUsers).sort()).toEqual(['admin', 'bucketMember', 'granteeOf20', 'memberSeesAll', 'narrowMember']);
  });

  it('leaves data the permission engine reads as planned', async () => {
    const report = JSON.parse(readFileSync(join(dataDir, 'crm-n.json'), 'utf8')) as SeedReport;
    const handle = openDatabase({ kind: 'pglite', dataDir });
    try {
      const count = async (userId: string) => {
        const ctx = await loadActorContext(handle.db, report.org.id, userId, Date.now());
        if (!ctx) throw new Error('no actor');
        return countContacts(handle.db, ctx, 'contact.view', 'active');
      };
      expect(await count(report.testUsers.admin.id)).toBe(600);
      const narrow = await count(report.testUsers.narrowMember.id);
      expect(narrow).toBeGreaterThanOrEqual(1);
      expect(narrow).toBeLessThanOrEqual(2);
      expect(await count(report.testUsers.bucketMember.id)).toBeGreaterThan(narrow);
    } finally {
      await handle.close();
    }
  });

  it('verifies the audit chain, and refuses to load the same org twice', async () => {
    const verify = await tandem(['audit', 'verify'], dataDir);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^ok .*CRM-N 600\/12 seed e2e: 1 entry, chain intact$/m);
    const again = await tandem(['seed', '--contacts', '600', '--users', '12', '--seed', 'e2e'], dataDir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds the org/);
  });

  it('answers bad flags with exit 2 and one line', async () => {
    const bad = await tandem(['seed', '--contacts', 'many'], dataDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(["tandem seed: --contacts must be a whole number from 100 to 10,000,000 (got 'many')"]);
    const help = await tandem(['seed', '--help'], dataDir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--messages M');
  });

  // Last in this block: it cuts the seeded chain. Dropping the newest entries leaves a chain that recomputes (the
  // walk alone cannot tell), which only a checkpoint kept outside the database catches.
  it('signs a checkpoint that a verify checks, and catches entries cut off the end with it', async () => {
    const report = JSON.parse(readFileSync(join(dataDir, 'crm-n.json'), 'utf8')) as SeedReport;
    const made = await tandem(['audit', 'checkpoint', '--org', report.org.id], dataDir);
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ orgId: report.org.id, seq: '1', hash: expect.stringMatching(/^k1:/) });
    const file = join(root, 'checkpoint.json');
    writeFileSync(file, made.stdout);
    const ok = await tandem(['audit', 'verify', '--checkpoint', file], dataDir);
    expect(ok.stdout).toMatch(/^ok .*: 1 entry, chain intact; checkpoint at seq 1 matches \(signed by the server's key\)$/m);
    expect(ok.code).toBe(0);

    const forged = join(root, 'forged.json');
    writeFileSync(forged, JSON.stringify({ ...JSON.parse(made.stdout), seq: '0' }));
    const refused = await tandem(['audit', 'verify', '--checkpoint', forged], dataDir);
    expect(refused.stdout).toMatch(/^INVALID .*chain intact; checkpoint at seq 0: bad-signature$/m);
    expect(refused.code).toBe(1);

    // As the table's owner would: triggers off for one transaction, the entry deleted.
    const handle = openDatabase({ kind: 'pglite', dataDir });
    try {
      await handle.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL session_replication_role = replica`.execute(trx);
        await sql`DELETE FROM audit_log WHERE org_id = ${report.org.id}`.execute(trx);
      });
    } finally {
      await handle.close();
    }
    expect((await tandem(['audit', 'verify'], dataDir)).code).toBe(0);
    const cut = await tandem(['audit', 'verify', '--checkpoint', file], dataDir);
    expect(cut.stdout).toMatch(/^INVALID .*: 0 entries, chain intact; checkpoint at seq 1: seq-missing \(signed by the server's key\)$/m);
    expect(cut.code).toBe(1);
    expect((await tandem(['audit', 'verify', '--checkpoint', join(root, 'none.json')], dataDir)).code).toBe(2);
  });
});
