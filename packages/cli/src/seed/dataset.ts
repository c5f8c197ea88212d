// CRM-N, assembled: the plan (users, teams, ownership, shares, grants, buckets) is made up front and is small;
// the big tables (contacts, bucket contents, history) are streamed by the phases, so a million contacts never sit
// in memory as rows. Every stream is forked from the seed by name: same seed and sizes, same rows.
import { bucketContactRows, planBuckets } from './buckets.ts';
import { contactRows, type ContactSpace } from './contacts.ts';
import { contactEventRows } from './messages.ts';
import { narrowTarget, planOwnership, planPeople, teamMemberRows, type People } from './people.ts';
import { IndexedIds, Rng } from './prng.ts';
import { planContactShares, planUserGrants } from './sharing.ts';
import type { Phase, RowsByTable, SeedOptions, TableName, TestUser, TestUserKey, UserRow } from './types.ts';

export type Dataset = {
  orgId: string;
  options: SeedOptions;
  people: People;
  phases: Phase[];
  testUsers: Record<TestUserKey, TestUser>;
};

/** "100K" for 100000: the default org name reads like the performance doc. */
export function shortCount(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1_000 && n % 1_000 === 0) return `${n / 1_000}K`;
  return String(n);
}

export function defaultOrgName(contacts: number, users: number, seed: string): string {
  return `CRM-N ${shortCount(contacts)}/${users} seed ${seed}`;
}

function phase<T extends TableName>(label: string, table: T, total: number, rows: () => Iterable<RowsByTable[T]>): Phase {
  return { label, table, total, rows };
}

export function buildDataset(options: SeedOptions, passwordHash: string): Dataset {
  const root = new Rng(`crm-n:${options.seed}`);
  const orgId = root.fork(`org:${options.orgName}`).uuid();
  const people = planPeople(root.fork('people'), options, passwordHash);
  const space: ContactSpace = {
    count: options.contacts, ids: new IndexedIds(`crm-n:${options.seed}:contacts`), users: people.users,
    owners: planOwnership(root.fork('ownership'), options, people.roles),
  };
  const shares = planContactShares(root.fork('shares'), space, people, options.now);
  const grants = planUserGrants(root.fork('grants'), people, options.now);
  const buckets = planBuckets(root.fork('buckets'), options.contacts, people, options.now);
  const members = teamMemberRows(people);
  const bucketContacts = buckets.sizes.reduce((a, b) => a + b, 0);
  const messages = { space, collaborators: shares.collaborators, perContact: options.messages, now: options.now };
  const phases: Phase[] = [
    phase('users', 'users', people.users.length, () => people.users),
    phase('teams', 'teams', people.teams.length, () => people.teams),
    phase('team members', 'team_members', members.length, () => members),
    phase('contacts', 'contacts', options.contacts, () => contactRows(root.fork('contacts'), space, options.now)),
    phase('contact shares', 'contact_shares', shares.rows.length, () => shares.rows),
    phase('user grants', 'user_grants', grants.length, () => grants),
    phase('buckets', 'buckets', buckets.buckets.length, () => buckets.buckets),
    phase('bucket shares', 'bucket_shares', buckets.shares.length, () => buckets.shares),
    phase('bucket contacts', 'bucket_contacts', bucketContacts, () => bucketContactRows(root.fork('bucket-contacts'), buckets, space)),
  ];
  if (options.messages > 0) {
    phases.push(phase('history', 'contact_events', options.contacts * options.messages, () => contactEventRows(root.fork('history'), messages)));
  }
  const bucketMemberSize = buckets.bucketMemberBuckets.reduce((a, b) => a + (buckets.sizes[b] as number), 0);
  return { orgId, options, people, phases, testUsers: describeTestUsers(people, options, bucketMemberSize) };
}

function describeTestUsers(people: People, options: SeedOptions, bucketMemberSize: number): Record<TestUserKey, TestUser> {
  const of = (index: number, note: string): TestUser => {
    const u = people.users[index] as UserRow;
    return { id: u.id, name: u.name, email: u.email, role: u.role, note };
  };
  const { roles } = people;
  const narrow = narrowTarget(options.contacts);
  return {
    admin: of(roles.admin, 'admin: every contact at profile'),
    memberSeesAll: of(roles.memberSeesAll, 'ordinary member (teams, grants, buckets at random): every contact at profile when share-all is on'),
    narrowMember: of(roles.narrowMember, `member: ~${narrow.visible} contacts (0.1 %) when share-all is off: owns ${narrow.owned}, ~${narrow.shared} shared one by one; no teams, buckets or contact grants`),
    granteeOf20: of(roles.granteeOf20, 'member: contact grants (view or edit) over 20 users; no teams or buckets'),
    bucketMember: of(roles.bucketMember, `member: view on 5 buckets (${bucketMemberSize} memberships); no teams or contact grants`),
  };
}
