// G1 and G3's batch in process: @tandem/core's `decide` on facts in memory, and on a contact's facts loaded by one
// indexed read (the contact, its shares and its bucket ids in one statement); `decideMany` over 50 contacts read
// at once. The actor's facts are built once per test user from the seeded rows, as a cache would hold them.
import {
  decide, decideMany, levelFromRank, type ActorContext, type ContactFacts, type RecordShareFact, type ShareLevel,
} from '@tandem/core';
import type { CheckCase, TestUser } from './users.ts';
import { metric, summarize, timeSeq, timeSync, type Metric } from './stats.ts';
import { answerOf, viewOf, type Query, type WShare, type Who, type World } from './world.ts';

const grantee = (w: Who) => (w.userId ? { userId: w.userId } : { teamId: w.teamId as string });

export function actorContext(world: World, userId: string, now: number, shareAll: boolean): ActorContext {
  const user = world.userById.get(userId);
  if (!user) throw new Error(`no user ${userId}`);
  const teamIds = world.teamsOf.get(userId) ?? [];
  const names = (w: Who) => w.userId === userId || (w.teamId !== null && teamIds.includes(w.teamId));
  return {
    actor: { userId, orgId: world.orgId, role: user.role, status: user.status as 'active', teamIds, exportChannels: [] },
    settings: { exportEnabled: false, shareAllContacts: shareAll, membersCanArchiveDeleteShared: false },
    userGrants: world.grants.filter(names).map((g) => ({
      id: g.id, ownerId: g.ownerId, grantee: grantee(g), scope: g.scope, level: levelFromRank(g.level) as 'view' | 'edit',
      startsAt: g.startsAt, expiresAt: g.expiresAt, grantedBy: null, grantedAt: g.createdAt,
    })),
    bucketShares: world.bucketShares.filter(names).map((s) => ({
      id: s.id, bucketId: s.bucketId, grantee: grantee(s), level: levelFromRank(s.level) as ShareLevel,
      startsAt: s.startsAt, expiresAt: s.expiresAt, grantedBy: null, grantedAt: s.createdAt,
    })),
    now,
  };
}

const shareFact = (s: WShare): RecordShareFact => ({
  id: s.id, contactId: s.contactId, grantee: grantee(s), level: levelFromRank(s.level) as ShareLevel,
  startsAt: s.startsAt, expiresAt: s.expiresAt, grantedBy: null, grantedAt: s.createdAt,
});

export function contactFacts(world: World, id: string): ContactFacts {
  const c = world.contactById.get(id);
  if (!c) throw new Error(`no contact ${id}`);
  return { id, orgId: world.orgId, ownerId: c.ownerId, state: c.state, shares: (world.sharesOf.get(id) ?? []).map(shareFact), bucketIds: world.bucketsOf.get(id) ?? [] };
}

const FACTS_SQL = `SELECT c.id, c.owner_id, c.archived_at IS NOT NULL AS archived, c.trashed_at IS NOT NULL AS trashed,
    COALESCE((SELECT json_agg(json_build_object('id', s.id, 'u', s.grantee_user_id, 't', s.grantee_team_id, 'l', s.level,
      's', s.starts_at, 'e', s.expires_at)) FROM contact_shares s WHERE s.org_id = c.org_id AND s.contact_id = c.id), '[]'::json) AS shares,
    COALESCE((SELECT array_agg(b.bucket_id) FROM bucket_contacts b WHERE b.org_id = c.org_id AND b.contact_id = c.id), '{}'::uuid[]) AS buckets
  FROM contacts c WHERE c.org_id = $1 AND c.id = ANY($2::uuid[])`;

type Raw = { id: string; owner_id: string; archived: boolean; trashed: boolean; shares: unknown; buckets: unknown };
type RawShare = { id: string; u: string | null; t: string | null; l: number; s: string | null; e: string | null };
const t = (v: string | null) => (v === null ? null : new Date(v).getTime());

