// Reads shared by the user use cases. Every read names the org: nothing crosses an organisation.
import { sql } from 'kysely';
import { AppError } from '../../errors.ts';
import { USER_COLUMNS, type UserRow } from '../../http/serializers/user.ts';
import type { Db } from '../../storage/connect.ts';
import { isId } from '../shared/admin-guard.ts';

/** E-mails are stored trimmed and lower-cased; uniqueness is global and case-insensitive (users_email_key). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function ensureEmailFree(db: Db, email: string): Promise<void> {
  const taken = await db.selectFrom('users').select('id').where(sql`lower(email)`, '=', normalizeEmail(email)).executeTakeFirst();
  if (taken) throw new AppError('TANDEM_USER_EMAIL_TAKEN');
}

/** The user, or 404 for a missing, malformed or other-org id alike. */
export async function loadUserOrThrow(db: Db, orgId: string, userId: string): Promise<UserRow> {
  if (!isId(userId)) throw new AppError('TANDEM_USER_NOT_FOUND');
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst();
  if (!row) throw new AppError('TANDEM_USER_NOT_FOUND');
  return row;
}

/** Checks that every id names a user of the org (any status); answers 404 for the first that does not. */
export async function ensureUsersInOrg(db: Db, orgId: string, userIds: readonly string[]): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const bad = unique.find((id) => !isId(id));
  if (bad !== undefined) throw new AppError('TANDEM_USER_NOT_FOUND', `User ${bad} not found`);
  const rows = await db.selectFrom('users').select('id').where('org_id', '=', orgId).where('id', 'in', unique).execute();
  const found = new Set(rows.map((r) => r.id));
  const missing = unique.find((id) => !found.has(id));
  if (missing !== undefined) throw new AppError('TANDEM_USER_NOT_FOUND', `User ${missing} not found`);
}

export async function countActiveAdmins(db: Db, orgId: string): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId).where('role', '=', 'admin').where('status', '=', 'active').executeTakeFirstOrThrow();
  return Number(row.n);
}
