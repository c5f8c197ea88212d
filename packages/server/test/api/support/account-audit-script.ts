// A scripted run of every audited account operation, through the API with the manual clock, and the audit rows it
// leaves. `account-audit.test.ts` compares the rows (ids and hashes masked) with the ones the code before issue 8
// recorded, so a refactoring of the account family cannot change what its audit entries say. The script also puts
// a contact share and a bucket share on a team, so that the team's deletion lists them as removed.
import { sql } from 'kysely';
import { call, type TestApp } from '../../support/harness.ts';
import { accountsClient } from './accounts-client.ts';
import { contactsClient, expectStatus } from './contacts-client.ts';

export type RawAuditRow = {
  org_id: string; seq: string; id: string; at: string; actor_id: string | null; action: string; target_type: string;
  target_id: string | null; before: unknown; after: unknown; prev_hash: string; hash: string;
};
export type AuditScriptResult = { orgId: string; rows: RawAuditRow[] };

const PASSWORD = 'a long enough password';

/** Runs the script on a fresh app (its own database and clock) and answers the org's audit rows, oldest first. */
export async function runAccountAuditScript(t: TestApp): Promise<AuditScriptResult> {
  const c = accountsClient(t.app);
  const k = contactsClient(t.app);
  t.clock.set('2026-03-02T08:00:00Z');
  const step = () => t.clock.advance(60_000);

  const signup = expectStatus(await c.signup({ orgName: 'Script Org', name: 'Ada Admin', email: 'ada@script.test', password: PASSWORD }), 201);
  const as = { as: signup.token as string };
  const orgId = signup.org.id as string;
  step();
  const ben = expectStatus(await c.createUser({ name: 'Ben', email: 'Ben@Script.test', password: PASSWORD, role: 'member' }, as), 201).user; step();
  const cat = expectStatus(await c.createUser({ name: 'Cat', email: 'cat@script.test', password: PASSWORD, role: 'member' }, as), 201).user; step();
  const eve = expectStatus(await c.createUser({ name: 'Eve', email: 'eve@script.test', password: PASSWORD, role: 'admin' }, as), 201).user; step();
  expectStatus(await c.updateUser(cat.id, { role: 'admin' }, as), 200); step();
  expectStatus(await c.updateUser(cat.id, { role: 'member' }, as), 200); step();
  expectStatus(await c.updateUser(ben.id, { exportChannels: ['api', 'csv', 'api'] }, as), 200); step();
  // Role and status in one patch: two entries; Eve's session and token are revoked with her deactivation.
  const eveSession = expectStatus(await c.signIn({ email: 'eve@script.test', password: PASSWORD }), 201);
  expectStatus(await c.createToken({ name: 'eve script' }, { as: eveSession.token }), 201); step();
  expectStatus(await c.updateUser(eve.id, { role: 'member', status: 'deactivated' }, as), 200); step();
  expectStatus(await c.updateUser(eve.id, { status: 'active' }, as), 200); step();
  expectStatus(await c.updateSettings({ exportEnabled: true, shareAllContacts: true }, as), 200); step();
  expectStatus(await c.updateSettings({ membersCanArchiveDeleteShared: true, shareAllContacts: true }, as), 200); step();
  expectStatus(await c.updateOrg({ name: 'Script Org Ltd', accentColor: '#ABCDEF' }, as), 200); step();
  expectStatus(await c.updateOrg({ billing: { contactName: 'Ada', vatId: 'GB123' } }, as), 200); step();
  expectStatus(await c.updateOrg({ billing: { vatId: null, address: '1 Main St' } }, as), 200); step();

  const team = expectStatus(await c.createTeam({ name: 'Sales', memberIds: [ben.id] }, as), 201).team; step();
  expectStatus(await c.renameTeam(team.id, { name: 'Field Sales' }, as), 200); step();
  expectStatus(await c.setTeamMembers(team.id, { memberIds: [cat.id, ben.id] }, as), 200); step();
  const other = expectStatus(await c.createTeam({ name: 'Support', memberIds: [] }, as), 201).team; step();

  expectStatus(await c.createGrant(ben.id, { grantee: { teamId: team.id }, scope: 'contacts', level: 'view' }, as), 201); step();
  expectStatus(await c.createGrant(ben.id, {
    grantee: { teamId: team.id }, scope: 'contacts', level: 'edit', startsAt: '2026-03-01T00:00:00Z', expiresAt: '2026-12-31T23:59:59.5Z',
  }, as), 201); step();
  const future = expectStatus(await c.createGrant(cat.id, {
    grantee: { userId: ben.id }, scope: 'calendar', level: 'view', startsAt: '2026-06-01T00:00:00.000Z',
  }, as), 201).grant; step();
  expectStatus(await c.createGrant(cat.id, { grantee: { teamId: other.id }, scope: 'contacts', level: 'view' }, as), 201); step();
  expectStatus(await c.revokeGrant(future.id, as), 204); step();

  const token = expectStatus(await c.createToken({ name: 'nightly export', expiresAt: '2026-09-01T00:00:00Z' }, as), 201).apiToken; step();
  expectStatus(await c.createToken({ name: 'no expiry' }, as), 201); step();
  expectStatus(await c.revokeToken(token.id, as), 204); step();

  // A contact share and a bucket share naming the team: deleted with it, and listed in `team.delete`.
  const benSession = expectStatus(await c.signIn({ email: 'ben@script.test', password: PASSWORD }), 201);
  const contact = expectStatus(await k.createContact({ as: benSession.token, body: { name: 'Zed Customer' } }), 201).contact; step();
  expectStatus(await k.createShare(contact.id, { as: benSession.token, body: { grantee: { teamId: team.id }, level: 'collaborate' } }), 201); step();
  const bucket = expectStatus(await k.createBucket({ as: benSession.token, name: 'Leads' }), 201).bucket; step();
  expectStatus(await k.shareBucket(bucket.id, { as: benSession.token, body: { grantee: { teamId: team.id }, level: 'view', expiresAt: '2027-01-01T00:00:00Z' } }), 201); step();
  expectStatus(await c.deleteTeam(team.id, as), 204); step();
  expectStatus(await c.deleteTeam(other.id, as), 204); step();
  expectStatus(await call(t.app, 'DELETE', '/api/v1/sessions/current', { as: benSession.token }), 204);

  const result = await sql<RawAuditRow>`SELECT org_id, seq::text AS seq, id, at, actor_id, action, target_type, target_id, before, after, prev_hash, hash
    FROM audit_log WHERE org_id = ${orgId} ORDER BY audit_log.seq`.execute(t.handle.db);
  const rows = result.rows.map((r) => ({
    ...r, at: new Date(r.at).toISOString(),
    before: typeof r.before === 'string' ? JSON.parse(r.before) : r.before,
    after: typeof r.after === 'string' ? JSON.parse(r.after) : r.after,
  }));
  return { orgId, rows };
}

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|<id\d+>/gi;

