// The checks every record-share change shares (spec §6.1), on top of @tandem/core's decideShareChange:
//   - the grantee is a user or team of the org (404 otherwise) and not the contact's owner (400);
//   - a window, when given, ends after it starts and has not already ended (400; `assertWindow` of shared/time.ts);
//   - a share lives on when its creator loses access; it is then the owner's or an admin's to change or revoke:
//     another editor gets 403 while the creator no longer holds `contact.share` on the contact.
import { assertNever, decide, decideShareChange, type ActorContext, type Grantee, type ShareLevel } from '@tandem/core';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import { loadContacts, type ContactWithFacts } from '../../storage/contact-queries.ts';
import { loadActorContext } from '../../storage/load-actor-context.ts';
import { loadUserBrief, teamExists } from '../../storage/share-queries.ts';
import { contactNotFound, refusalFor } from '../contacts/contact-guard.ts';

/** Answers the API's refusal unless the core allows the actor to hold and give each of `levels`. */
export function assertShareChange(ctx: ActorContext, contact: ContactWithFacts, levels: ShareLevel[]): void {
  const decision = decideShareChange(ctx, contact.facts, levels);
  if (decision.allowed) return;
  switch (decision.reason) {
    case 'not_visible':
      throw contactNotFound();
    case 'not_allowed':
      throw refusalFor(ctx, 'contact.share', contact.facts);
    case 'above_own_level':
      throw new AppError('TANDEM_SHARE_ABOVE_OWN_LEVEL', `You hold ${decision.level} on this contact and cannot give more.`);
    default:
      assertNever(decision.reason);
  }
}

/** The grantee, normalised; `ownerId` (a contact's owner) may not be named: they hold everything already. */
export async function assertGranteeInOrg(db: Db, orgId: string, grantee: Grantee, ownerId: string | null): Promise<Grantee> {
  const found = await granteeInOrgOrThrow(db, orgId, grantee);
  assertGranteeNotOwner(found, ownerId);
  return found;
}

/** The grantee, normalised: a user or team of the org (404 otherwise). */
export async function granteeInOrgOrThrow(db: Db, orgId: string, grantee: Grantee): Promise<Grantee> {
  if ('userId' in grantee) {
    const user = await loadUserBrief(db, orgId, grantee.userId.toLowerCase());
    if (!user) throw new AppError('TANDEM_USER_NOT_FOUND');
    return { userId: user.id };
  }
  const teamId = grantee.teamId.toLowerCase();
  if (!(await teamExists(db, orgId, teamId))) throw new AppError('TANDEM_TEAM_NOT_FOUND');
  return { teamId };
}

/** A record share may not name the contact's owner (400). */
export function assertGranteeNotOwner(grantee: Grantee, ownerId: string | null): void {
  if ('userId' in grantee && grantee.userId === ownerId) throw new AppError('TANDEM_SHARE_GRANTEE_IS_OWNER');
}

/** Spec §6.1: once the creator has lost the right to share the contact, only the owner or an admin may touch it. */
export async function assertMayTouchShare(db: Db, ctx: ActorContext, contact: ContactWithFacts, createdBy: string | null): Promise<void> {
  const { actor } = ctx;
  if (actor.role === 'admin' || contact.row.owner_id === actor.userId || createdBy === actor.userId) return;
  const creator = createdBy ? await loadActorContext(db, actor.orgId, createdBy, ctx.now) : null;
  const facts = creator ? (await loadContacts(db, creator, [contact.row.id])).get(contact.row.id) : undefined;
  if (creator && facts && decide(creator, 'contact.share', facts.facts).allowed) return;
  throw new AppError('TANDEM_ACCESS_FORBIDDEN', 'The person who made this share no longer has access; only the owner or an admin may change it.');
}
