// `tandem export` in process on a seeded PGlite folder: the API's gate and codes (exit 1), the file written with the
// rows the core lets the user export, one audit entry, and its flags' mistakes (exit 2 through UsageError).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countContacts, loadActorContext, openDatabase } from '@tandem/server';
import { UsageError } from './args.ts';
import { main } from './main.ts';
import type { Output } from './progress.ts';
import type { SeedReport } from './seed/report.ts';

type Captured = Output & { text: () => string };
function capture(): Captured {
  let text = '';
  return { write: (t) => void (text += t), isTTY: false, stream: process.stderr, text: () => text };
}

// Each test runs the CLI as processes (tsx, PGlite, migrations): minutes on a busy 2-core machine, not seconds.
describe('tandem export on PGlite', { timeout: 180_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'tandem-export-'));
  const dataDir = join(root, 'data');
  const env = { TANDEM_DATA_DIR: dataDir } as NodeJS.ProcessEnv;
  let report: SeedReport;

  async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const [out, err] = [capture(), capture()];
    const code = await main(args, env, out, err);
    return { code, stdout: out.text(), stderr: err.text() };
  }
  async function withDb<T>(work: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
    const handle = openDatabase({ kind: 'pglite', dataDir });
    try {
      return await work(handle.db);
    } finally {
      await handle.close();
    }
  }

  beforeAll(async () => {
    const seeded = await run(['seed', '--contacts', '300', '--users', '10', '--seed', 'export', '--out', join(root, 'crm-n.json')]);
    expect(seeded.code).toBe(0);
    report = JSON.parse(readFileSync(join(root, 'crm-n.json'), 'utf8')) as SeedReport;
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes the contacts an admin may export (the core\'s contact.export count) and audits the export', async () => {
    const admin = report.testUsers.admin;
    const out = join(root, 'admin.csv');
    const res = await run(['export', '--as', admin.email.toUpperCase(), '--format', 'csv', '--out', out]);
    expect(res.stderr).toMatch(/^ {2}export csv +[\d,]+ rows/m);
    expect(res.code).toBe(0);
    const expected = await withDb(async (db) => {
      const ctx = await loadActorContext(db, report.org.id, admin.id, Date.now());
      if (!ctx) throw new Error('no actor');
      return { exportable: await countContacts(db, ctx, 'contact.export', 'active') };
    });
    expect(expected.exportable).toBeGreaterThan(0);
    expect(res.stdout).toBe(`Wrote ${expected.exportable.toLocaleString('en-US')} contacts to ${out}\n`);
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines[0]).toBe('Name,Company,Title,Emails,Phones,Tags,Address,Owner,Created,Updated');
    expect(lines.filter((l) => l !== '').length - 1).toBe(expected.exportable);
    const audit = await withDb((db) => sql<{ after: unknown }>`SELECT after FROM audit_log WHERE org_id = ${report.org.id}
      AND action = 'contact.export' ORDER BY seq DESC LIMIT 1`.execute(db));
    expect(audit.rows[0]?.after).toEqual({ channel: 'csv', filters: { archived: false }, rows: expected.exportable, completed: true });
  });

  it('refuses exactly as the API does: the code in the message, exit 1, no file', async () => {
    const member = report.testUsers.narrowMember;
    const out = join(root, 'member.xlsx');
    const off = await run(['export', '--as', member.email, '--format', 'xlsx', '--out', out]);
    expect([off.code, off.stderr]).toEqual([1, expect.stringContaining('refused: TANDEM_EXPORT_DISABLED')]);
    await withDb((db) => sql`UPDATE orgs SET export_enabled = true WHERE id = ${report.org.id}`.execute(db));
    const blocked = await run(['export', '--as', member.email, '--format', 'xlsx', '--out', out]);
    expect([blocked.code, blocked.stderr]).toEqual([1, expect.stringContaining('refused: TANDEM_EXPORT_CHANNEL_BLOCKED')]);
    expect(() => readFileSync(out)).toThrow();
    await withDb((db) => sql`UPDATE users SET export_channels = ARRAY['xlsx'] WHERE id = ${member.id}`.execute(db));
    const allowed = await run(['export', '--as', member.email, '--format', 'xlsx', '--out', out]);
    expect(allowed.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
    const unknown = await run(['export', '--as', 'nobody@nowhere.test', '--format', 'csv']);
    expect([unknown.code, unknown.stderr]).toEqual([1, 'tandem export: no user with e-mail nobody@nowhere.test\n']);
  });

  it('prints its help and rejects bad flags with a usage error', async () => {
    const help = await run(['export', '--help']);
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('Usage: tandem export --as EMAIL --format csv|xlsx|vcard')]);
    expect((await run(['--help'])).stdout).toContain('export         write the contacts');
    await expect(run(['export', '--format', 'csv'])).rejects.toThrow(new UsageError('tandem export: --as EMAIL is required (the user the export acts as)'));
    await expect(run(['export', '--as', 'a@b.test', '--format', 'pdf'])).rejects.toThrow(UsageError);
    await expect(run(['export', '--as', 'a@b.test', '--format', 'csv', '--owner', 'x'])).rejects.toThrow('unknown flag --owner');
    await expect(run(['export', '--as', 'a@b.test', '--format', 'csv', '--archived=yes'])).rejects.toThrow('--archived takes no value');
  });
});
