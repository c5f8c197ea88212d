// End to end: the real `tandem` binary as a child process, loading CRM-N into a fresh PGlite folder.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

describe('tandem seed, end to end on PGlite', () => {
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
});
