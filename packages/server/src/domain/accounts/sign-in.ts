// POST /sessions: e-mail and password in, a session out. A wrong e-mail, a wrong password and a deactivated user
// get the same 401 TANDEM_AUTH_INVALID_CREDENTIALS after the same argon2 work, so the answer tells nothing.
import { AppError } from '../../errors.ts';
import type { UserRow } from '../../storage/rows.ts';
import { loadUserByEmail } from '../../storage/user-queries.ts';
import type { Deps, Moment } from '../shared/deps.ts';
import { openSession } from './open-session.ts';
import { verifyPassword } from './passwords.ts';
import { normalizeEmail } from '../users/user-guard.ts';

export async function signIn(deps: Deps, ctx: Moment, input: { email: string; password: string }): Promise<{ token: string; user: UserRow }> {
  const found = await loadUserByEmail(deps.db, normalizeEmail(input.email));
  const passwordOk = await verifyPassword(found?.password_hash ?? null, input.password);
  if (!found || !passwordOk || found.status !== 'active') throw new AppError('TANDEM_AUTH_INVALID_CREDENTIALS');
  const { token } = await openSession(deps.db, found.org_id, found.id, ctx.now);
  const { org_id: _org, password_hash: _hash, ...user } = found;
  return { token, user };
}
