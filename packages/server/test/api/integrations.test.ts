// /integrations (spec §9 sync channels, D39) against the loopback stand-ins of Mailchimp and Google People: the gate
// in every combination on connect and on starting a run, credentials sealed at rest (and opened by no other key, in
// no other row), no secret in any answer or audit entry, refused credentials store nothing, and nobody sees
// another user's connection or runs.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretBox } from '../../src/domain/shared/secret-box.ts';
import { CREDENTIALS_PURPOSE, credentialsContext } from '../../src/domain/sync/sync-deps.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { startGooglePeopleStandIn, type GooglePeopleStandIn } from '../support/google-people-stand-in.ts';
import { startMailchimpStandIn, type MailchimpStandIn } from '../support/mailchimp-stand-in.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { syncClient, TEST_SECRET_KEY, testSyncPorts } from './support/sync-client.ts';
import { useTestApp } from './support/test-app.ts';
import type { TestUser } from './support/world-builder.ts';

const PROVIDERS = ['mailchimp', 'google_contacts'] as const;
type Provider = (typeof PROVIDERS)[number];

describe.each(DATABASE_KINDS)('/integrations on %s', (kind) => {
  let mc: MailchimpStandIn;
  let g: GooglePeopleStandIn;
  beforeAll(async () => {
    mc = await startMailchimpStandIn();
    g = await startGooglePeopleStandIn();
  });
  afterAll(async () => {
    await mc.close();
    await g.close();
  });
  const t = useTestApp({
    db: kind,
    sync: () => testSyncPorts({ mailchimpBaseUrl: mc.url, googlePeopleBaseUrl: g.peopleUrl, googleTokenUrl: g.tokenUrl }),
  });
  const sync = syncClient(t);
  const bodyOf = (provider: Provider): Record<string, string> => (provider === 'mailchimp'
    ? { apiKey: mc.apiKey, audienceId: mc.audienceId }
    : { ...g.credentials });
  /** Every secret a connection was given: none may appear in an answer, an audit entry or the raw row. */
  const secrets = () => [mc.apiKey, g.credentials.clientSecret, g.credentials.refreshToken];

  it('lets exactly admins, and members with the switch on and the channel theirs, connect and run; the two refusals differ', async () => {
    const w = await t.world({
      orgs: { on: { exportEnabled: true }, off: {} },
      users: {
        onAdmin: { org: 'on', role: 'admin' }, onIn: { org: 'on', exportChannels: ['mailchimp_sync', 'google_contacts_sync'] },
        onOut: { org: 'on', exportChannels: ['csv', 'api'] },
        offAdmin: { org: 'off', role: 'admin' }, offIn: { org: 'off', exportChannels: ['mailchimp_sync', 'google_contacts_sync'] }, offOut: { org: 'off' },
      },
    });
    const u = w.users;
    const expected: [TestUser, string | undefined][] = [
      [u.onAdmin, undefined], [u.onIn, undefined], [u.onOut, 'TANDEM_EXPORT_CHANNEL_BLOCKED'],
      [u.offAdmin, undefined], [u.offIn, 'TANDEM_EXPORT_DISABLED'], [u.offOut, 'TANDEM_EXPORT_DISABLED'],
    ];
    for (const provider of PROVIDERS) {
      for (const [user, code] of expected) {
        const listed = expectStatus(await sync.list(user), 200).integrations.find((i) => i.provider === provider);
        expect([listed?.allowed, listed?.refusal], `${user.name} ${provider} listed`).toEqual([code === undefined, code ?? null]);
        const connect = await sync.connect(provider, bodyOf(provider), user);
        expect(outcome(connect), `${user.name} connects ${provider}`).toEqual(code ? { status: 403, code } : { status: 200 });
        if (!code) {
          const run = await sync.start(provider, user);
          expect(outcome(run), `${user.name} runs ${provider}`).toEqual({ status: 202 });
        }
      }
    }
    // A refused user holds no connection, and starting a run is refused by the gate before anything else.
    for (const [user, code] of expected.filter(([, c]) => c !== undefined)) {
      for (const provider of PROVIDERS) {
        expect(outcome(await sync.start(provider, user))).toEqual({ status: 403, code });
        expect(expectStatus(await sync.list(user), 200).integrations.every((i) => !i.connected)).toBe(true);
      }
    }
    // The switch turned off after connecting: the member may no longer start a run; the admin still may (none queued twice).
    await t.db.updateTable('orgs').set({ export_enabled: false }).where('id', '=', w.orgs.on).execute();
    expect(outcome(await sync.start('mailchimp', u.onIn))).toEqual({ status: 403, code: 'TANDEM_EXPORT_DISABLED' });
    expect(outcome(await sync.start('mailchimp', u.onAdmin))).toEqual({ status: 409, code: 'TANDEM_SYNC_RUNNING' });
    // One channel removed: only that provider is refused.
    await t.db.updateTable('orgs').set({ export_enabled: true }).where('id', '=', w.orgs.on).execute();
    await t.db.updateTable('users').set({ export_channels: ['google_contacts_sync'] }).where('id', '=', u.onIn.id).execute();
    expect(outcome(await sync.connect('mailchimp', bodyOf('mailchimp'), u.onIn))).toEqual({ status: 403, code: 'TANDEM_EXPORT_CHANNEL_BLOCKED' });
    expect(outcome(await sync.connect('google_contacts', bodyOf('google_contacts'), u.onIn))).toEqual({ status: 409, code: 'TANDEM_SYNC_RUNNING' });
    expect(mc.violations).toEqual([]);
    expect(g.violations).toEqual([]);
  });

  it('seals credentials at rest: the row holds no secret, another key or another row cannot open it, no answer or audit entry names one', async () => {
    const w = await t.world({ users: { ada: { role: 'admin' }, ben: { role: 'admin' } } });
    const { ada, ben } = w.users;
    const answers: unknown[] = [];
    for (const provider of PROVIDERS) {
      const connected = expectStatus(await sync.connect(provider, bodyOf(provider), ada), 200).integration;
      answers.push(connected);
      expect(connected).toMatchObject({ provider, connected: true, allowed: true, refusal: null, lastRun: null });
      expect(connected.account).toEqual(expect.any(String));
    }
    answers.push(expectStatus(await sync.list(ada), 200));
    const rows = await t.db.selectFrom('integrations').selectAll().where('user_id', '=', ada.id).execute();
    expect(rows.map((r) => r.provider).sort()).toEqual(['google_contacts', 'mailchimp']);
    const box = secretBox(TEST_SECRET_KEY, CREDENTIALS_PURPOSE);
    const other = secretBox(Buffer.alloc(32, 9), CREDENTIALS_PURPOSE);
    for (const row of rows) {
      const raw = JSON.stringify(row);
      for (const secret of secrets()) expect(raw).not.toContain(secret);
      const context = credentialsContext(w.orgId, ada.id, row.provider);
      const opened = JSON.parse(box.open(row.credentials, context)) as Record<string, string>;
      expect(Object.values(opened).some((v) => secrets().includes(v))).toBe(true);
      expect(() => other.open(row.credentials, context)).toThrow(/another server key/);
      expect(() => box.open(row.credentials, credentialsContext(w.orgId, ben.id, row.provider))).toThrow(/does not open/);
    }
    const audit = await sql<{ action: string; after: unknown; before: unknown }>`SELECT action, after, before FROM audit_log WHERE org_id = ${w.orgId}`.execute(t.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['integration.connect', 'integration.connect']);
    expect(audit.rows.map((r) => r.after)).toEqual([
      { provider: 'mailchimp', account: expect.any(String) }, { provider: 'google_contacts', account: expect.any(String) },
    ]);
    const everything = JSON.stringify([answers, audit.rows]);
    for (const secret of secrets()) expect(everything).not.toContain(secret);
  });

  it('refuses credentials the provider rejects with 400 and stores nothing; a body of the other provider is a 400', async () => {
    const w = await t.world({ users: { ada: { role: 'admin' } } });
    const { ada } = w.users;
    const wrong: Record<Provider, Record<string, string>> = {
      mailchimp: { apiKey: 'ffffffffffffffffffffffffffffffff-us21', audienceId: mc.audienceId },
      google_contacts: { ...g.credentials, refreshToken: '1//revoked' },
    };
    for (const provider of PROVIDERS) {
      expect(outcome(await sync.connect(provider, wrong[provider], ada))).toEqual({ status: 400, code: 'TANDEM_INTEGRATION_CREDENTIALS_REJECTED' });
    }
    expect(outcome(await sync.connect('mailchimp', { apiKey: mc.apiKey, audienceId: 'nope' }, ada))).toEqual({ status: 400, code: 'TANDEM_INTEGRATION_CREDENTIALS_REJECTED' });
    expect(outcome(await sync.connect('mailchimp', bodyOf('google_contacts'), ada))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(outcome(await sync.connect('google_contacts', bodyOf('mailchimp'), ada))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(outcome(await sync.connect('hubspot', bodyOf('mailchimp'), ada))).toEqual({ status: 404, code: 'TANDEM_NOT_FOUND' });
    expect(await t.db.selectFrom('integrations').select('id').where('user_id', '=', ada.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('audit_log').select('action').where('org_id', '=', w.orgId).execute()).toEqual([]);
    // A provider that keeps failing: unreachable, nothing stored.
    mc.failNext(1, 503);
    expect(outcome(await sync.connect('mailchimp', bodyOf('mailchimp'), ada))).toEqual({ status: 400, code: 'TANDEM_INTEGRATION_UNREACHABLE' });
    expect(await t.db.selectFrom('integrations').select('id').where('user_id', '=', ada.id).execute()).toEqual([]);
  });

  it("never shows another user's connection or runs: 404 as if missing, in the org and across orgs", async () => {
    const w = await t.world({
      orgs: { acme: {}, globex: {} },
      users: { ada: { role: 'admin' }, bob: { role: 'admin' }, oz: { org: 'globex', role: 'admin' } },
    });
    const { ada, bob, oz } = w.users;
    expectStatus(await sync.connect('mailchimp', bodyOf('mailchimp'), ada), 200);
    const run = expectStatus(await sync.start('mailchimp', ada), 202).run;
    expect(run).toMatchObject({ status: 'queued', provider: 'mailchimp', total: 0, processed: 0 });
    expect(expectStatus(await sync.run('mailchimp', run.id, ada), 200).run.id).toBe(run.id);
    expect(expectStatus(await sync.runs('mailchimp', ada), 200).runs.map((r) => r.id)).toEqual([run.id]);
    for (const other of [bob, oz]) {
      expect(expectStatus(await sync.list(other), 200).integrations.map((i) => [i.provider, i.connected, i.lastRun])).toEqual([
        ['mailchimp', false, null], ['google_contacts', false, null],
      ]);
      expect(outcome(await sync.run('mailchimp', run.id, other))).toEqual({ status: 404, code: 'TANDEM_INTEGRATION_NOT_CONNECTED' });
      expect(outcome(await sync.runs('mailchimp', other))).toEqual({ status: 404, code: 'TANDEM_INTEGRATION_NOT_CONNECTED' });
      expect(outcome(await sync.start('mailchimp', other))).toEqual({ status: 404, code: 'TANDEM_INTEGRATION_NOT_CONNECTED' });
      expect(outcome(await sync.disconnect('mailchimp', other))).toEqual({ status: 404, code: 'TANDEM_INTEGRATION_NOT_CONNECTED' });
    }
    // Connected too, Bob still cannot read Ada's run by its id.
    expectStatus(await sync.connect('mailchimp', bodyOf('mailchimp'), bob), 200);
    expect(outcome(await sync.run('mailchimp', run.id, bob))).toEqual({ status: 404, code: 'TANDEM_SYNC_RUN_NOT_FOUND' });
    expect(outcome(await sync.run('mailchimp', 'not-an-id', bob))).toEqual({ status: 404, code: 'TANDEM_SYNC_RUN_NOT_FOUND' });
    expect(expectStatus(await sync.runs('mailchimp', bob), 200).runs).toEqual([]);
    // Ada's list shows her run as the last one; a second start while it is queued is a 409.
    expect(expectStatus(await sync.list(ada), 200).integrations[0]?.lastRun?.id).toBe(run.id);
    expect(outcome(await sync.start('mailchimp', ada))).toEqual({ status: 409, code: 'TANDEM_SYNC_RUNNING' });
    expect(outcome(await sync.runs('mailchimp', ada, 101))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    // Disconnecting ends the queued run (stopped, disconnected, audited) and forgets the connection.
    expectStatus(await sync.disconnect('mailchimp', ada), 204);
    expect(outcome(await sync.run('mailchimp', run.id, ada))).toEqual({ status: 404, code: 'TANDEM_INTEGRATION_NOT_CONNECTED' });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'after']).where('org_id', '=', w.orgId).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['integration.connect', 'integration.connect', 'sync.run', 'integration.disconnect']);
    expect(audit[2]).toMatchObject({ actor_id: ada.id, after: { provider: 'mailchimp', channel: 'mailchimp_sync', status: 'stopped', stopReason: 'disconnected', rows: 0 } });
    expect(await t.db.selectFrom('sync_runs').select('id').where('user_id', '=', ada.id).execute()).toEqual([]);
  });
});
