// The facts behind "who has access to this contact" (GET /contacts/:id/access/holders), read in a fixed number of
// statements whatever the size of the org: the contact with ALL its shares and bucket memberships (not only those
// naming one actor, as contact-facts.ts reads them), the org's users with their teams, the org's teams, the user
// grants on the contact's owner and the shares of the buckets the contact is in (with the buckets' names). The
// domain then decides for every user in memory with @tandem/core (domain/access/access-holders.ts). Grants on
// other owners and shares of other buckets cannot reach this contact, so they are not read.
import {
  levelFromRank, type BucketShareFact, type ContactFacts, type ExportChannel, type Role, type UserGrantFact, type UserStatus,
} from '@tandem/core';
import { sql } from 'kysely';
import type { Db } from './connect.ts';
import { contactColumns, toContactWithFacts, type ContactRow, type RawRow } from './contact-facts.ts';
import { epochMs, granteeOf } from './load-actor-context.ts';

export type OrgUserFacts = { id: string; name: string; role: Role; status: UserStatus; exportChannels: ExportChannel[]; teamIds: string[] };
export type OrgTeam = { id: string; name: string };

export type AccessHolderFacts = {
  row: ContactRow;
  /** The contact with every share and every bucket membership it has. */
  contact: ContactFacts;
  /** Every user of the org, active or not (grantors' names come from here too). */
  users: OrgUserFacts[];
  teams: OrgTeam[];
  /** User grants on the contact's owner, any scope, any grantee, active or not (the core filters). */
  userGrants: UserGrantFact[];
  /** Shares of the buckets the contact is in, any grantee, active or not. */
  bucketShares: BucketShareFact[];
  /** Names of the buckets the contact is in. */
  bucketNames: Map<string, string>;
};

type SourceRow = {
  id: string; ref: string; gu: string | null; gt: string | null; scope: 'contacts' | 'calendar' | null; level: number;
  s: number | null; e: number | null; by: string | null; at: number; ref_name: string | null;
};

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function provenanceOf(r: SourceRow) {
  return { id: r.id, grantee: granteeOf({ grantee_user_id: r.gu, grantee_team_id: r.gt }), startsAt: num(r.s), expiresAt: num(r.e), grantedBy: r.by, grantedAt: Number(r.at) };
}

/** Oldest first, then by id, as load-actor-context.ts orders an actor's grants and bucket shares. */
const byAge = (a: { id: string; grantedAt: number }, b: { id: string; grantedAt: number }) =>
  a.grantedAt - b.grantedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Everything deciding anyone's access to one contact of the org needs; undefined when the contact is not there. */
export async function loadAccessHolderFacts(db: Db, orgId: string, contactId: string): Promise<AccessHolderFacts | undefined> {
  const [contactRows, userRows, teamRows, sourceRows] = await Promise.all([
    sql<RawRow>`SELECT ${contactColumns},
        COALESCE((SELECT json_agg(json_build_object('id', s.id, 'level', s.level, 'grantee_user_id', s.grantee_user_id,
            'grantee_team_id', s.grantee_team_id, 'starts_at', ${epochMs('s.starts_at')}, 'expires_at', ${epochMs('s.expires_at')},
            'created_by', s.created_by, 'created_at', ${epochMs('s.created_at')}))
          FROM contact_shares s WHERE s.org_id = c.org_id AND s.contact_id = c.id), '[]'::json) AS fact_shares,
        COALESCE((SELECT string_agg(bc.bucket_id::text, ',') FROM bucket_contacts bc WHERE bc.org_id = c.org_id AND bc.contact_id = c.id), '') AS fact_bucket_ids,
        (SELECT ou.name FROM users ou WHERE ou.org_id = c.org_id AND ou.id = c.owner_id) AS owner_name
      FROM contacts c WHERE c.org_id = ${orgId} AND c.id = ${contactId}::uuid`.execute(db),
    sql<{ id: string; name: string; role: Role; status: UserStatus; export_channels: string[]; team_ids: string[] }>`SELECT u.id, u.name, u.role,
        u.status, u.export_channels::text[] AS export_channels,
        COALESCE((SELECT array_agg(tm.team_id::text ORDER BY tm.team_id) FROM team_members tm WHERE tm.org_id = u.org_id AND tm.user_id = u.id), '{}'::text[]) AS team_ids
      FROM users u WHERE u.org_id = ${orgId} ORDER BY u.id`.execute(db),
    sql<OrgTeam>`SELECT t.id, t.name FROM teams t WHERE t.org_id = ${orgId}`.execute(db),
    // 'g': a user grant on the contact's owner (ref: the owner); 'b': a share of a bucket the contact is in (ref: the bucket).
    sql<SourceRow & { k: 'g' | 'b' }>`SELECT 'g' AS k, g.id, g.owner_id AS ref, g.grantee_user_id AS gu, g.grantee_team_id AS gt, g.scope::text AS scope,
        g.level, ${epochMs('g.starts_at')} AS s, ${epochMs('g.expires_at')} AS e, g.created_by AS by, ${epochMs('g.created_at')} AS at, NULL::text AS ref_name
      FROM user_grants g WHERE g.org_id = ${orgId} AND g.owner_id = (SELECT c.owner_id FROM contacts c WHERE c.org_id = ${orgId} AND c.id = ${contactId}::uuid)
      UNION ALL
      SELECT 'b', b.id, b.bucket_id, b.grantee_user_id, b.grantee_team_id, NULL::text, b.level, ${epochMs('b.starts_at')}, ${epochMs('b.expires_at')},
        b.created_by, ${epochMs('b.created_at')}, bk.name
      FROM bucket_contacts bc JOIN bucket_shares b ON b.org_id = bc.org_id AND b.bucket_id = bc.bucket_id
        JOIN buckets bk ON bk.org_id = bc.org_id AND bk.id = bc.bucket_id
      WHERE bc.org_id = ${orgId} AND bc.contact_id = ${contactId}::uuid`.execute(db),
  ]);
  const raw = contactRows.rows[0];
  if (!raw) return undefined;
  const { row, facts } = toContactWithFacts(raw);
  const userGrants: UserGrantFact[] = [];
  const bucketShares: BucketShareFact[] = [];
  const bucketNames = new Map<string, string>();
  for (const r of sourceRows.rows) {
    if (r.k === 'g') {
      userGrants.push({ ...provenanceOf(r), ownerId: r.ref, scope: r.scope as UserGrantFact['scope'], level: levelFromRank(Number(r.level)) as UserGrantFact['level'] });
    } else {
      bucketShares.push({ ...provenanceOf(r), bucketId: r.ref, level: levelFromRank(Number(r.level)) as BucketShareFact['level'] });
      bucketNames.set(r.ref, r.ref_name ?? '');
    }
  }
  userGrants.sort(byAge);
  bucketShares.sort(byAge);
  return {
    row, contact: facts, teams: teamRows.rows, userGrants, bucketShares, bucketNames,
    users: userRows.rows.map((u) => ({
      id: u.id, name: u.name, role: u.role, status: u.status, exportChannels: u.export_channels as ExportChannel[], teamIds: u.team_ids,
    })),
  };
}