function toFacts(orgId: string, r: Raw): ContactFacts {
  const shares = (typeof r.shares === 'string' ? JSON.parse(r.shares) : r.shares) as RawShare[];
  const buckets = Array.isArray(r.buckets) ? (r.buckets as string[]) : String(r.buckets).replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return {
    id: r.id, orgId, ownerId: r.owner_id, state: r.trashed ? 'trashed' : r.archived ? 'archived' : 'active', bucketIds: buckets,
    shares: shares.map((s) => ({
      id: s.id, contactId: r.id, grantee: s.u ? { userId: s.u } : { teamId: s.t as string }, level: levelFromRank(s.l) as ShareLevel,
      startsAt: t(s.s), expiresAt: t(s.e), grantedBy: null, grantedAt: 0,
    })),
  };
}

export async function readFacts(q: Query, orgId: string, ids: string[]): Promise<ContactFacts[]> {
  return (await q(FACTS_SQL, [orgId, ids])).rows.map((r) => toFacts(orgId, r as Raw));
}

export type InprocResult = { metrics: Metric[]; wrong: string[] };

export async function measureInproc(world: World, users: readonly TestUser[], cases: readonly CheckCase[], q: Query, now: number, n: { inproc: number; seq: number }): Promise<InprocResult> {
  const contexts = new Map(users.map((u) => [u.id, actorContext(world, u.id, now, false)]));
  const views = new Map(users.map((u) => [u.id, viewOf(world, u.id, now, false)]));
  const facts = cases.map((c) => contactFacts(world, c.contactId));
  const wrong: string[] = [];
  cases.forEach((c, i) => {
    const d = decide(contexts.get(c.user.id) as ActorContext, 'contact.readHistory', facts[i] as ContactFacts);
    const want = answerOf(world, views.get(c.user.id) as (ReturnType<typeof viewOf>), c.contactId);
    if (d.allowed !== want.history || d.visible !== want.view) wrong.push(`decide ${c.user.key} ${c.contactId}: allowed ${d.allowed} visible ${d.visible}, reference ${JSON.stringify(want)}`);
  });
  const k = cases.length;
  const memory = timeSync({ n: n.inproc }, (i) => decide(contexts.get((cases[i % k] as CheckCase).user.id) as ActorContext, 'contact.readHistory', facts[i % k] as ContactFacts));
  const withRead = await timeSeq({ n: n.seq }, async (i) => {
    const c = cases[i % k] as CheckCase;
    const [f] = await readFacts(q, world.orgId, [c.contactId]);
    const d = decide(contexts.get(c.user.id) as ActorContext, 'contact.readHistory', f as ContactFacts);
    if (i < k && d.allowed !== answerOf(world, views.get(c.user.id) as ReturnType<typeof viewOf>, c.contactId).history) wrong.push(`decide after read ${c.user.key} ${c.contactId}`);
  });
  const batches = Array.from({ length: 16 }, (_, b) => cases.slice((b * 50) % Math.max(1, k - 50), ((b * 50) % Math.max(1, k - 50)) + 50));
  const batch = await timeSeq({ n: Math.max(20, Math.round(n.seq / 10)) }, async (i) => {
    const group = batches[i % batches.length] as CheckCase[];
    const ctx = contexts.get((group[0] as CheckCase).user.id) as ActorContext;
    decideMany(ctx, 'contact.readHistory', await readFacts(q, world.orgId, group.map((c) => c.contactId)));
  });
  return {
    wrong,
    metrics: [
      metric('G1', 'tandem', 'decide readHistory, facts in memory', summarize(memory.us), { rate: Math.round(memory.rate), floor: 'map' }),
      metric('G1', 'tandem', 'decide readHistory, facts by one indexed read', summarize(withRead.us), { rate: Math.round(withRead.rate), floor: 'db' }),
      metric('G3', 'tandem', 'batch check of 50 in process (one read + decideMany)', summarize(batch.us), { rate: Math.round(batch.rate), floor: 'db', note: 'the API has no batch check route' }),
    ],
  };
}

