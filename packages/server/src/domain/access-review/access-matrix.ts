// GET /access-review/matrix (issue 13 item 5, D38): the org's users × owners and users × buckets, for admins. Each
// user's context is built from the org's facts as load-actor-context.ts builds it (the core keeps the grants and
// shares naming the user or their teams), and every cell is the core's `explain` over a stand-in contact:
//   - owner cell (U, O): a live contact of O with no record share and in no bucket, so exactly the sources that hold
//     for EVERY live contact of O: owner, admin, share-all, user grants (direct or through a team);
//   - bucket cell (U, B): a contact owned by nobody and in B alone, keeping only its bucket-share sources: the level
//     B's active shares give U on B's contacts.
// Record shares are per contact: the per-user review and GET /contacts/:id/access/holders show them.
import { explain, levelRank, type ActorContext, type ContactFacts, type ExplainedSource, type Level } from '@tandem/core';
import { loadOrgAccessFacts, type OrgBucket } from '../../storage/access-review-queries.ts';
import { requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import type { ReviewedUser } from './review-user.ts';

export type OwnerCell = { level: Level; sources: { kind: 'owner' | 'admin' | 'share_all' | 'user_grant'; level: Level }[] };
export type AccessMatrix = {
  users: ReviewedUser[]; owners: { id: string; name: string }[]; buckets: OrgBucket[];
  ownerCells: OwnerCell[][]; bucketCells: Level[][];
};

/** No user has this id (uuids from gen_random_uuid are version 4), so no owner or grant source can match it. */
const NOBODY = '00000000-0000-0000-0000-000000000000';
const compareNames = new Intl.Collator('en').compare;
const byName = <T extends { id: string; name: string }>(a: T, b: T) => compareNames(a.name, b.name) || (a.id < b.id ? -1 : 1);

function standIn(orgId: string, ownerId: string, bucketIds: string[]): ContactFacts {
  return { id: NOBODY, orgId, ownerId, state: 'active', shares: [], bucketIds };
}

const highest = (sources: readonly ExplainedSource[]): Level =>
  sources.reduce<Level>((best, s) => (levelRank(s.level) > levelRank(best) ? s.level : best), 'none');

export async function accessMatrix(deps: Deps, ctx: ActorContext): Promise<AccessMatrix> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  // The org's switches as the admin's request read them (the same org).
  const settings = ctx.settings;
  const facts = await loadOrgAccessFacts(deps.db, orgId);
  const users = [...facts.users].sort(byName);
  const buckets = [...facts.buckets].sort(byName);
  const ownerCells: OwnerCell[][] = [];
  const bucketCells: Level[][] = [];
  for (const u of users) {
    const userCtx: ActorContext = {
      actor: { userId: u.id, orgId, role: u.role, status: u.status, teamIds: u.teamIds, exportChannels: u.exportChannels },
      settings, userGrants: facts.userGrants, bucketShares: facts.bucketShares, now: ctx.now,
    };
    ownerCells.push(users.map((o) => {
      const why = explain(userCtx, standIn(orgId, o.id, []));
      return { level: why.level, sources: why.sources.map((s) => ({ kind: s.kind as OwnerCell['sources'][number]['kind'], level: s.level })) };
    }));
    bucketCells.push(buckets.map((b) => highest(explain(userCtx, standIn(orgId, NOBODY, [b.id])).sources.filter((s) => s.kind === 'bucket_share'))));
  }
  return {
    users: users.map((u) => ({ id: u.id, name: u.name, role: u.role, status: u.status })),
    owners: users.map((u) => ({ id: u.id, name: u.name })), buckets, ownerCells, bucketCells,
  };
}
