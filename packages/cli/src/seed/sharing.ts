// Record shares and user grants of CRM-N: 5 % of contacts shared one by one (view or collaborate, 20 % of them
// time-limited, some already expired, a few not yet started) and ~5 user grants per user over other users'
// contacts or calendars (view or edit). Levels are stored as ranks: view 2, collaborate 3, edit 4.
import { levelRank } from '@tandem/core';
import { contactId, ownerIdOf, type ContactSpace } from './contacts.ts';
import { narrowTarget, type People } from './people.ts';
import type { Rng } from './prng.ts';
import type { ContactShareRow, UserGrantRow, UserRow } from './types.ts';

const DAY = 86_400_000;
const VIEW = levelRank('view');
const COLLABORATE = levelRank('collaborate');
const EDIT = levelRank('edit');

export const SHARED_FRACTION = 0.05;
export const TIME_LIMITED_FRACTION = 0.2;

type Window = { starts_at: string | null; expires_at: string | null; created_at: string };

/** Of time-limited shares: 40 % already expired, 50 % running until a later day, 10 % not started yet. */
function windowOf(rng: Rng, now: number, timeLimited: boolean): Window {
  const iso = (t: number) => new Date(t).toISOString();
  if (!timeLimited) return { starts_at: null, expires_at: null, created_at: iso(now - rng.int(1, 365) * DAY) };
  const r = rng.next();
  if (r < 0.4) {
    const expires = now - rng.int(1, 60) * DAY;
    return { starts_at: null, expires_at: iso(expires), created_at: iso(expires - rng.int(7, 90) * DAY) };
  }
  if (r < 0.9) {
    const created = now - rng.int(1, 60) * DAY;
    return { starts_at: rng.chance(0.5) ? iso(created) : null, expires_at: iso(now + rng.int(1, 120) * DAY), created_at: iso(created) };
  }
  const starts = now + rng.int(1, 30) * DAY;
  return { starts_at: iso(starts), expires_at: iso(starts + rng.int(7, 60) * DAY), created_at: iso(now - rng.int(0, 10) * DAY) };
}

export type SharePlan = {
  rows: ContactShareRow[];
  /** contact index → user index holding a collaborate share on it (who may write its history). */
  collaborators: Map<number, number>;
};

export function planContactShares(rng: Rng, space: ContactSpace, people: People, now: number): SharePlan {
  const total = Math.round(space.count * SHARED_FRACTION);
  const chosen = rng.sample(total, space.count);
  const narrowQuota = Math.min(total, narrowTarget(space.count).shared);
  const toNarrow = new Set(rng.sample(narrowQuota, total));
  const { narrowMember } = people.roles;
  const rows: ContactShareRow[] = [];
  const collaborators = new Map<number, number>();
  chosen.forEach((index, k) => {
    const owner = space.owners[index] as number;
    let grantee: { user: number } | { team: number };
    if (toNarrow.has(k) && owner !== narrowMember) grantee = { user: narrowMember };
    else if (people.teams.length > 0 && rng.chance(0.15)) grantee = { team: rng.int(0, people.teams.length - 1) };
    else grantee = { user: otherUser(rng, people.users.length, [owner, narrowMember]) };
    const level = rng.chance(0.5) ? VIEW : COLLABORATE;
    const window = windowOf(rng, now, rng.chance(TIME_LIMITED_FRACTION));
    rows.push({
      id: rng.uuid(), contact_id: contactId(space, index), level, created_by: ownerIdOf(space, index), ...window,
      grantee_user_id: 'user' in grantee ? (people.users[grantee.user] as UserRow).id : null,
      grantee_team_id: 'team' in grantee ? people.teams[grantee.team]?.id ?? null : null,
    });
    if ('user' in grantee && level === COLLABORATE && window.expires_at === null) collaborators.set(index, grantee.user);
  });
  return { rows, collaborators };
}

/** A user index other than those in `not` (the caller guarantees one exists). */
function otherUser(rng: Rng, users: number, not: readonly number[]): number {
  for (;;) {
    const u = rng.int(0, users - 1);
    if (!not.includes(u)) return u;
  }
}

/** `k` distinct user indexes other than `self`. */
function otherUsers(rng: Rng, users: number, self: number, k: number): number[] {
  return rng.sample(Math.min(k, users - 1), users - 1).map((i) => (i >= self ? i + 1 : i));
}

/**
 * ~5 grants per user (3 to 7). The grantee of 20 holds `contacts` grants over 20 users; the narrow member and the
 * bucket member hold only calendar grants, so their contact visibility stays what the benchmark expects.
 */
export function planUserGrants(rng: Rng, people: People, now: number): UserGrantRow[] {
  const { roles, users } = people;
  const admin = (users[roles.admin] as UserRow).id;
  const rows: UserGrantRow[] = [];
  users.forEach((grantee, u) => {
    const special = u === roles.granteeOf20;
    const calendarOnly = u === roles.narrowMember || u === roles.bucketMember;
    const owners = otherUsers(rng, users.length, u, special ? 20 : calendarOnly ? 5 : rng.int(3, 7));
    for (const owner of owners) {
      const scope = special ? 'contacts' : calendarOnly ? 'calendar' : rng.chance(0.5) ? 'contacts' : 'calendar';
      rows.push({
        id: rng.uuid(), owner_id: (users[owner] as UserRow).id, grantee_user_id: grantee.id, grantee_team_id: null, scope,
        level: rng.chance(0.7) ? VIEW : EDIT, starts_at: null, expires_at: null, created_by: admin,
        created_at: new Date(now - rng.int(1, 300) * DAY).toISOString(),
      });
    }
  });
  return rows;
}
