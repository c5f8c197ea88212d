// Shapes the per-person explanations into what the "Who has access" panel lists: people, highest level first, and
// the teams through which any of them has access (a record share, a user grant or a bucket share naming the team).
import type { AccessSource, Level } from '../../api/models.ts';
import type { PersonAccess } from './hooks/useEveryoneWithAccess.ts';

const RANK: Record<Level | 'none', number> = { none: 0, profile: 1, view: 2, collaborate: 3, edit: 4, owner: 5 };

export type TeamAccess = { teamId: string; name: string; sources: AccessSource[]; memberNames: string[] };

export function sortPeople(people: PersonAccess[], meId: string): PersonAccess[] {
  return [...people].sort(
    (a, b) => RANK[b.explanation.level] - RANK[a.explanation.level] || Number(b.user.id === meId) - Number(a.user.id === meId) || a.user.name.localeCompare(b.user.name),
  );
}

/** Where the same team gives the same source to several members, it is listed once, with those members. */
export function teamsOf(people: PersonAccess[]): TeamAccess[] {
  const teams = new Map<string, TeamAccess>();
  for (const { user, explanation } of people) {
    for (const source of explanation.sources) {
      if (!source.viaTeamId) continue;
      const team = teams.get(source.viaTeamId) ?? { teamId: source.viaTeamId, name: source.viaTeamName ?? 'A team', sources: [], memberNames: [] };
      if (!team.sources.some((s) => sameSource(s, source))) team.sources.push(source);
      if (!team.memberNames.includes(user.name)) team.memberNames.push(user.name);
      teams.set(source.viaTeamId, team);
    }
  }
  // Members by name, whatever order the people came in (the server lists them by level first).
  for (const team of teams.values()) team.memberNames.sort((a, b) => a.localeCompare(b));
  return [...teams.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function sameSource(a: AccessSource, b: AccessSource): boolean {
  return a.kind === b.kind && (a.id ?? null) === (b.id ?? null) && a.level === b.level;
}
