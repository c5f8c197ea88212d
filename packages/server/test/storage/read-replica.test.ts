// Read replicas (docs/decisions.md D49): a real PostgreSQL hot standby streaming from a real primary, both started
// here on loopback (support/replicated-postgres.ts). Lists are served by the standby; a list right after a revoke
// never shows the revoked contact, whether the standby keeps up, replays late (recovery_min_apply_delay: the list
// waits for it) or not at all (replay paused: the list runs on the primary after the bound, counted); a write is
// seen by the list that follows it. Trials: support/replica-trials.ts (also `npm run probe:replica`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { buildApp } from '../../src/http/app.ts';
import { openDatabase } from '../../src/storage/connect.ts';
import { isStandbyTrouble, lsnValue, readReplica } from '../../src/storage/replica.ts';
import { replicaConfig } from '../../src/config.ts';
import { apiClient, expectStatus } from '../api/support/api-client.ts';
import { calendarClient } from '../api/support/calendar-client.ts';
import { pipelineClient } from '../api/support/pipeline-client.ts';
import { runTrials, startReplicaStand, type ReplicaStand } from '../support/replica-trials.ts';

describe('read replica: lists on a hot standby, never a stale permission', () => {
  let stand: ReplicaStand;
  beforeAll(async () => {
    stand = await startReplicaStand({ maxWaitMs: 200 });
  });
  afterAll(async () => {
    await stand?.close();
  });

  it('serves lists from the standby, and shows each write and no revoked access while it keeps up', async () => {
    const figures = await runTrials(stand, 24);
    expect(figures.stale).toBe(0);
    expect(figures.missedWrites).toBe(0);
    // 4 lists per trial went through the replica; with replay keeping up, (almost) all ran on the standby (the bar is
    // three quarters: on a machine loaded by a full test run a standby can be starved past the 200 ms bound).
    expect(figures.lists).toBe(96);
    const onStandby = figures.outcomes.replica + figures.outcomes.replica_waited;
    expect(onStandby + figures.outcomes.primary_lagging + figures.outcomes.primary_unavailable).toBe(96);
    expect(onStandby).toBeGreaterThan(72);
    expect(figures.outcomes.primary_unavailable).toBe(0);
    // The same outcomes at /metrics (prom-client), as the process's totals.
    const metrics = await stand.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    const served = /tandem_replica_reads_total\{outcome="replica"\} (\d+)/.exec(metrics.body);
    expect(Number(served?.[1])).toBeGreaterThanOrEqual(figures.outcomes.replica);
  });

  it('waits for a standby that replays late (recovery_min_apply_delay 100 ms): still no stale list, served by the standby after waiting', async () => {
    await stand.pair.setApplyDelay(100);
    try {
      const figures = await runTrials(stand, 12);
      expect(figures.stale).toBe(0);
      expect(figures.missedWrites).toBe(0);
      // The three lists of a trial that follow a write each have to wait for its replay (unless the request itself
      // took longer than the delay): on the standby once it has replayed, or on the primary if that took past the bound.
      expect(figures.outcomes.replica_waited + figures.outcomes.primary_lagging).toBeGreaterThanOrEqual(30);
      expect(figures.outcomes.replica_waited).toBeGreaterThan(0);
      expect(figures.outcomes.waitedMs / (figures.outcomes.replica_waited + figures.outcomes.primary_lagging)).toBeGreaterThanOrEqual(20);
    } finally {
      await stand.pair.setApplyDelay(0);
    }
  });

  it('falls back to the primary when replay is paused (after the 200 ms bound, counted): no stale list, writes seen', async () => {
    await stand.pair.pauseReplay();
    try {
      const figures = await runTrials(stand, 4);
      expect(figures.stale).toBe(0);
      expect(figures.missedWrites).toBe(0);
      expect(figures.outcomes.primary_lagging).toBe(16);
      expect(figures.outcomes.replica + figures.outcomes.replica_waited).toBe(0);
      expect(figures.outcomes.waitedMs / 16).toBeGreaterThanOrEqual(200);
    } finally {
      await stand.pair.resumeReplay();
    }
    await stand.pair.caughtUp();
    const after = await runTrials(stand, 4);
    expect(after.stale).toBe(0);
    expect(after.outcomes.replica + after.outcomes.replica_waited).toBeGreaterThan(0);
  });

  it('would be stale without the wait: a standby paused after a share and before its revoke still shows the contact', async () => {
    const { api, world: { users: { ben, cat } } } = stand;
    // A reader that trusts the standby as it is: what D49's wait prevents.
    const careless = await buildApp({
      db: stand.primary.db, clock: systemClock, logger: false, replica: { read: (read) => read(stand.standby.db), tally: () => stand.replica.tally() },
    });
    const carelessApi = apiClient(careless);
    try {
      const word = `w${Date.now().toString(36)}`;
      const zoe = expectStatus(await api.contacts.create({ name: `Zoe ${word}` }, { as: ben }), 201).contact;
      const share = expectStatus(await api.shares.create(zoe.id, { grantee: { userId: cat.id }, level: 'view' }, { as: ben }), 201).share;
      await stand.pair.caughtUp();
      await stand.pair.pauseReplay();
      expectStatus(await api.shares.revoke(zoe.id, share.id, { as: ben }), 204);
      const listed = async (client: typeof api) =>
        expectStatus(await client.contacts.list({ as: cat, query: { q: word } }), 200).items.map((c) => c.id);
      expect(await listed(carelessApi)).toEqual([zoe.id]);
      const before = stand.replica.tally().primary_lagging;
      expect(await listed(api)).toEqual([]);
      expect(stand.replica.tally().primary_lagging).toBe(before + 1);
    } finally {
      await stand.pair.resumeReplay();
      await careless.close();
    }
  });

  it('reads pipeline boards and calendar windows through the replica too, fresh after a revoke', async () => {
    const { api, world: { users: { ada, ben, cat } } } = stand;
    const pipelines = pipelineClient(api);
    const cal = calendarClient(api);
    const before = stand.replica.tally();
    const zoe = expectStatus(await api.contacts.create({ name: 'Zoe Board' }, { as: ben }), 201).contact;
    const p = expectStatus(await pipelines.create({ name: 'Deals', stages: [{ name: 'Lead' }] }, { as: ben }), 201).pipeline;
    expectStatus(await pipelines.share(p.id, { grantee: { userId: cat.id }, level: 'view' }, { as: ben }), 201);
    expectStatus(await pipelines.createCard(p.id, { contactId: zoe.id, stageId: p.stages[0]?.id, title: 'Zoe deal' }, { as: ben }), 201);
    const share = expectStatus(await api.shares.create(zoe.id, { grantee: { userId: cat.id }, level: 'view' }, { as: ben }), 201).share;
    const cards = async () => expectStatus(await pipelines.board(p.id, { as: cat }), 200).stages[0]?.cards.map((c) => c.title);
    expect(await cards()).toEqual(['Zoe deal']);
    expectStatus(await api.shares.revoke(zoe.id, share.id, { as: ben }), 204);
    expect(await cards()).toEqual([]);

    const start = new Date(Date.now() + 3_600_000);
    const window = { from: new Date(start.getTime() - 86_400_000).toISOString(), to: new Date(start.getTime() + 86_400_000).toISOString() };
    expectStatus(await cal.create({ kind: 'event', title: 'Replica standup', userId: ben.id, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 900_000).toISOString() }, { as: ben }), 201);
    const grant = expectStatus(await api.grants.create(ben.id, { grantee: { userId: cat.id }, scope: 'calendar', level: 'view' }, { as: ada }), 201).grant;
    const titles = async () => expectStatus(await cal.list({ as: cat, query: window }), 200).items.map((i) => i.title);
    expect(await titles()).toEqual(['Replica standup']);
    expectStatus(await api.grants.revoke(grant.id, { as: ada }), 204);
    expect(await titles()).toEqual([]);
    const after = stand.replica.tally();
    expect(after.replica + after.replica_waited - before.replica - before.replica_waited).toBeGreaterThanOrEqual(3);
  });

  it('reads on the primary when the standby cannot be reached or is not a standby', async () => {
    const gone = openDatabase({ kind: 'postgres', url: 'postgres://postgres:postgres@127.0.0.1:1/postgres', poolSize: 1 });
    try {
      const unreachable = readReplica(stand.primary.db, gone.db);
      expect(await unreachable.read(async () => 'read')).toBe('read');
      expect(unreachable.tally().primary_unavailable).toBe(1);
    } finally {
      await gone.close();
    }
    // The primary named as its own replica is not in recovery: its data is not a copy to wait for.
    const notStandby = readReplica(stand.primary.db, stand.primary.db);
    await notStandby.read(async () => 1);
    expect(notStandby.tally()).toMatchObject({ primary_lagging: 1, replica: 0 });
    // A read's own error is thrown, not retried on the primary.
    await expect(readReplica(stand.primary.db, stand.standby.db).read(async () => { throw new Error('a bug'); })).rejects.toThrow('a bug');
  });
});

