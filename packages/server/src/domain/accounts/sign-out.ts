// DELETE /sessions/current: revokes the credential the request was made with (a session, or an API token when a
// script signs out with one). Revocation is a timestamp, so the row stays for the record.
import type { Deps, Moment } from '../shared/deps.ts';

export async function signOut(deps: Deps, ctx: Moment, auth: { orgId: string; sessionId: string }): Promise<void> {
  await deps.db.updateTable('sessions').set({ revoked_at: new Date(ctx.now) })
    .where('org_id', '=', auth.orgId).where('id', '=', auth.sessionId).where('revoked_at', 'is', null).execute();
}
