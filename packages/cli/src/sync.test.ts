// `tandem sync` in process on a seeded PGlite folder against the Mailchimp stand-in on loopback: the run pushes the
// contacts the core lets the user export (active ones), prints the counts and leaves the API's audit entry; refusals
// exit 1 with the API's code; a bad provider or a missing --as exits 2.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectIntegration, countContacts, loadActorContext, openDatabase, syncConfig, syncPorts } from '@tandem/server';
import { startMailchimpStandIn, type MailchimpStandIn } from '../../server/test/support/mailchimp-stand-in.ts';
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
describe('tandem sync on PGlite', { timeout: 180_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'tandem-sync-'));
  const dataDir = join(root, 'data');
  const key = Buffer.alloc(32, 5);
  let mc: MailchimpStandIn;
  let env: NodeJS.ProcessEnv;
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
    mc = await startMailchimpStandIn();
    env = { TANDEM_DATA_DIR: dataDir, TANDEM_SECRET_KEY: key.toString('hex'), TANDEM_MAILCHIMP_BASE_URL: mc.url } as NodeJS.ProcessEnv;
    const seeded = await run(['seed', '--contacts', '300', '--users', '10', '--seed', 'sync', '--out', join(root, 'crm-n.json')]);
    expect(seeded.code).toBe(0);
    report = JSON.parse(readFileSync(join(root, 'crm-n.json'), 'utf8')) as SeedReport;
    // The admin connects as the app would (PUT /integrations/mailchimp), under the same key the command reads.
    await withDb(async (db) => {
      const ctx = await loadActorContext(db, report.org.id, report.testUsers.admin.id, Date.now());
      if (!ctx) throw new Error('no admin');
      await connectIntegration({ db, sync: syncPorts(syncConfig(env), key) }, ctx, { provider: 'mailchimp', fields: { apiKey: mc.apiKey, audienceId: mc.audienceId } });
    });
  }, 120_000);
  afterAll(async () => {
    await mc.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('runs the admin\'s Mailchimp sync to its end: the contacts the core lets them export, the counts, one audit entry', async () => {
    const admin = report.testUsers.admin;
    const res = await run(['sync', 'mailchimp', '--as', admin.email]);
    expect(res.stderr).toMatch(/^ {2}sync mailchimp +[\d,]+ rows/m);
    expect(res.code).toBe(0);
    const exportable = await withDb(async (db) => {
      const ctx = await loadActorContext(db, report.org.id, admin.id, Date.now());
      if (!ctx) throw new Error('no actor');
      return countContacts(db, ctx, 'contact.export', 'active');
    });
    expect(exportable).toBeGreaterThan(0);
    const runRow = await withDb((db) => db.selectFrom('sync_runs').selectAll().where('user_id', '=', admin.id).executeTakeFirstOrThrow());
    expect([runRow.status, runRow.processed, runRow.total]).toEqual(['succeeded', exportable, exportable]);
    expect(runRow.created + runRow.updated + runRow.unchanged + runRow.skipped + runRow.failed).toBe(exportable);
    expect(mc.members.size).toBe(runRow.created);
    expect(res.stdout).toBe(`Synced ${exportable.toLocaleString('en-US')} of ${exportable.toLocaleString('en-US')} contacts: `
      + `created ${runRow.created.toLocaleString('en-US')}, updated 0, unchanged 0, skipped ${runRow.skipped}, failed 0\n`);
    const audit = await withDb((db) => sql<{ after: { rows: number; status: string; channel: string } }>`SELECT after FROM audit_log
      WHERE org_id = ${report.org.id} AND action = 'sync.run'`.execute(db));
    expect(audit.rows.map((r) => [r.after.channel, r.after.status, r.after.rows])).toEqual([['mailchimp_sync', 'succeeded', exportable]]);
    expect(mc.violations).toEqual([]);
    // Again: nothing changed, nothing sent.
    const again = await run(['sync', 'mailchimp', '--as', admin.email]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`created 0, updated 0, unchanged ${runRow.created}`);
  });

  it('refuses exactly as the API does: the code in the message, exit 1', async () => {
    const member = report.testUsers.narrowMember;
    const off = await run(['sync', 'mailchimp', '--as', member.email]);
    expect([off.code, off.stderr]).toEqual([1, expect.stringContaining('refused: TANDEM_EXPORT_DISABLED')]);
    await withDb((db) => sql`UPDATE orgs SET export_enabled = true WHERE id = ${report.org.id}`.execute(db));
    const blocked = await run(['sync', 'google_contacts', '--as', member.email]);
    expect([blocked.code, blocked.stderr]).toEqual([1, expect.stringContaining('refused: TANDEM_EXPORT_CHANNEL_BLOCKED')]);
    await withDb((db) => sql`UPDATE users SET export_channels = ARRAY['mailchimp_sync'] WHERE id = ${member.id}`.execute(db));
    const unconnected = await run(['sync', 'mailchimp', '--as', member.email]);
    expect([unconnected.code, unconnected.stderr]).toEqual([1, expect.stringContaining('refused: TANDEM_INTEGRATION_NOT_CONNECTED')]);
    const nobody = await run(['sync', 'mailchimp', '--as', 'nobody@example.test']);
    expect([nobody.code, nobody.stderr]).toEqual([1, 'tandem sync: no user with e-mail nobody@example.test\n']);
  });

  it('exits 2 on a bad provider or without --as', async () => {
    await expect(run(['sync', 'hubspot', '--as', 'a@b.c'])).rejects.toThrow(UsageError);
    await expect(run(['sync', 'mailchimp'])).rejects.toThrow(UsageError);
    expect((await run(['sync', '--help'])).stdout).toContain('Usage: tandem sync mailchimp|google_contacts --as EMAIL');
  });
});
