// The seeded facts, read once from the database into memory: the peers (CASL, casbin) are built from them, the
// in-process checks (G1) use them, and a plain reference reading of the sources (written like the differential
// test's oracle, without @tandem/core) says who sees what, to pick the test users and to explain a disagreement.
export type Query = (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export type Win = { startsAt: number | null; expiresAt: number | null };
export type Who = { userId: string | null; teamId: string | null };
export type State = 'active' | 'archived' | 'trashed';
export type WUser = { id: string; email: string; role: 'admin' | 'member'; status: string };
/** `searchText`: contacts.search_text (migration 0006), what the list's search matches. */
export type WContact = { id: string; ownerId: string; sortName: string; searchText: string; state: State; rank: number };
export type WShare = Who & Win & { id: string; contactId: string; level: number; createdAt: number };
export type WGrant = Who & Win & { id: string; ownerId: string; scope: 'contacts' | 'calendar'; level: number; createdAt: number };
export type WBucketShare = Who & Win & { id: string; bucketId: string; level: number; createdAt: number };

export type World = {
  orgId: string;
  shareAll: boolean;
  users: WUser[];
  userById: Map<string, WUser>;
  teamsOf: Map<string, string[]>;
  /** In list order: sort_name, then id, as the database sorts them (ICU root collation: JavaScript's `<` would differ). */
  contacts: WContact[];
  contactById: Map<string, WContact>;
  sharesOf: Map<string, WShare[]>;
  grants: WGrant[];
  bucketShares: WBucketShare[];
  bucketsOf: Map<string, string[]>;
  contactsOfBucket: Map<string, string[]>;
};

const ms = (v: unknown): number | null => (v === null || v === undefined ? null : new Date(v as string).getTime());
const who = (r: Record<string, unknown>): Who => ({ userId: (r.grantee_user_id as string | null) ?? null, teamId: (r.grantee_team_id as string | null) ?? null });
const win = (r: Record<string, unknown>): Win => ({ startsAt: ms(r.starts_at), expiresAt: ms(r.expires_at) });

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export async function loadWorld(q: Query, orgId: string): Promise<World> {
  const one = async (text: string) => (await q(text, [orgId])).rows;
  const [org] = await one('SELECT share_all_contacts FROM orgs WHERE id = $1');
  const users = (await one('SELECT id, email, role, status FROM users WHERE org_id = $1 ORDER BY email')) as WUser[];
  const teamsOf = new Map<string, string[]>();
  for (const r of await one('SELECT team_id, user_id FROM team_members WHERE org_id = $1')) push(teamsOf, r.user_id as string, r.team_id as string);
  const contacts = (await one(`SELECT id, owner_id, sort_name, search_text, archived_at IS NOT NULL AS archived, trashed_at IS NOT NULL AS trashed
    FROM contacts WHERE org_id = $1 ORDER BY sort_name, id`)).map((r, rank): WContact => ({
    id: r.id as string, ownerId: r.owner_id as string, sortName: r.sort_name as string, searchText: r.search_text as string, rank,
    state: r.trashed ? 'trashed' : r.archived ? 'archived' : 'active',
  }));
  const sharesOf = new Map<string, WShare[]>();
  for (const r of await one('SELECT id, contact_id, grantee_user_id, grantee_team_id, level, starts_at, expires_at, created_at FROM contact_shares WHERE org_id = $1')) {
    push(sharesOf, r.contact_id as string, { id: r.id as string, contactId: r.contact_id as string, level: Number(r.level), createdAt: ms(r.created_at) ?? 0, ...who(r), ...win(r) });
  }
  const grants = (await one('SELECT id, owner_id, grantee_user_id, grantee_team_id, scope, level, starts_at, expires_at, created_at FROM user_grants WHERE org_id = $1'))
    .map((r): WGrant => ({ id: r.id as string, ownerId: r.owner_id as string, scope: r.scope as WGrant['scope'], level: Number(r.level), createdAt: ms(r.created_at) ?? 0, ...who(r), ...win(r) }));
  const bucketShares = (await one('SELECT id, bucket_id, grantee_user_id, grantee_team_id, level, starts_at, expires_at, created_at FROM bucket_shares WHERE org_id = $1'))
    .map((r): WBucketShare => ({ id: r.id as string, bucketId: r.bucket_id as string, level: Number(r.level), createdAt: ms(r.created_at) ?? 0, ...who(r), ...win(r) }));
  const bucketsOf = new Map<string, string[]>();
  const contactsOfBucket = new Map<string, string[]>();
  for (const r of await one('SELECT bucket_id, contact_id FROM bucket_contacts WHERE org_id = $1')) {
    push(bucketsOf, r.contact_id as string, r.bucket_id as string);
    push(contactsOfBucket, r.bucket_id as string, r.contact_id as string);
  }
  return {
    orgId, shareAll: Boolean(org?.share_all_contacts), users, userById: new Map(users.map((u) => [u.id, u])), teamsOf, contacts,
    contactById: new Map(contacts.map((c) => [c.id, c])), sharesOf, grants, bucketShares, bucketsOf, contactsOfBucket,
  };
}

export const isActive = (w: Win, now: number) => (w.startsAt === null || w.startsAt <= now) && (w.expiresAt === null || now < w.expiresAt);

/** One user's sources at `now`, gathered once: the reference answers from these. */
export type View = {
  user: WUser;
  teams: Set<string>;
  grantOwners: Map<string, number>;
  bucketLevels: Map<string, number>;
  sharedLevels: Map<string, number>;
  shareAll: boolean;
};

const better = (map: Map<string, number>, key: string, level: number) => map.set(key, Math.max(map.get(key) ?? 0, level));

export function viewOf(world: World, userId: string, now: number, shareAll = world.shareAll): View {
  const user = world.userById.get(userId);
  if (!user) throw new Error(`no user ${userId}`);
  const teams = new Set(world.teamsOf.get(userId) ?? []);
  const names = (w: Who) => w.userId === userId || (w.teamId !== null && teams.has(w.teamId));
  const view: View = { user, teams, grantOwners: new Map(), bucketLevels: new Map(), sharedLevels: new Map(), shareAll };
  for (const g of world.grants) if (g.scope === 'contacts' && names(g) && isActive(g, now)) better(view.grantOwners, g.ownerId, g.level);
  for (const s of world.bucketShares) if (names(s) && isActive(s, now)) better(view.bucketLevels, s.bucketId, s.level);
  for (const [contactId, shares] of world.sharesOf) {
    for (const s of shares) if (names(s) && isActive(s, now)) better(view.sharedLevels, contactId, s.level);
  }
  return view;
}

/** The level rank (0 none, 1 profile, 2 view, 3 collaborate, 4 edit, 5 owner) the sources give. */
export function levelOf(world: World, v: View, c: WContact): number {
  if (v.user.status !== 'active') return 0;
  const owner = c.ownerId === v.user.id;
  const admin = v.user.role === 'admin';
  if (c.state === 'trashed') return owner ? 5 : admin ? 1 : 0;
  let best = owner ? 5 : 0;
  best = Math.max(best, v.sharedLevels.get(c.id) ?? 0, v.grantOwners.get(c.ownerId) ?? 0);
  for (const b of world.bucketsOf.get(c.id) ?? []) best = Math.max(best, v.bucketLevels.get(b) ?? 0);
  if (admin || v.shareAll) best = Math.max(best, 1);
  return best;
}

export type Answer = { view: boolean; history: boolean };

export function answerOf(world: World, v: View, contactId: string): Answer {
  const c = world.contactById.get(contactId);
  if (!c) return { view: false, history: false };
  const level = levelOf(world, v, c);
  return { view: level >= 1, history: level >= 2 && c.state !== 'trashed' };
}

/** The contacts a default list shows (active, visible), in list order. */
export function visibleActive(world: World, v: View): WContact[] {
  return world.contacts.filter((c) => c.state === 'active' && levelOf(world, v, c) >= 1);
}

export type PageSpec = { q: string | null; after: { sortName: string; id: string } | null };

/**
 * The list search read plainly (server storage/contact-search.ts says it): every word of the query occurs in the
 * contact's search text, a word of one or two characters at the start of a word; a query of digits and phone
 * punctuation is its digits. The benchmark's queries are ASCII, so lower case is the folding.
 */
export function matchesQuery(c: WContact, q: string): boolean {
  const digits = q.replace(/\D/g, '');
  const words = /^[\d\s+().\-/]+$/.test(q) && digits.length >= 3 ? [digits] : q.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  return words.every((w) => (w.length >= 3 ? c.searchText.includes(w) : c.searchText.includes(` ${w}`)));
}

/** First index in list order after `spec.after`: the rank of the row the cursor names, plus one. */
export function startIndex(contacts: readonly WContact[], byId: ReadonlyMap<string, WContact>, spec: PageSpec): number {
  if (!spec.after) return 0;
  const at = byId.get(spec.after.id);
  if (!at) throw new Error(`cursor row ${spec.after.id} is not a seeded contact`);
  return at.rank + 1;
}

/** Walks the list order from the page's start, keeping what `keep` lets through: limit + 1 ids at most. */
export function pageBy(world: Pick<World, 'contacts' | 'contactById'>, spec: PageSpec, limit: number, keep: (c: WContact) => boolean): string[] {
  const out: string[] = [];
  const { contacts } = world;
  for (let i = startIndex(contacts, world.contactById, spec); i < contacts.length && out.length <= limit; i++) {
    const c = contacts[i] as WContact;
    if (spec.q !== null && !matchesQuery(c, spec.q)) continue;
    if (c.state === 'active' && keep(c)) out.push(c.id);
  }
  return out;
}
