// Freshness trials for read replicas (docs/decisions.md D49), shared by test/storage/read-replica.test.ts and
// `npm run probe:replica`. A primary and a hot standby (replicated-postgres.ts); one app whose lists read through the
// replica (storage/replica.ts) and, for comparison, one that reads everything on the primary. Each trial, through the
// API on the replica app:
//   1. ben creates a contact and lists it at once: a write followed by a list shows the write (read your writes);
//   2. cat is given access one of four ways (a record share, a user grant, a share to a team cat is in, the org's
//      "share all contacts" switch) and lists: the contact shows (the grant is read, not an older copy);
//   3. the access is taken away (revoke the share, revoke the grant, remove cat from the team, switch off) and cat
//      lists at once: the contact must not show. Showing it is a stale answer.
// Lists search by a word of the trial contact's name, so each answers about that contact only.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { systemClock } from '../../src/clock.ts';
import { buildApp } from '../../src/http/app.ts';
import { openDatabase, type DbHandle } from '../../src/storage/connect.ts';
import { migrate } from '../../src/storage/migrate.ts';
import { positionFor, readReplica, type ReadReplica, type ReplicaTally } from '../../src/storage/replica.ts';
import { apiClient, expectStatus, type ApiClient } from '../api/support/api-client.ts';
import { buildWorld } from '../api/support/world-builder.ts';
import { startReplicatedPostgres, type ReplicatedPostgres } from './replicated-postgres.ts';

export const TRIAL_KINDS = ['share', 'grant', 'team', 'switch'] as const;
export type TrialKind = (typeof TRIAL_KINDS)[number];

export type ReplicaStand = {
  pair: ReplicatedPostgres;
  primary: DbHandle;
  standby: DbHandle;
  replica: ReadReplica;
  /** Lists through the replica. */
  app: FastifyInstance;
  api: ApiClient;
  /** Everything on the primary (no DATABASE_REPLICA_URL): the baseline for latency. */
  primaryApi: ApiClient;
  world: Awaited<ReturnType<typeof standWorld>>;
  close: () => Promise<void>;
};

async function standWorld(handle: DbHandle) {
  return buildWorld(handle.db, systemClock, {
    users: { ada: { role: 'admin' }, ben: {}, cat: {} },
    teams: { sales: { members: ['cat'] } },
  });
}

export async function startReplicaStand(options: { maxWaitMs?: number } = {}): Promise<ReplicaStand> {
  const pair = await startReplicatedPostgres();
  const primary = openDatabase({ kind: 'postgres', url: pair.primaryUrl, poolSize: 8 });
  const standby = openDatabase({ kind: 'postgres', url: pair.standbyUrl, poolSize: 8 });
  try {
    await migrate(primary);
    const replica = readReplica(primary.db, standby.db, { ...options, position: await positionFor(primary.db) });
    const app = await buildApp({ db: primary.db, replica, clock: systemClock, logger: false });
    const primaryApp = await buildApp({ db: primary.db, clock: systemClock, logger: false });
    await Promise.all([app.ready(), primaryApp.ready()]);
    const world = await standWorld(primary);
    await pair.caughtUp();
    return {
      pair, primary, standby, replica, app, api: apiClient(app), primaryApi: apiClient(primaryApp), world,
      close: async () => {
        await app.close();
        await primaryApp.close();
        await standby.close();
        await primary.close();
        await pair.stop();
      },
    };
  } catch (error) {
    await standby.close();
    await primary.close();
    await pair.stop();
    throw error;
  }
}

export type TrialFigures = {
  trials: number;
  /** Lists after a revoke that still showed the contact. */
  stale: number;
  /** Lists after a create or a grant that did not show it. */
  missedWrites: number;
  lists: number;
  /** Where the replica app's lists ran (storage/replica.ts outcomes), over these trials. */
  outcomes: ReplicaTally;
  /** Milliseconds of the list after each revoke: on the replica app, and the same list on the primary-only app. */
  replicaListMs: number[];
  primaryListMs: number[];
  /** Milliseconds of a list with no write just before it (ben's own list once more): replica app, primary-only app. */
  quietReplicaMs: number[];
  quietPrimaryMs: number[];
};

