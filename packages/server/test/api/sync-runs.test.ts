// Sync runs (spec §9, D39) end to end: POST /integrations/:provider/runs queues a run, a queue worker with the sync
// handler (drained here) pushes chunks to the loopback stand-ins of Mailchimp and Google People. What reaches the
// provider is exactly the contacts the list shows the user at `view` or more (active ones: through shares, grants
// and bucket shares, nothing else); the run stops between chunks when the switch is turned off, the channel taken
// away or the user deactivated; 429s and 500s are retried by the queue without a duplicate at the provider; re-runs
// are idempotent; every end is audited with the counts.
import { randomBytes } from 'node:crypto';
import type { ContactDto, SyncProvider, SyncRunDto } from '@tandem/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { secretBox } from '../../src/domain/shared/secret-box.ts';
import { CREDENTIALS_PURPOSE, credentialsContext } from '../../src/domain/sync/sync-deps.ts';
import type { QueueWorker } from '../../src/jobs/queue.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { startGooglePeopleStandIn, type GooglePeopleStandIn } from '../support/google-people-stand-in.ts';
import { startMailchimpStandIn, type MailchimpStandIn } from '../support/mailchimp-stand-in.ts';
import { expectStatus } from './support/api-client.ts';
import { syncClient, syncWorker, TEST_SECRET_KEY, testSyncPorts } from './support/sync-client.ts';
import { useTestApp, type TestHandle } from './support/test-app.ts';
import type { TestUser } from './support/world-builder.ts';

const PROVIDERS = ['mailchimp', 'google_contacts'] as const;
const CHUNK = 2;
const BOTH = ['mailchimp_sync', 'google_contacts_sync'] as const;

/** The contacts `user` sees at `view` or more in the list (active ones), walked page by page. */
async function listedAtView(t: TestHandle, user: TestUser): Promise<ContactDto[]> {
  const seen: ContactDto[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: ContactDto[]; nextCursor: string | null } = expectStatus(
      await t.api.contacts.list({ as: user, query: { limit: 100, ...(cursor ? { cursor } : {}) } }), 200);
    seen.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return seen.filter((c) => c.access.level !== 'profile');
}