/**
 * The rows with every id (a UUID, or a placeholder of an earlier masking) replaced by a placeholder numbered in
 * order of first appearance (the same id gets the same placeholder everywhere) and the hashes dropped: ids and
 * hashes differ from run to run, the rest must not.
 */
export function maskAuditRows(rows: readonly object[]): Record<string, unknown>[] {
  const seen = new Map<string, string>();
  const mask = (text: string) => text.replace(ID, (id) => {
    const key = id.toLowerCase();
    if (!seen.has(key)) seen.set(key, `<id${seen.size + 1}>`);
    return seen.get(key) as string;
  });
  return rows.map((row) => {
    const { prev_hash: _prev, hash: _hash, ...rest } = row as Record<string, unknown>;
    return JSON.parse(mask(JSON.stringify(rest))) as Record<string, unknown>;
  });
}

const ACCOUNT_ACTION = /^(org|user|team|grant|token)\./;

/**
 * The account family's entries only, masked afresh and without their sequence numbers (which entries of other
 * families, such as `contact.create`, shift): what a change to the account code must leave as it was.
 */
export function accountEntries(maskedOrRaw: readonly object[]): Record<string, unknown>[] {
  const rows = maskedOrRaw.filter((r) => ACCOUNT_ACTION.test(String((r as { action?: unknown }).action)));
  return maskAuditRows(rows).map(({ seq: _seq, ...rest }) => rest);
}