describe('read replica: parts', () => {
  it('orders LSNs by both halves', () => {
    expect(lsnValue('0/16B3748') < lsnValue('0/16B3750')).toBe(true);
    expect(lsnValue('1/0') > lsnValue('0/FFFFFFFF')).toBe(true);
    expect(lsnValue('A/0')).toBe(10n << 32n);
  });

  it('tells standby trouble from a read\'s own errors', () => {
    const coded = (code: string) => Object.assign(new Error('x'), { code });
    expect(isStandbyTrouble(coded('40001'))).toBe(true); // canceling statement due to conflict with recovery
    expect(isStandbyTrouble(coded('57P01'))).toBe(true);
    expect(isStandbyTrouble(coded('ECONNREFUSED'))).toBe(true);
    expect(isStandbyTrouble(new AggregateError([coded('ECONNREFUSED')]))).toBe(true);
    expect(isStandbyTrouble(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStandbyTrouble(coded('22P02'))).toBe(false);
    expect(isStandbyTrouble(new Error('a bug'))).toBe(false);
  });

  it('reads DATABASE_REPLICA_URL only beside DATABASE_URL, with the wait bound', () => {
    expect(replicaConfig({})).toBeNull();
    expect(() => replicaConfig({ DATABASE_REPLICA_URL: 'postgres://r/db' })).toThrow(/needs DATABASE_URL/);
    expect(replicaConfig({ DATABASE_URL: 'postgres://p/db', DATABASE_REPLICA_URL: 'postgres://r/db' })).toEqual({ url: 'postgres://r/db', maxWaitMs: 200 });
    expect(replicaConfig({ DATABASE_URL: 'postgres://p/db', DATABASE_REPLICA_URL: 'postgres://r/db', TANDEM_REPLICA_MAX_WAIT_MS: '50' })?.maxWaitMs).toBe(50);
    expect(() => replicaConfig({ DATABASE_URL: 'p', DATABASE_REPLICA_URL: 'r', TANDEM_REPLICA_MAX_WAIT_MS: 'soon' })).toThrow(/TANDEM_REPLICA_MAX_WAIT_MS/);
  });
});
