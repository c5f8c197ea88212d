// POST /invitations/lookup (anyone holding a link): what the accept page shows before the password is chosen: the
// org, the name and e-mail invited, the role, until when. Same 404 as accepting for a link that cannot be accepted.
import { loadInvitationByTokenHash, type InvitationByLink } from '../../storage/invitation-queries.ts';
import { linkTokenHash } from '../accounts/one-time-link.ts';
import type { Deps, Moment } from '../shared/deps.ts';
import { openInvitationOrThrow } from './accept-invitation.ts';

export async function readInvitationLink(deps: Deps, ctx: Moment, token: string): Promise<InvitationByLink> {
  return openInvitationOrThrow(await loadInvitationByTokenHash(deps.db, linkTokenHash(token)), ctx.now);
}
