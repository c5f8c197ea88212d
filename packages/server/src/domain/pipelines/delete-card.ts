// DELETE /pipeline-cards/:id (spec §6.6): `contact.edit` on the card's contact and the pipeline visible
// (card-guard.ts). Audited as `pipeline.card.delete` with the card's fields (ids, never the contact's name).
import type { ActorContext } from '@tandem/core';
import { deleteCard as removeCard } from '../../storage/pipeline-queries.ts';
import type { Deps } from '../shared/deps.ts';
import { loadCardOrThrow } from './card-guard.ts';
import { auditCard, cardSnapshot } from './pipeline-audit.ts';

export async function deleteCard(deps: Deps, ctx: ActorContext, cardId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { card } = await loadCardOrThrow(trx, ctx, cardId, 'contact.edit', { forUpdate: true });
    await removeCard(trx, ctx.actor.orgId, card.id);
    await auditCard(trx, ctx, 'delete', card.id, cardSnapshot(card), null);
  });
}
