// Users, teams and who owns how many contacts in CRM-N (performance.md): 2 % admins, teams of 3–30, ownership
// skewed so the top owner holds 10 %. Four members are set apart as the benchmark's test users; three of them are
// kept out of teams and random bucket shares so that what they see comes from one kind of source each.
import { FIRST_NAMES, LAST_NAMES } from '@tandem/server';
import type { Rng } from './prng.ts';
import type { SeedOptions, TeamMemberRow, TeamRow, UserRow } from './types.ts';

export type Roles = { admin: number; memberSeesAll: number; narrowMember: number; granteeOf20: number; bucketMember: number; topOwner: number };

export type People = {
  users: UserRow[];
  roles: Roles;
  /** Users whose visibility the generator controls exactly: no teams, no random shares of buckets. */
  isolated: ReadonlySet<number>;
  teams: TeamRow[];
  teamMembers: number[][];
};

export const MIN_USERS = 6;
const DAY = 86_400_000;

/** The domain of the org's e-mail addresses: the org name in lower case, letters, digits and dashes. */
export function emailDomain(orgName: string): string {
  const slug = orgName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${slug || 'crm-n'}.example`;
}

export function planPeople(rng: Rng, opts: SeedOptions, passwordHash: string): People {
  const domain = emailDomain(opts.orgName);
  const admins = Math.max(1, Math.round(opts.users * 0.02));
  const created = new Date(opts.now - 400 * DAY).toISOString();
  const users = Array.from({ length: opts.users }, (_, i): UserRow => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    return {
      id: rng.uuid(), name: `${first} ${last}`, email: `${local}.${i + 1}@${domain}`, password_hash: passwordHash,
      role: i < admins ? 'admin' : 'member', created_at: created,
    };
  });
  // Members in index order: the test users first, then the top owner; the rest are ordinary.
  const roles: Roles = {
    admin: 0, memberSeesAll: admins, narrowMember: admins + 1, granteeOf20: admins + 2, bucketMember: admins + 3, topOwner: admins + 4,
  };
  const isolated = new Set([roles.narrowMember, roles.granteeOf20, roles.bucketMember]);
  const { teams, teamMembers } = planTeams(rng, opts, isolated, created);
  return { users, roles, isolated, teams, teamMembers };
}

function planTeams(rng: Rng, opts: SeedOptions, isolated: ReadonlySet<number>, created: string): { teams: TeamRow[]; teamMembers: number[][] } {
  const pool = Array.from({ length: opts.users }, (_, i) => i).filter((i) => !isolated.has(i));
  const count = pool.length < 3 ? 0 : Math.max(1, Math.round(opts.users / 8));
  const teams: TeamRow[] = [];
  const teamMembers: number[][] = [];
  for (let t = 0; t < count; t++) {
    const size = rng.int(3, Math.min(30, pool.length));
    teams.push({ id: rng.uuid(), name: `Team ${t + 1}`, created_at: created });
    teamMembers.push(rng.sample(size, pool.length).map((k) => pool[k] as number));
  }
  return { teams, teamMembers };
}

export function teamMemberRows(people: People): TeamMemberRow[] {
  return people.teams.flatMap((team, t) => (people.teamMembers[t] ?? []).map((u) => ({ team_id: team.id, user_id: (people.users[u] as UserRow).id })));
}

/** How many contacts the narrow member sees in all: 0.1 % of N, half owned, half received through shares. */
export function narrowTarget(contacts: number): { visible: number; owned: number; shared: number } {
  const visible = Math.max(2, Math.round(contacts / 1000));
  const owned = Math.ceil(visible / 2);
  return { visible, owned, shared: visible - owned };
}

/** Splits `total` over `weights` with no share above `cap` (water-filling), as exact fractions. */
function cappedShares(weights: number[], total: number, cap: number): number[] {
  const shares = new Array<number>(weights.length).fill(0);
  const open = new Set(weights.map((_, k) => k));
  let left = total;
  while (left > 1e-9 && open.size > 0) {
    const sum = [...open].reduce((a, k) => a + (weights[k] as number), 0);
    let spilled = 0;
    for (const k of [...open]) {
      const want = (shares[k] as number) + ((weights[k] as number) / sum) * left;
      shares[k] = Math.min(want, cap);
      if (want >= cap) {
        spilled += want - cap;
        open.delete(k);
      }
    }
    left = spilled;
  }
  return shares;
}

/**
 * Contacts per user: the top owner 10 %, the narrow member its small share, the rest by weight 1/√rank and never
 * above the top owner. With fewer than a dozen users 10 % cannot be the top; the top owner then gets an even share.
 */
export function ownerCounts(rng: Rng, opts: SeedOptions, roles: Roles): number[] {
  const counts = new Array<number>(opts.users).fill(0);
  const narrow = narrowTarget(opts.contacts).owned;
  const others = rng.shuffle(Array.from({ length: opts.users }, (_, i) => i).filter((i) => i !== roles.topOwner && i !== roles.narrowMember));
  const top = Math.max(Math.round(opts.contacts * 0.1), Math.ceil((opts.contacts - narrow) / (others.length + 1)));
  counts[roles.topOwner] = top;
  counts[roles.narrowMember] = narrow;
  const rest = opts.contacts - top - narrow;
  const exact = cappedShares(others.map((_, rank) => 1 / Math.sqrt(rank + 1)), rest, top);
  const shares = others.map((u, k) => ({ u, whole: Math.floor(exact[k] ?? 0), part: (exact[k] ?? 0) % 1 }));
  // Largest remainders get the last few, so the counts add up to exactly N.
  let missing = rest - shares.reduce((sum, s) => sum + s.whole, 0);
  for (const s of [...shares].sort((a, b) => b.part - a.part || a.u - b.u)) {
    counts[s.u] = s.whole + (missing > 0 ? 1 : 0);
    missing -= 1;
  }
  return counts;
}

/** owner index per contact index, in a shuffled order so that one owner's contacts are spread over the alphabet. */
export function planOwnership(rng: Rng, opts: SeedOptions, roles: Roles): Int32Array {
  const counts = ownerCounts(rng, opts, roles);
  const owners = new Int32Array(opts.contacts);
  let at = 0;
  counts.forEach((n, u) => {
    owners.fill(u, at, at + n);
    at += n;
  });
  return rng.shuffle(owners);
}
