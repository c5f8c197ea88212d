// DELETE /sessions/current: revokes the credential the request was made with (a session, or an API token when a
// script signs out with one). Revocation is a timestamp, so the row stays for the record.
import type { Deps } from './accounts-guards.ts';

export async function signOut(deps: Deps, auth: { orgId: string; sessionId: string }): Promise<void> {
  await deps.db.updateTable('sessions').set({ revoked_at: new Date(deps.clock.now()) })
    .where('org_id', '=', auth.orgId).where('id', '=', auth.sessionId).where('revoked_at', 'is', null).execute();
}
