// PATCH /pipeline-cards/:id (spec §6.6): a patch of `stageId` and/or `position` alone is a move and needs
// `contact.moveCard` (collaborate on the card's contact); any other field needs `contact.edit`. Both need the pipeline
// visible (card-guard.ts: one 404 for missing, invisible pipeline, invisible contact). A move to another stage
// without a position goes to the bottom of that stage. Audited as `pipeline.card.move` or `.update`; a patch that
// changes nothing writes no entry.
import type { ActorContext } from '@tandem/core';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../errors.ts';
import { loadCard, lockStageOf, nextPosition, updateCard as writeCard, type CardRow } from '../../storage/pipeline-queries.ts';
import type { Deps } from '../shared/deps.ts';
import { cardActions, type CardAction } from './card-access.ts';
import { loadCardOrThrow } from './card-guard.ts';
import { auditCard, cardSnapshot } from './pipeline-audit.ts';

export type CardView = CardRow & { contact_name: string; actions: CardAction[] };
export type CardPatch = {
  stageId?: string | undefined; position?: number | undefined; title?: string | undefined;
  value?: number | null | undefined; expectedCloseOn?: string | null | undefined;
};

const MOVE_FIELDS = new Set(['stageId', 'position']);

export function isMoveOnly(patch: CardPatch): boolean {
  return Object.entries(patch).every(([key, value]) => value === undefined || MOVE_FIELDS.has(key));
}

export async function updateCard(deps: Deps, ctx: ActorContext, cardId: string, patch: CardPatch): Promise<CardView> {
  const move = isMoveOnly(patch);
  return deps.db.transaction().execute(async (trx) => {
    const { orgId } = ctx.actor;
    const { card, contact } = await loadCardOrThrow(trx, ctx, cardId, move ? 'contact.moveCard' : 'contact.edit', { forUpdate: true });
    const stageId = patch.stageId === undefined ? card.stage_id : patch.stageId.toLowerCase();
    if (stageId !== card.stage_id && !(await lockStageOf(trx, orgId, card.pipeline_id, stageId))) {
      throw new AppError('TANDEM_INPUT_INVALID', 'The stage is not a stage of this card\'s pipeline.');
    }
    const position = patch.position ?? (stageId === card.stage_id ? card.position : await nextPosition(trx, orgId, stageId));
    const values = {
      stageId, position, title: patch.title ?? card.title,
      value: patch.value === undefined ? (card.value === null ? null : Number(card.value)) : patch.value,
      expectedCloseOn: patch.expectedCloseOn === undefined ? card.expected_close_on : patch.expectedCloseOn,
    };
    const before = cardSnapshot(card);
    const unchanged = isDeepStrictEqual(before, { ...before, stageId, position, title: values.title, value: values.value, expectedCloseOn: values.expectedCloseOn });
    if (unchanged) return { ...card, contact_name: contact.row.name, actions: cardActions(ctx, contact.facts) };
    await writeCard(trx, orgId, card.id, values, ctx.now);
    const after = await loadCard(trx, orgId, card.id);
    if (!after) throw new Error('the card being changed is missing');
    await auditCard(trx, ctx, move ? 'move' : 'update', card.id, before, cardSnapshot(after));
    return { ...after, contact_name: contact.row.name, actions: cardActions(ctx, contact.facts) };
  });
}