function tallyDelta(after: ReplicaTally, before: ReplicaTally): ReplicaTally {
  return {
    replica: after.replica - before.replica, replica_waited: after.replica_waited - before.replica_waited,
    primary_lagging: after.primary_lagging - before.primary_lagging, primary_unavailable: after.primary_unavailable - before.primary_unavailable,
    waitedMs: after.waitedMs - before.waitedMs,
  };
}

/** Runs `count` trials, cycling through the kinds; answers the figures. */
export async function runTrials(stand: ReplicaStand, count: number): Promise<TrialFigures> {
  const { api, primaryApi, world } = stand;
  const { ada, ben, cat } = world.users;
  const sales = world.teams.sales;
  const before = stand.replica.tally();
  const figures: Omit<TrialFigures, 'outcomes'> = { trials: 0, stale: 0, missedWrites: 0, lists: 0, replicaListMs: [], primaryListMs: [], quietReplicaMs: [], quietPrimaryMs: [] };

  /** Whether `who`'s list searched by `word` shows `id`, timed. */
  const shows = async (client: ApiClient, who: { token: string }, word: string, id: string, times?: number[]) => {
    const started = performance.now();
    const page = expectStatus(await client.call<{ 200: { items: { id: string }[] } }>('GET', '/api/v1/contacts', { as: who, query: { q: word } }), 200);
    times?.push(performance.now() - started);
    if (client === api) figures.lists++;
    return page.items.some((item) => item.id === id);
  };

  for (let n = 0; n < count; n++) {
    const kind = TRIAL_KINDS[n % TRIAL_KINDS.length] as TrialKind;
    const word = `w${randomBytes(5).toString('hex')}`;
    const contact = expectStatus(await api.contacts.create({ name: `Trial ${word}` }, { as: ben }), 201).contact;
    if (!(await shows(api, ben, word, contact.id))) figures.missedWrites++;

    let revoke: () => Promise<unknown>;
    if (kind === 'share') {
      const share = expectStatus(await api.shares.create(contact.id, { grantee: { userId: cat.id }, level: 'view' }, { as: ben }), 201).share;
      revoke = async () => expectStatus(await api.shares.revoke(contact.id, share.id, { as: ben }), 204);
    } else if (kind === 'grant') {
      const grant = expectStatus(await api.grants.create(ben.id, { grantee: { userId: cat.id }, scope: 'contacts', level: 'view' }, { as: ada }), 201).grant;
      revoke = async () => expectStatus(await api.grants.revoke(grant.id, { as: ada }), 204);
    } else if (kind === 'team') {
      expectStatus(await api.teams.setMembers(sales, { memberIds: [cat.id] }, { as: ada }), 200);
      expectStatus(await api.shares.create(contact.id, { grantee: { teamId: sales }, level: 'view' }, { as: ben }), 201);
      revoke = async () => expectStatus(await api.teams.setMembers(sales, { memberIds: [] }, { as: ada }), 200);
    } else {
      expectStatus(await api.org.updateSettings({ shareAllContacts: true }, { as: ada }), 200);
      revoke = async () => expectStatus(await api.org.updateSettings({ shareAllContacts: false }, { as: ada }), 200);
    }
    if (!(await shows(api, cat, word, contact.id))) figures.missedWrites++;
    await revoke();
    if (await shows(api, cat, word, contact.id, figures.replicaListMs)) figures.stale++;
    // The same list with every read on the primary: the latency baseline (and it must agree).
    if (await shows(primaryApi, cat, word, contact.id, figures.primaryListMs)) figures.stale++;
    if (!(await shows(api, ben, word, contact.id, figures.quietReplicaMs))) figures.missedWrites++;
    if (!(await shows(primaryApi, ben, word, contact.id, figures.quietPrimaryMs))) figures.missedWrites++;
    figures.trials++;
  }
  return { ...figures, outcomes: tallyDelta(stand.replica.tally(), before) };
}
