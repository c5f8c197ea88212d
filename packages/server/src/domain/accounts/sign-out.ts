// DELETE /sessions/current: revokes the credential the request was made with (a session, or an API token when a
// script signs out with one). Revocation is a timestamp, so the row stays for the record.
import { revokeSession } from '../../storage/session-queries.ts';
import type { Deps, Moment } from '../shared/deps.ts';

export async function signOut(deps: Deps, ctx: Moment, auth: { orgId: string; sessionId: string }): Promise<void> {
  await revokeSession(deps.db, auth.orgId, auth.sessionId, ctx.now);
}
