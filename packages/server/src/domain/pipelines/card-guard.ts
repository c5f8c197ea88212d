// Loads a card as the caller may know it (spec §6.6, docs/permissions.md): a card answers exactly as its contact
// does. Missing, on a pipeline the caller cannot see, or on a contact the caller cannot see: one 404
// (TANDEM_PIPELINE_CARD_NOT_FOUND, the same body for the three, so nothing tells them apart). A visible card the
// caller may not change: 403, or 409 when its contact is in the trash (as the contact itself would answer).
import { decide, type ActorContext, type ContactAction } from '@tandem/core';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import type { ContactWithFacts } from '../../storage/contact-queries.ts';
import { loadContact } from '../../storage/contact-read.ts';
import { loadHandShared } from '../../storage/hand-shared-queries.ts';
import { loadCard, lockPipeline, type CardRow } from '../../storage/pipeline-queries.ts';
import { refusalFor } from '../contacts/contact-guard.ts';

export type GuardedCard = { card: CardRow; contact: ContactWithFacts };

export function cardNotFound(): AppError {
  return new AppError('TANDEM_PIPELINE_CARD_NOT_FOUND');
}

export async function loadCardOrThrow(db: Db, ctx: ActorContext, id: string, action: ContactAction, options: { forUpdate?: boolean } = {}): Promise<GuardedCard> {
  const { orgId } = ctx.actor;
  let card = await loadCard(db, orgId, id);
  if (card && options.forUpdate) {
    // A write locks the card's pipeline before the card (D33, lock order), then reads the card again, locked.
    await lockPipeline(db, orgId, card.pipeline_id, 'key share');
    card = await loadCard(db, orgId, card.id, { forUpdate: true });
  }
  if (!card) throw cardNotFound();
  const pipeline = await loadHandShared(db, 'pipeline', orgId, card.pipeline_id);
  if (!pipeline || !decide(ctx, 'pipeline.view', pipeline.facts).allowed) throw cardNotFound();
  const contact = await loadContact(db, ctx, card.contact_id);
  if (!contact || !decide(ctx, 'contact.view', contact.facts).visible) throw cardNotFound();
  if (!decide(ctx, action, contact.facts).allowed) throw refusalFor(ctx, action, contact.facts);
  return { card, contact };
}
