// The account family's audit entries do not change shape across refactorings: the scripted run of every audited
// account operation (support/account-audit-script.ts) leaves the same entries, ids masked, as the code before
// issue 8 left (fixtures/account-audit-before-issue-8.json; entries of other families, which the script makes on
// the way, are left out of the comparison), and a chain recorded by that code (its raw rows,
// fixtures/account-audit-raw-before-issue-8.json) still verifies, and still verifies after new entries join it.
// Re-record both fixtures (only on purpose) with TANDEM_RECORD_ACCOUNT_AUDIT=1.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson, verifyAuditChain } from '../../src/domain/audit/audit-chain.ts';
import { createUser } from '../fixtures/org-fixture.ts';
import { buildTestApp, type TestApp } from '../support/harness.ts';
import { accountsClient } from './support/accounts-client.ts';
import { accountEntries, maskAuditRows, runAccountAuditScript, type RawAuditRow } from './support/account-audit-script.ts';
import { expectStatus } from './support/contacts-client.ts';

const MASKED = new URL('./fixtures/account-audit-before-issue-8.json', import.meta.url);
const RAW = new URL('./fixtures/account-audit-raw-before-issue-8.json', import.meta.url);
const RECORD = process.env.TANDEM_RECORD_ACCOUNT_AUDIT === '1';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

function readJson<T>(url: URL): T {
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

describe('account audit entries', () => {
  it('are the same, ids masked, as the ones the code before issue 8 wrote', async () => {
    t = await buildTestApp();
    const { rows } = await runAccountAuditScript(t);
    if (RECORD) {
      writeFileSync(MASKED, `${JSON.stringify(maskAuditRows(rows), null, 2)}\n`);
      writeFileSync(RAW, `${JSON.stringify(rows, null, 2)}\n`);
    }
    const recorded = readJson<object[]>(MASKED);
    const now = accountEntries(rows);
    expect(now).toHaveLength(31);
    expect(now).toStrictEqual(accountEntries(recorded));
    // Same JSON, byte for byte, as the audit chain hashes it.
    expect(now.map((e) => canonicalJson([e.before, e.after]))).toEqual(accountEntries(recorded).map((e) => canonicalJson([e.before, e.after])));
  });

  it('chain recorded by the code before issue 8 verifies, and keeps verifying as new entries join it', async () => {
    t = await buildTestApp();
    const rows = readJson<RawAuditRow[]>(RAW);
    const orgId = rows[0]?.org_id as string;
    const db = t.handle.db;
    await db.insertInto('orgs').values({ id: orgId, name: 'Script Org Ltd' }).execute();
    await db.insertInto('audit_log').values(rows.map((r) => ({
      ...r, before: r.before === null ? null : JSON.stringify(r.before), after: r.after === null ? null : JSON.stringify(r.after),
    }))).execute();
    // What migration 0017 records for a chain written before it: its last unkeyed entry (D45).
    const head = rows[rows.length - 1] as RawAuditRow;
    await db.insertInto('audit_unkeyed_heads').values({ org_id: orgId, seq: head.seq, hash: head.hash }).execute();
    expect(await verifyAuditChain(db, orgId)).toEqual({ valid: true, entries: rows.length, firstBadSeq: null });

    const admin = await createUser(db, orgId, { name: 'Auditor', role: 'admin' });
    const c = accountsClient(t.app);
    expect(expectStatus(await c.verifyAudit({ as: admin.token }), 200)).toEqual({ valid: true, entries: rows.length, firstBadSeq: null });
    expectStatus(await c.createTeam({ name: 'Later', memberIds: [admin.id] }, { as: admin.token }), 201);
    expectStatus(await c.updateSettings({ exportEnabled: true }, { as: admin.token }), 200);
    expect(expectStatus(await c.verifyAudit({ as: admin.token }), 200)).toEqual({ valid: true, entries: rows.length + 2, firstBadSeq: null });
  });
});
