// Who has access to one contact, decided in memory by @tandem/core over facts read once (storage/
// access-holder-queries.ts): every active user of the org is given the context the core would load for them (their
// role, teams and the org's switches; the grants on the contact's owner and the shares of the contact's buckets; the
// core keeps those naming them), and `explain` answers their level and sources exactly as GET /contacts/:id/access
// does for one user. Teams are read off those sources: a team is listed when a grant, share or bucket share naming it
// gives someone access, with the members it gives access to. Pure: the access review (issue 13) reuses it.
import { explain, levelRank, type ActorContext, type ExplainedSource, type Level, type OrgSettings, type Role } from '@tandem/core';
import type { AccessHolderFacts } from '../../storage/access-holder-queries.ts';
import type { NamedSource } from '../contacts/explain-access.ts';

/** One collator for every name comparison (String#localeCompare builds one per call). */
const compareNames = new Intl.Collator('en').compare;

export type AccessHolder = { userId: string; name: string; role: Role; level: Exclude<Level, 'none'>; sources: NamedSource[] };
/** A team whose grant, share or bucket share gives access: those sources (without the team fields) and who they reach. */
export type AccessTeam = { teamId: string; name: string; memberIds: string[]; sources: NamedSource[] };
export type AccessHolders = { contactId: string; holders: AccessHolder[]; teams: AccessTeam[] };

/** The context the core would load for `user` (load-actor-context.ts), with the facts that can touch this contact. */
function contextOf(facts: AccessHolderFacts, user: AccessHolderFacts['users'][number], orgId: string, settings: OrgSettings, now: number): ActorContext {
  return {
    actor: { userId: user.id, orgId, role: user.role, status: user.status, teamIds: user.teamIds, exportChannels: user.exportChannels },
    settings, userGrants: facts.userGrants, bucketShares: facts.bucketShares, now,
  };
}

/** Names as explain-access.ts gives them: grantor, team and bucket, null when the named row is gone. */
function named(facts: AccessHolderFacts, userNames: Map<string, string>, teamNames: Map<string, string>, s: ExplainedSource): NamedSource {
  return {
    ...s,
    ...(s.grantedBy !== undefined ? { grantedByName: s.grantedBy === null ? null : userNames.get(s.grantedBy) ?? null } : {}),
    ...(s.viaTeamId !== undefined ? { viaTeamName: teamNames.get(s.viaTeamId) ?? null } : {}),
    ...(s.bucketId !== undefined ? { bucketName: facts.bucketNames.get(s.bucketId) ?? null } : {}),
  };
}

function teamsOf(holders: readonly AccessHolder[], teamNames: Map<string, string>): AccessTeam[] {
  const teams = new Map<string, AccessTeam>();
  for (const holder of holders) {
    for (const { viaTeamId, viaTeamName: _name, ...source } of holder.sources) {
      if (viaTeamId === undefined) continue;
      let team = teams.get(viaTeamId);
      if (!team) {
        team = { teamId: viaTeamId, name: teamNames.get(viaTeamId) ?? '', memberIds: [], sources: [] };
        teams.set(viaTeamId, team);
      }
      if (!team.memberIds.includes(holder.userId)) team.memberIds.push(holder.userId);
      if (!team.sources.some((s) => s.id === source.id)) team.sources.push(source);
    }
  }
  return [...teams.values()].sort((a, b) => compareNames(a.name, b.name) || (a.teamId < b.teamId ? -1 : 1));
}

/**
 * Every active user of the org with access to the contact (their level and every active source, highest first), the
 * highest level first, then by name; and the teams behind team sources. `settings` and `now` are the caller's.
 */
export function accessHoldersOf(facts: AccessHolderFacts, settings: OrgSettings, now: number): AccessHolders {
  const orgId = facts.contact.orgId;
  const userNames = new Map(facts.users.map((u) => [u.id, u.name]));
  const teamNames = new Map(facts.teams.map((t) => [t.id, t.name]));
  const holders: AccessHolder[] = [];
  for (const user of facts.users) {
    if (user.status !== 'active') continue;
    const { level, sources } = explain(contextOf(facts, user, orgId, settings, now), facts.contact);
    if (level === 'none') continue;
    holders.push({ userId: user.id, name: user.name, role: user.role, level, sources: sources.map((s) => named(facts, userNames, teamNames, s)) });
  }
  holders.sort((a, b) => levelRank(b.level) - levelRank(a.level) || compareNames(a.name, b.name) || (a.userId < b.userId ? -1 : 1));
  return { contactId: facts.contact.id, holders, teams: teamsOf(holders, teamNames) };
}
