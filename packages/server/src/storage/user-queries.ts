// Reads and writes of users. Every query but the e-mail lookups names the org: nothing crosses an organisation.
// E-mails are stored lower-cased; lookups compare `lower(email)`, as the unique index users_email_key does.
import { sql } from 'kysely';
import type { Db } from './connect.ts';
import { isUuid } from './ids.ts';
import { USER_COLUMNS, type UserRow } from './rows.ts';

/** Whether any user, of any org, has this (already normalised) e-mail. */
export async function isEmailTaken(db: Db, email: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where(sql`lower(email)`, '=', email).executeTakeFirst();
  return row !== undefined;
}

export type SignInCandidate = UserRow & { org_id: string; password_hash: string };

/** The user with this (already normalised) e-mail and what sign-in needs: their org and password hash. */
export async function loadUserByEmail(db: Db, email: string): Promise<SignInCandidate | null> {
  const row = await db.selectFrom('users').select([...USER_COLUMNS, 'org_id', 'password_hash'])
    .where(sql`lower(email)`, '=', email).executeTakeFirst();
  return row ?? null;
}

/** The user; null for a missing, malformed or other-org id alike. */
export async function loadUser(db: Db, orgId: string, userId: string): Promise<UserRow | null> {
  if (!isUuid(userId)) return null;
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst();
  return row ?? null;
}

/** Role and status of a user, read inside the caller's transaction (the admin guard re-reads its actor). */
export async function loadUserStanding(db: Db, orgId: string, userId: string): Promise<Pick<UserRow, 'role' | 'status'> | null> {
  const row = await db.selectFrom('users').select(['role', 'status']).where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst();
  return row ?? null;
}

/** Which of these ids name a user of the org (any status). Malformed ids name nobody. */
export async function existingUserIds(db: Db, orgId: string, userIds: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(userIds)].filter(isUuid);
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('users').select('id').where('org_id', '=', orgId).where('id', 'in', wanted).execute();
  return new Set(rows.map((r) => r.id));
}

export async function countActiveAdmins(db: Db, orgId: string): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId).where('role', '=', 'admin').where('status', '=', 'active').executeTakeFirstOrThrow();
  return Number(row.n);
}

export type NewUserRow = { orgId: string; name: string; email: string; passwordHash: string; role: 'admin' | 'member'; now: number };

/** Inserts a user; a taken e-mail fails with the database's unique violation (users_email_key). */
export async function insertUser(trx: Db, user: NewUserRow): Promise<UserRow> {
  return trx.insertInto('users').values({
    org_id: user.orgId, name: user.name, email: user.email, password_hash: user.passwordHash, role: user.role,
    created_at: new Date(user.now),
  }).returning(USER_COLUMNS).executeTakeFirstOrThrow();
}

export type UserAccess = { role: 'admin' | 'member'; status: 'active' | 'deactivated'; exportChannels: string[] };

export async function updateUserAccess(trx: Db, orgId: string, userId: string, access: UserAccess): Promise<UserRow> {
  return trx.updateTable('users').set({ role: access.role, status: access.status, export_channels: access.exportChannels })
    .where('org_id', '=', orgId).where('id', '=', userId).returning(USER_COLUMNS).executeTakeFirstOrThrow();
}

/**
 * Whether another user of the org has an SMS line with these digits (lines are compared by digits, as inbound SMS
 * matching does; users_sms_line_idx). Locks the org's row first, so two admins giving two users the same line at once
 * are checked one after the other, until the caller's transaction ends.
 */
export async function isSmsLineTaken(trx: Db, orgId: string, userId: string, digits: string): Promise<boolean> {
  await trx.selectFrom('orgs').select('id').where('id', '=', orgId).forUpdate().executeTakeFirst();
  const row = await trx.selectFrom('users').select('id').where('org_id', '=', orgId).where('id', '!=', userId)
    .where('sms_line', 'is not', null).where(sql<string>`regexp_replace(sms_line, '[^0-9]+', '', 'g')`, '=', digits)
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateUserSmsLine(trx: Db, orgId: string, userId: string, smsLine: string | null): Promise<UserRow> {
  return trx.updateTable('users').set({ sms_line: smsLine })
    .where('org_id', '=', orgId).where('id', '=', userId).returning(USER_COLUMNS).executeTakeFirstOrThrow();
}

export type UserPageRow = UserRow & { sort_key: string };

/** One keyset page of the org's users by `(lower(name), id)`, `limit + 1` rows so the caller sees if more follow. */
export async function listUsersPage(db: Db, orgId: string, limit: number, after?: { key: string; id: string }): Promise<UserPageRow[]> {
  let query = db.selectFrom('users').select(USER_COLUMNS).select(sql<string>`lower(name)`.as('sort_key'))
    .where('org_id', '=', orgId).orderBy(sql`lower(name)`).orderBy('id').limit(limit + 1);
  if (after) query = query.where(sql<boolean>`(lower(name), id) > (${after.key}, ${after.id}::uuid)`);
  return query.execute();
}

/**
 * The user with their password hash; null for a missing, malformed or other-org id. With `forUpdate` the row stays
 * locked until the transaction ends.
 */
export async function loadUserWithPassword(
  db: Db, orgId: string, userId: string, options: { forUpdate?: boolean } = {},
): Promise<(UserRow & { password_hash: string }) | null> {
  if (!isUuid(userId)) return null;
  let query = db.selectFrom('users').select([...USER_COLUMNS, 'password_hash']).where('org_id', '=', orgId).where('id', '=', userId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ?? null;
}

/** Sets name and e-mail; a taken e-mail fails with the database's unique violation (users_email_key). */
export async function updateUserProfile(trx: Db, orgId: string, userId: string, profile: { name: string; email: string }): Promise<UserRow> {
  return trx.updateTable('users').set({ name: profile.name, email: profile.email })
    .where('org_id', '=', orgId).where('id', '=', userId).returning(USER_COLUMNS).executeTakeFirstOrThrow();
}

export async function updateUserPassword(trx: Db, orgId: string, userId: string, passwordHash: string): Promise<void> {
  await trx.updateTable('users').set({ password_hash: passwordHash }).where('org_id', '=', orgId).where('id', '=', userId).execute();
}
