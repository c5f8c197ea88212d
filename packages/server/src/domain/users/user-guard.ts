// Checks shared by the user use cases: each turns a storage answer into the domain's refusal. Every read names the
// org: nothing crosses an organisation.
import { AppError } from '../../errors.ts';
import { isUuid } from '../../storage/ids.ts';
import type { Db } from '../../storage/connect.ts';
import type { UserRow } from '../../storage/rows.ts';
import { existingUserIds, isEmailTaken, loadUser } from '../../storage/user-queries.ts';

/** E-mails are stored trimmed and lower-cased; uniqueness is global and case-insensitive (users_email_key). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function ensureEmailFree(db: Db, email: string): Promise<void> {
  if (await isEmailTaken(db, normalizeEmail(email))) throw new AppError('TANDEM_USER_EMAIL_TAKEN');
}

/** The user, or 404 for a missing, malformed or other-org id alike. */
export async function loadUserOrThrow(db: Db, orgId: string, userId: string): Promise<UserRow> {
  const row = await loadUser(db, orgId, userId);
  if (!row) throw new AppError('TANDEM_USER_NOT_FOUND');
  return row;
}

/** Checks that every id names a user of the org (any status); answers 404 for the first malformed id, else the first missing one. */
export async function ensureUsersInOrg(db: Db, orgId: string, userIds: readonly string[]): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const bad = unique.find((id) => !isUuid(id));
  if (bad !== undefined) throw new AppError('TANDEM_USER_NOT_FOUND', `User ${bad} not found`);
  const found = await existingUserIds(db, orgId, unique);
  const missing = unique.find((id) => !found.has(id));
  if (missing !== undefined) throw new AppError('TANDEM_USER_NOT_FOUND', `User ${missing} not found`);
}
