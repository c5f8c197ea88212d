// Who a command-line export acts as: the user with this e-mail, as the API would see them signed in.
import type { ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import { loadActorContext } from '../../storage/load-actor-context.ts';
import { loadUserByEmail } from '../../storage/user-queries.ts';

export type ExportActor = { ctx: ActorContext } | { missing: 'no-such-user' | 'deactivated' };

/** The active user with `email` (any case), at `now`. A deactivated user could not sign in: no actor. */
export async function exportActorByEmail(db: Db, email: string, now: number): Promise<ExportActor> {
  const user = await loadUserByEmail(db, email.trim().toLowerCase());
  if (!user) return { missing: 'no-such-user' };
  if (user.status !== 'active') return { missing: 'deactivated' };
  const ctx = await loadActorContext(db, user.org_id, user.id, now);
  return ctx ? { ctx } : { missing: 'no-such-user' };
}