describe.each(DATABASE_KINDS)('sync runs on %s', (kind) => {
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
  afterEach(() => {
    mc.onBatch(null);
    g.onBatch(null);
    expect(mc.violations).toEqual([]);
    expect(g.violations).toEqual([]);
  });
  const ports = () => testSyncPorts({
    mailchimpBaseUrl: mc.url, googlePeopleBaseUrl: g.peopleUrl, googleTokenUrl: g.tokenUrl, sliceMs: 0, chunkSize: CHUNK,
  });
  const t = useTestApp({ db: kind, sync: ports });
  const sync = syncClient(t);
  let worker: QueueWorker | undefined;
  const queue = () => {
    worker ??= syncWorker(t.db, ports(), t.clock);
    return worker;
  };
  afterAll(async () => worker?.stop());

  /**
   * The names of the records at the provider that belong to this test: Mailchimp members whose address ends with
   * `@tag`; Google people whose clientData names one of `contactIds` (the connector tags each person with its contact).
   */
  const remote = (provider: SyncProvider, tag: string, contactIds: readonly string[] = []): string[] => {
    if (provider === 'mailchimp') {
      return [...mc.members.values()].filter((m) => m.email_address.endsWith(`@${tag}`))
        .map((m) => `${String(m.merge_fields.FNAME ?? '')} ${String(m.merge_fields.LNAME ?? '')}`.trim()).sort();
    }
    return g.living().filter((p) => p.clientData?.some((d) => d.key === 'tandemContactId' && contactIds.includes(d.value)))
      .map((p) => `${p.names?.[0]?.givenName ?? ''} ${p.names?.[0]?.familyName ?? ''}`.trim()).sort();
  };
  const batches = (provider: SyncProvider) => (provider === 'mailchimp'
    ? mc.requests.filter((r) => r.method === 'POST' && /\/lists\/[^/]+$/.test(r.path)).length
    : g.requests.filter((r) => r.method === 'POST' && /batch(Create|Update)Contacts/.test(r.path)).length);
  const connectBody = (provider: SyncProvider) => (provider === 'mailchimp' ? { apiKey: mc.apiKey, audienceId: mc.audienceId } : { ...g.credentials });
  const runOf = async (provider: SyncProvider, id: string, as: TestUser): Promise<SyncRunDto> => expectStatus(await sync.run(provider, id, as), 200).run;
  const auditOf = async (orgId: string) => t.db.selectFrom('audit_log').select(['action', 'actor_id', 'target_id', 'after'])
    .where('org_id', '=', orgId).where('action', '=', 'sync.run').orderBy('seq').execute();

  /**
   * Ben (a member, switch on, both sync channels) sees: his own contacts, one shared with him by record, Cat's book
   * through a grant, and Dan's bucket through a bucket share. Not: Dan's other contact, Cat's archived and trashed
   * ones are not pushed either, nor anyone in another org.
   */
  async function benWorld(tag = randomBytes(4).toString('hex') + '.test') {
    const mail = (name: string) => `${name.toLowerCase()}@${tag}`;
    const w = await t.world({
      orgs: { acme: { exportEnabled: true }, globex: { exportEnabled: true } },
      users: { ben: { exportChannels: [...BOTH] }, cat: {}, dan: {}, ada: { role: 'admin' }, oz: { org: 'globex', role: 'admin' } },
      grants: [{ owner: 'cat', user: 'ben', scope: 'contacts', level: 'view' }],
      contacts: {
        own1: { owner: 'ben', name: 'Ann Own', emails: [mail('ann')] },
        own2: { owner: 'ben', name: 'Bo Own', emails: [mail('bo')] },
        own3: { owner: 'ben', name: 'Cy Noemail' },
        ownArchived: { owner: 'ben', name: 'Old Archived', emails: [mail('old')], state: 'archived' },
        ownTrashed: { owner: 'ben', name: 'Gone Trashed', emails: [mail('gone')], state: 'trashed' },
        shared: { owner: 'dan', name: 'Sue Shared', emails: [mail('sue')] },
        granted: { owner: 'cat', name: 'Gil Granted', emails: [mail('gil')] },
        grantedArchived: { owner: 'cat', name: 'Gus Archived', emails: [mail('gus')], state: 'archived' },
        bucketed: { owner: 'dan', name: 'Bea Bucketed', emails: [mail('bea')] },
        hidden: { owner: 'dan', name: 'Hal Hidden', emails: [mail('hal')] },
        outside: { owner: 'oz', name: 'Ola Outside', emails: [mail('ola')] },
      },
      shares: [{ contact: 'shared', user: 'ben', level: 'view' }],
      buckets: { vip: { owner: 'dan', contacts: ['bucketed'] } },
      bucketShares: [{ bucket: 'vip', user: 'ben', level: 'view' }],
    });
    return { w, tag, mail };
  }

  async function runToEnd(provider: SyncProvider, as: TestUser): Promise<SyncRunDto> {
    const started = expectStatus(await sync.start(provider, as), 202).run;
    await queue().drain();
    return runOf(provider, started.id, as);
  }

  for (const provider of PROVIDERS) {
    it(`${provider}: pushes exactly the active contacts the list shows at view, in chunks, with counts that add up and one audit entry`, async () => {
      const { w, tag } = await benWorld();
      const { ben, ada } = w.users;
      expectStatus(await sync.connect(provider, connectBody(provider), ben), 200);
      const visible = await listedAtView(t, ben);
      expect(visible.map((c) => c.name).sort()).toEqual(['Ann Own', 'Bea Bucketed', 'Bo Own', 'Cy Noemail', 'Gil Granted', 'Sue Shared']);
      const before = batches(provider);
      const run = await runToEnd(provider, ben);
      // Mailchimp takes only contacts with an e-mail address; Google takes every one.
      const pushed = visible.filter((c) => provider === 'google_contacts' || c.emails.length > 0).map((c) => c.name).sort();
      expect(remote(provider, tag, Object.values(w.contacts))).toEqual(pushed);
      const skipped = provider === 'mailchimp' ? 1 : 0;
      expect(run).toMatchObject({
        status: 'succeeded', stopReason: null, error: null, total: 6, processed: 6, created: 6 - skipped, updated: 0, unchanged: 0, skipped, failed: 0,
      });
      expect(run.startedAt).not.toBeNull();
      expect(run.finishedAt).not.toBeNull();
      // Three chunks of two, each one batch.
      expect(batches(provider) - before).toBe(3);
      const audit = await auditOf(w.orgId);
      expect(audit).toEqual([{
        action: 'sync.run', actor_id: ben.id, target_id: run.id,
        after: expect.objectContaining({ provider, channel: `${provider}_sync`, status: 'succeeded', rows: 6, total: 6, created: 6 - skipped, skipped, stopReason: null }),
      }]);
      // An admin sees every contact at profile, but pushes only what they see at view: none here (no source gives Ada more).
      expectStatus(await sync.connect(provider, connectBody(provider), ada), 200);
      const adminRun = await runToEnd(provider, ada);
      expect(adminRun).toMatchObject({ status: 'succeeded', total: 0, processed: 0 });
    });

    it(`${provider}: a re-run is idempotent (all unchanged, no new record); an edited contact is updated once`, async () => {
      const { w, tag } = await benWorld();
      const { ben } = w.users;
      expectStatus(await sync.connect(provider, connectBody(provider), ben), 200);
      const first = await runToEnd(provider, ben);
      const ids = Object.values(w.contacts);
      const records = remote(provider, tag, ids);
      const count = provider === 'mailchimp' ? mc.members.size : g.living().length;
      const second = await runToEnd(provider, ben);
      expect(second).toMatchObject({ status: 'succeeded', processed: 6, created: 0, updated: 0, unchanged: first.created, skipped: first.skipped, failed: 0 });
      expect(provider === 'mailchimp' ? mc.members.size : g.living().length).toBe(count);
      expect(remote(provider, tag, ids)).toEqual(records);
      expectStatus(await t.api.contacts.update(w.contacts.own1, { name: 'Ann Renamed' }, { as: ben }), 200);
      const third = await runToEnd(provider, ben);
      expect(third).toMatchObject({ status: 'succeeded', processed: 6, created: 0, updated: 1, unchanged: first.created - 1 });
      expect(provider === 'mailchimp' ? mc.members.size : g.living().length).toBe(count);
      expect(remote(provider, tag, ids)).toEqual(records.map((name) => (name === 'Ann Own' ? 'Ann Renamed' : name)).sort());
    });
  }

  it('a job pushes chunks until its slice is used up, then hands the run to its next job on the queue', async () => {
    const { w } = await benWorld();
    const { ben } = w.users;
    expectStatus(await sync.connect('mailchimp', connectBody('mailchimp'), ben), 200);
    // Slice 0: one chunk per job, so three jobs for six contacts in chunks of two.
    const first = expectStatus(await sync.start('mailchimp', ben), 202).run;
    expect(await queue().drain()).toBe(3);
    expect(await runOf('mailchimp', first.id, ben)).toMatchObject({ status: 'succeeded', processed: 6 });
    // A long slice: the same run in one job.
    const long = syncWorker(t.db, testSyncPorts({ mailchimpBaseUrl: mc.url, googlePeopleBaseUrl: g.peopleUrl, googleTokenUrl: g.tokenUrl, sliceMs: 60_000, chunkSize: CHUNK }), t.clock);
    try {
      const second = expectStatus(await sync.start('mailchimp', ben), 202).run;
      expect(await long.drain()).toBe(1);
      expect(await runOf('mailchimp', second.id, ben)).toMatchObject({ status: 'succeeded', processed: 6, unchanged: 5, skipped: 1 });
    } finally {
      await long.stop();
    }
  });

  it('stops before the next chunk when the switch is turned off mid-run (export_disabled): no later chunk reaches Mailchimp', async () => {
    const { w, tag } = await benWorld();
    const { ben } = w.users;
    expectStatus(await sync.connect('mailchimp', connectBody('mailchimp'), ben), 200);
    const before = batches('mailchimp');
    mc.onBatch(async () => {
      await t.db.updateTable('orgs').set({ export_enabled: false }).where('id', '=', w.orgId).execute();
    });
    const started = expectStatus(await sync.start('mailchimp', ben), 202).run;
    await queue().drain();
    const run = await runOf('mailchimp', started.id, ben);
    expect(run).toMatchObject({ status: 'stopped', stopReason: 'export_disabled', processed: CHUNK });
    expect(batches('mailchimp') - before).toBe(1);
    expect(remote('mailchimp', tag)).toHaveLength(CHUNK);
    expect((await auditOf(w.orgId)).map((a) => a.after)).toEqual([expect.objectContaining({ status: 'stopped', stopReason: 'export_disabled', rows: CHUNK })]);
  });

  it('stops when the channel is taken away mid-run (channel_blocked), and when the user is deactivated (user_deactivated)', async () => {
    const { w } = await benWorld();
    const { ben } = w.users;
    expectStatus(await sync.connect('google_contacts', connectBody('google_contacts'), ben), 200);
    const before = batches('google_contacts');
    g.onBatch(async () => {
      await t.db.updateTable('users').set({ export_channels: ['mailchimp_sync'] }).where('id', '=', ben.id).execute();
    });
    const blocked = await runToEnd('google_contacts', ben);
    expect(blocked).toMatchObject({ status: 'stopped', stopReason: 'channel_blocked', processed: CHUNK });
    expect(batches('google_contacts') - before).toBe(1);

    g.onBatch(null);
    await t.db.updateTable('users').set({ export_channels: [...BOTH] }).where('id', '=', ben.id).execute();
    const started = expectStatus(await sync.start('google_contacts', ben), 202).run;
    await t.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', ben.id).execute();
    const beforeRun = batches('google_contacts');
    await queue().drain();
    const stopped = await t.db.selectFrom('sync_runs').selectAll().where('id', '=', started.id).executeTakeFirstOrThrow();
    expect([stopped.status, stopped.stop_reason, stopped.processed]).toEqual(['stopped', 'user_deactivated', 0]);
    expect(batches('google_contacts')).toBe(beforeRun);
    expect((await auditOf(w.orgId)).map((a) => [a.actor_id, (a.after as { stopReason: string }).stopReason])).toEqual([
      [ben.id, 'channel_blocked'], [ben.id, 'user_deactivated'],
    ]);
  });

  for (const provider of PROVIDERS) {
    it(`${provider}: a 429 (Retry-After) and a 500 set the job back; the run resumes from its cursor and ends with no duplicate`, async () => {
      const { w, tag } = await benWorld();
      const { ben } = w.users;
      expectStatus(await sync.connect(provider, connectBody(provider), ben), 200);
      const stand = provider === 'mailchimp' ? mc : g;
      const count = () => (provider === 'mailchimp' ? mc.members.size : g.living().length);
      const start = count();
      const started = expectStatus(await sync.start(provider, ben), 202).run;
      stand.failNext(1, 429, { retryAfter: '7' });
      await queue().drain();
      let run = await runOf(provider, started.id, ben);
      expect(run).toMatchObject({ status: 'running', processed: 0 });
      expect(run.error).toMatch(/429/);
      t.clock.advance(6_000);
      expect(await queue().drain()).toBe(0);
      t.clock.advance(1_000);
      // One chunk goes, then a 500 (for Google: done, then the answer lost) on the second.
      let seen = 0;
      stand.onBatch(() => {
        seen += 1;
        if (seen === 1) stand.failNext(1, 500, provider === 'google_contacts' ? { afterProcessing: true } : {});
      });
      await queue().drain();
      run = await runOf(provider, started.id, ben);
      expect(run.status).toBe('running');
      expect(run.processed).toBe(CHUNK);
      stand.onBatch(null);
      t.clock.advance(30_000);
      await queue().drain();
      run = await runOf(provider, started.id, ben);
      const skipped = provider === 'mailchimp' ? 1 : 0;
      expect(run).toMatchObject({ status: 'succeeded', processed: 6, failed: 0, skipped });
      expect(run.created + run.updated).toBe(6 - skipped);
      expect(count() - start).toBe(6 - skipped);
      expect(remote(provider, tag, Object.values(w.contacts))).toHaveLength(6 - skipped);
      const again = await runToEnd(provider, ben);
      expect(again).toMatchObject({ status: 'succeeded', created: 0, updated: 0, unchanged: 6 - skipped });
      expect(count() - start).toBe(6 - skipped);
    });
  }

  it('fails with the error in words after the last attempt, at once when the provider refuses the credentials, and when the key changed', async () => {
    const { w } = await benWorld();
    const { ben } = w.users;
    expectStatus(await sync.connect('mailchimp', connectBody('mailchimp'), ben), 200);
    const started = expectStatus(await sync.start('mailchimp', ben), 202).run;
    mc.failNext(5, 503);
    for (let i = 0; i < 5; i += 1) {
      await queue().drain();
      t.clock.advance(2 * 3_600_000);
    }
    const failed = await runOf('mailchimp', started.id, ben);
    expect(failed).toMatchObject({ status: 'failed', stopReason: null, processed: 0 });
    expect(failed.error).toMatch(/unavailable.*503.*gave up after 5 attempts/);

    const box = secretBox(TEST_SECRET_KEY, CREDENTIALS_PURPOSE);
    const context = credentialsContext(w.orgId, ben.id, 'mailchimp');
    await t.db.updateTable('integrations').set({ credentials: box.seal(JSON.stringify({ apiKey: 'ffffffffffffffffffffffffffffffff-us21' }), context) })
      .where('user_id', '=', ben.id).execute();
    const rejected = await runToEnd('mailchimp', ben);
    expect(rejected).toMatchObject({ status: 'failed', processed: 0 });
    expect(rejected.error).toMatch(/refused the stored credentials/);

    const other = secretBox(Buffer.alloc(32, 1), CREDENTIALS_PURPOSE);
    await t.db.updateTable('integrations').set({ credentials: other.seal(JSON.stringify({ apiKey: mc.apiKey }), context) })
      .where('user_id', '=', ben.id).execute();
    const unreadable = await runToEnd('mailchimp', ben);
    expect(unreadable).toMatchObject({ status: 'failed', processed: 0 });
    expect(unreadable.error).toMatch(/another server key/);
    // Anything unexpected (here: credentials that open but are not JSON) is retried as the queue's jobs are, then fails.
    await t.db.updateTable('integrations').set({ credentials: box.seal('not json', context) }).where('user_id', '=', ben.id).execute();
    const broken = expectStatus(await sync.start('mailchimp', ben), 202).run;
    await queue().drain();
    expect(await runOf('mailchimp', broken.id, ben)).toMatchObject({ status: 'running', error: expect.stringMatching(/stopped on an error/) });
    for (let i = 0; i < 4; i += 1) {
      t.clock.advance(2 * 3_600_000);
      await queue().drain();
    }
    const gaveUp = await runOf('mailchimp', broken.id, ben);
    expect(gaveUp).toMatchObject({ status: 'failed', error: expect.stringMatching(/stopped on an error.*gave up after 5 attempts/) });
    const audit = await auditOf(w.orgId);
    expect(audit.map((a) => (a.after as { status: string }).status)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(JSON.stringify(audit)).not.toContain(mc.apiKey);
  });
});
