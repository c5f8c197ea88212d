// Turns a core decision on one contact into the answer the API gives (spec §1.7): not visible → 404, exactly as a
// missing or malformed id; visible but the action is not allowed → 403; allowed in another state only (restore of
// a contact that is not in the trash, edit of a trashed one) → 409. Every rule comes from @tandem/core.
import { decide, requirementFor, type ActorContext, type ContactAction, type ContactFacts } from '@tandem/core';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import type { ContactWithFacts } from '../../storage/contact-facts.ts';
import { loadContact } from '../../storage/contact-read.ts';
import { tallyDecision } from '../../observability/access-tally.ts';

export function contactNotFound(): AppError {
  return new AppError('TANDEM_CONTACT_NOT_FOUND');
}

/** Why a visible contact refuses `action`: the wrong state (409) when the core allows it in a state it needs. */
export function refusalFor(ctx: ActorContext, action: ContactAction, facts: ContactFacts): AppError {
  const { states } = requirementFor(action, ctx);
  if (!states.includes(facts.state)) {
    const allowedElsewhere = states.some((state) => decide(ctx, action, { ...facts, state }).allowed);
    if (allowedElsewhere) return new AppError('TANDEM_CONTACT_WRONG_STATE', `This contact is ${facts.state}.`);
  }
  return new AppError('TANDEM_ACCESS_FORBIDDEN');
}

/** The API's answer when the actor may not take `action` on the contact (404 when absent or invisible), else null. */
export function contactRefusal(ctx: ActorContext, action: ContactAction, facts: ContactFacts | undefined): AppError | null {
  if (!facts) return contactNotFound();
  const decision = tallyDecision(action, decide(ctx, action, facts));
  if (!decision.visible) return contactNotFound();
  return decision.allowed ? null : refusalFor(ctx, action, facts);
}

/** Throws the API's answer unless the actor may take `action` on the contact. */
export function assertContactAction(ctx: ActorContext, action: ContactAction, facts: ContactFacts): void {
  const refusal = contactRefusal(ctx, action, facts);
  if (refusal) throw refusal;
}

/** Checks `action` on a contact read (or not found) by id: 404 when absent or invisible, else as `assertContactAction`. */
export function contactOrThrow<T extends { facts: ContactFacts }>(ctx: ActorContext, found: T | undefined, action: ContactAction): T {
  if (!found) throw contactNotFound();
  assertContactAction(ctx, action, found.facts);
  return found;
}

/** Loads one contact with its facts and owner's name (one statement) and checks `action` on it. */
export async function loadContactOrThrow(db: Db, ctx: ActorContext, id: string, action: ContactAction): Promise<ContactWithFacts> {
  return contactOrThrow(ctx, await loadContact(db, ctx, id), action);
}

/** A wrong-state refusal for actions whose state rule is finer than the core's (archive an archived contact). */
export function wrongState(detail: string): AppError {
  return new AppError('TANDEM_CONTACT_WRONG_STATE', detail);
}
