// The world the fuzzer's requests land in: two orgs written as rows (the API tests' world builder), each with an
// admin and members, contacts in every state, shares, a bucket, a team, grants and calendar items, so that ids of
// the caller's org and of the other org are both at hand. Rebuilt now and then during a run (a case may deactivate
// its own caller or revoke its session); old worlds stay, and their ids stay in the pool as well.
import { buildWorld } from '../../../server/test/api/support/world-builder.ts';
import type { Target } from './target.ts';
import type { Credentials } from './fuzz-cases.ts';
import type { IdPool } from './fuzz-values.ts';

export type FuzzWorld = { creds: Credentials; own: string[]; foreign: string[] };

export async function buildFuzzWorld(target: Target): Promise<FuzzWorld> {
  const w = await buildWorld(target.db, target.clock, {
    orgs: { acme: { exportEnabled: true }, globex: {} },
    users: {
      ada: { role: 'admin' }, ben: { exportChannels: ['csv', 'api'] }, cat: {}, dora: { status: 'deactivated' },
      gus: { role: 'admin', org: 'globex' }, hal: { org: 'globex' },
    },
    teams: { sales: { members: ['ben', 'cat'] }, ops: { members: ['hal'], org: 'globex' } },
    grants: [{ owner: 'ben', user: 'cat', level: 'view' }, { owner: 'ben', user: 'cat', scope: 'calendar', level: 'edit' }, { owner: 'hal', team: 'ops', level: 'edit' }],
    contacts: {
      zoe: { owner: 'ben', emails: ['zoe@client.test'] }, yan: { owner: 'ada', state: 'archived' }, xia: { owner: 'cat', state: 'trashed' },
      wes: { owner: 'gus' }, vic: { owner: 'hal' },
    },
    shares: [{ contact: 'zoe', team: 'sales', level: 'collaborate' }, { contact: 'wes', user: 'hal', level: 'view' }],
    buckets: { key: { owner: 'ben', contacts: ['zoe'] }, far: { owner: 'gus', contacts: ['wes'] } },
    bucketShares: [{ bucket: 'key', user: 'cat', level: 'view' }, { bucket: 'far', user: 'hal', level: 'edit' }],
    calendarItems: [{ user: 'ben', contact: 'zoe', dueAt: '2026-01-06T09:00:00Z' }, { user: 'gus', startsAt: '2026-01-07T10:00:00Z', contact: 'wes' }],
  });
  const acme = w.orgs.acme;
  const own = [
    ...Object.values(w.users).filter((u) => u.orgId === acme).map((u) => u.id), w.teams.sales, w.contacts.zoe, w.contacts.yan, w.contacts.xia,
    w.buckets.key, ...w.grants.slice(0, 2), w.shares[0] as string, w.bucketShares[0] as string, w.calendarItems[0] as string, acme,
  ];
  const foreign = [
    w.users.gus.id, w.users.hal.id, w.teams.ops, w.contacts.wes, w.contacts.vic, w.buckets.far, w.grants[2] as string, w.shares[1] as string,
    w.bucketShares[1] as string, w.calendarItems[1] as string, w.orgs.globex,
  ];
  return { creds: { admin: w.users.ada.token, member: w.users.ben.token }, own, foreign };
}

/** Adds the uuids a successful answer names (records the fuzzer itself created) to the caller's side of the pool. */
export function harvestIds(body: unknown, into: Set<string>, cap = 400): void {
  if (into.size >= cap) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  for (const m of text.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)) {
    into.add(m[0]);
    if (into.size >= cap) return;
  }
}

export function poolOf(world: FuzzWorld, harvested: Set<string>, older: readonly string[]): IdPool {
  return { own: [...world.own, ...harvested], foreign: [...world.foreign, ...older] };
}
