// The test users of performance.md, picked from the seeded data by counting what each user sees (the reference
// reading of the same rows), and the workload every peer answers: 200-odd sampled checks and the list pages.
import { prng, pick } from './stats.ts';
import { levelOf, viewOf, visibleActive, type View, type WContact, type World } from './world.ts';

export const TEST_USER_KEYS = ['admin', 'memberSeesAll', 'narrowMember', 'granteeOf20', 'bucketMember', 'averageMember'] as const;
export type TestUserKey = (typeof TEST_USER_KEYS)[number];

export type TestUser = {
  key: TestUserKey;
  id: string;
  email: string;
  /** Contacts a default list shows this user (active ones), with share-all as it is for this user's lists. */
  visible: number;
  /** share-all switched on while this user's lists and checks run (the member who sees all). */
  shareAll: boolean;
  why: string;
  /** The seeder's name for the same role, when it named this user too. */
  seederAgrees: boolean | null;
};

export function pickTestUsers(world: World, now: number, seederUsers: Record<string, { id: string }>): { users: TestUser[]; counts: Map<string, number> } {
  const active = world.users.filter((u) => u.status === 'active');
  const views = new Map(active.map((u) => [u.id, viewOf(world, u.id, now, false)]));
  const counts = new Map<string, number>();
  for (const [id, v] of views) counts.set(id, world.contacts.reduce((n, c) => n + (c.state === 'active' && levelOf(world, v, c) >= 1 ? 1 : 0), 0));
  const members = active.filter((u) => u.role === 'member');
  const taken = new Set<string>();
  const take = (key: TestUserKey, id: string | undefined, why: string, shareAll = false): TestUser => {
    if (!id) throw new Error(`no user fits the test user ${key}`);
    taken.add(id);
    const user = world.userById.get(id) as (typeof active)[number];
    const visible = shareAll ? world.contacts.filter((c) => c.state === 'active').length : (counts.get(id) as number);
    const seeder = seederUsers[key]?.id;
    return { key, id, email: user.email, visible, shareAll, why, seederAgrees: seeder === undefined ? null : seeder === id };
  };
  const free = (list: typeof members) => list.filter((u) => !taken.has(u.id));
  /** The free member with the highest score (ties: the smaller id), each score computed once. */
  const best = (list: typeof members, score: (v: View, id: string) => number) => list
    .map((u) => ({ u, s: score(views.get(u.id) as View, u.id) }))
    .sort((a, b) => b.s - a.s || (a.u.id < b.u.id ? -1 : 1))[0]?.u;
  const admin = active.find((u) => u.role === 'admin');
  const out: TestUser[] = [take('admin', admin?.id, 'the first admin (by e-mail)')];
  const narrow = best(free(members), (_v, id) => -(counts.get(id) as number));
  out.push(take('narrowMember', narrow?.id, 'the member who sees the fewest contacts'));
  const grantee = best(free(members), (v, id) => v.grantOwners.size * 1e9 + (counts.get(id) as number));
  out.push(take('granteeOf20', grantee?.id, `the member with the most contact grants (${grantee ? views.get(grantee.id)?.grantOwners.size : 0} owners)`));
  const bucketOnly = free(members).filter((u) => (views.get(u.id) as View).teams.size === 0 && (views.get(u.id) as View).grantOwners.size === 0);
  const bucketSeen = (v: View) => world.contacts.reduce((n, c) => n + ((world.bucketsOf.get(c.id) ?? []).some((b) => v.bucketLevels.has(b)) ? 1 : 0), 0);
  const bucket = best(bucketOnly.length ? bucketOnly : free(members), (v) => bucketSeen(v));
  out.push(take('bucketMember', bucket?.id, 'no teams, no contact grants, the most contacts through bucket shares'));
  const rest = free(members).map((u) => counts.get(u.id) as number).sort((a, b) => a - b);
  const median = rest[Math.floor(rest.length / 2)] ?? 0;
  const average = best(free(members), (_v, id) => -Math.abs((counts.get(id) as number) - median));
  out.push(take('averageMember', average?.id, `the member closest to the members' median (${median} contacts)`));
  const seesAll = free(members).find((u) => u.id === seederUsers.memberSeesAll?.id) ?? free(members)[0];
  out.push(take('memberSeesAll', seesAll?.id, 'an ordinary member, with share-all switched on', true));
  return { users: TEST_USER_KEYS.map((k) => out.find((u) => u.key === k) as TestUser), counts };
}

export type CheckCase = { user: TestUser; contactId: string };
export type ListCase = { user: TestUser; label: string; q: string | null; page: 1 | 100 };

/** Checks for every test user but the one who sees all (share-all stays off): half on contacts they see, half at random. */
export function checkCases(world: World, users: readonly TestUser[], now: number, count: number): CheckCase[] {
  const rand = prng(4242);
  const pool = users.filter((u) => !u.shareAll).map((u) => ({ user: u, seen: visibleActive(world, viewOf(world, u.id, now, false)) }));
  const out: CheckCase[] = [];
  for (let i = 0; i < count; i++) {
    const { user, seen } = pool[i % pool.length] as (typeof pool)[number];
    const from: readonly WContact[] = i % 2 === 0 && seen.length > 0 ? seen : world.contacts;
    out.push({ user, contactId: pick(rand, from).id });
  }
  return out;
}

/** The middle contact of those the user sees (their list's "typical" row). */
function middleOf(world: World, user: TestUser, now: number): WContact | undefined {
  const seen = visibleActive(world, viewOf(world, user.id, now, user.shareAll));
  return seen[Math.floor(seen.length / 2)] ?? world.contacts[0];
}

/** The one-letter search each user makes: the first letter of the middle contact they see (a word start). */
export function prefixOf(world: World, user: TestUser, now: number): string {
  return (middleOf(world, user, now)?.sortName ?? 'a').slice(0, 1);
}

/**
 * The two searches (issue 10, "done when"): a word in the middle of a name (the middle contact's last name)
 * and a phone number typed as a person would ("206 555 0142": the last ten digits of its first phone).
 */
export function searchesOf(world: World, user: TestUser, now: number): { word: string; phone: string | null } {
  const middle = middleOf(world, user, now);
  const words = (middle?.sortName ?? 'a').split(' ');
  const digits = (middle?.searchText ?? '').split(' ').find((w) => /^\d{10,}$/.test(w));
  const phone = digits ? `${digits.slice(-10, -7)} ${digits.slice(-7, -4)} ${digits.slice(-4)}` : null;
  return { word: words[words.length - 1] ?? 'a', phone };
}

export function listCases(world: World, users: readonly TestUser[], now: number, pages: readonly (1 | 100)[]): ListCase[] {
  const out: ListCase[] = [];
  for (const user of users) {
    const prefix = prefixOf(world, user, now);
    for (const page of pages) {
      out.push({ user, label: `page ${page}`, q: null, page });
      out.push({ user, label: `page ${page} q=${prefix}`, q: prefix, page });
    }
    const { word, phone } = searchesOf(world, user, now);
    out.push({ user, label: `page 1 q=${word} (a word inside names)`, q: word, page: 1 });
    if (phone) out.push({ user, label: `page 1 q=${phone} (phone digits)`, q: phone, page: 1 });
  }
  return out;
}
