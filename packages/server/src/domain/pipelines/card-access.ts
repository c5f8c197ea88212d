// What the caller may do with a card (spec §6.6): move it (`contact.moveCard`, collaborate on its contact), edit or
// delete it (`contact.edit`). Decided by the core on the card's contact's facts; the pipeline only gates the board.
import { decide, type ActorContext, type ContactFacts } from '@tandem/core';

export type CardAction = 'move' | 'edit' | 'delete';

export function cardActions(ctx: ActorContext, contact: ContactFacts | undefined): CardAction[] {
  if (!contact) return [];
  const out: CardAction[] = [];
  if (decide(ctx, 'contact.moveCard', contact).allowed) out.push('move');
  if (decide(ctx, 'contact.edit', contact).allowed) out.push('edit', 'delete');
  return out;
}
