// Row types of the account tables, derived from schema.ts (what a select of these columns answers), with the column
// lists the queries select. The domain and the serializers take their row types from here, never from each other.
import type { Selectable } from 'kysely';
import type { OrgsTable, SessionsTable, TeamsTable, UserGrantsTable, UsersTable } from './schema.ts';

export const USER_COLUMNS = ['id', 'name', 'email', 'role', 'status', 'export_channels', 'sms_line', 'created_at'] as const;
/** A user as the API and the audit log know it (never the password hash). */
export type UserRow = Pick<Selectable<UsersTable>, (typeof USER_COLUMNS)[number]>;

export const ORG_COLUMNS = ['id', 'name', 'accent_color', 'billing', 'export_enabled', 'share_all_contacts', 'members_can_archive_delete_shared'] as const;
export type OrgRow = Pick<Selectable<OrgsTable>, (typeof ORG_COLUMNS)[number]>;

export const GRANT_COLUMNS = ['id', 'owner_id', 'grantee_user_id', 'grantee_team_id', 'scope', 'level', 'starts_at', 'expires_at', 'created_by', 'created_at'] as const;
/** A user grant (user_grants). */
export type GrantRow = Pick<Selectable<UserGrantsTable>, (typeof GRANT_COLUMNS)[number]>;

/** API tokens are rows of `sessions` with kind `api` and a name. */
export const TOKEN_COLUMNS = ['id', 'name', 'created_at', 'expires_at', 'scope'] as const;
export type TokenRow = Pick<Selectable<SessionsTable>, (typeof TOKEN_COLUMNS)[number]>;

/** A team with its members' ids (team_members), members ordered by name. */
export type TeamWithMembers = Pick<Selectable<TeamsTable>, 'id' | 'name'> & { memberIds: string[] };
