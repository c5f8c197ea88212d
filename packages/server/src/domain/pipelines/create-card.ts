// POST /pipelines/:id/cards (spec §6.6): `pipeline.view` on the pipeline (else 404 TANDEM_PIPELINE_NOT_FOUND) and
// `contact.edit` on the card's contact (404 TANDEM_CONTACT_NOT_FOUND when invisible or missing, 403, or 409 when
// trashed); the stage must be one of this pipeline's (400). The card goes to the bottom of its stage.
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { insertCard, loadCard, lockPipeline, lockStageOf, nextPosition } from '../../storage/pipeline-queries.ts';
import { loadContactOrThrow } from '../contacts/contact-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { cardActions } from './card-access.ts';
import { auditCard, cardSnapshot } from './pipeline-audit.ts';
import { loadPipelineOrThrow } from './pipeline-view.ts';
import type { CardView } from './update-card.ts';

export type NewCard = { contactId: string; stageId: string; title: string; value?: number | null | undefined; expectedCloseOn?: string | null | undefined };

export async function createCard(deps: Deps, ctx: ActorContext, pipelineId: string, input: NewCard): Promise<CardView> {
  return deps.db.transaction().execute(async (trx) => {
    const { orgId, userId } = ctx.actor;
    // The pipeline first (D33, lock order); a missing one is answered by the guard below.
    await lockPipeline(trx, orgId, pipelineId, 'key share');
    const pipeline = await loadPipelineOrThrow(trx, ctx, pipelineId, 'view');
    const contact = await loadContactOrThrow(trx, ctx, input.contactId, 'contact.edit');
    if (!(await lockStageOf(trx, orgId, pipeline.row.id, input.stageId))) throw new AppError('TANDEM_INPUT_INVALID', 'The stage is not a stage of this pipeline.');
    const stageId = input.stageId.toLowerCase();
    const values = { stageId, title: input.title, value: input.value ?? null, expectedCloseOn: input.expectedCloseOn ?? null, position: await nextPosition(trx, orgId, stageId) };
    const id = await insertCard(trx, orgId, pipeline.row.id, contact.row.id, values, userId, ctx.now);
    const card = await loadCard(trx, orgId, id);
    if (!card) throw new Error('the card just inserted is missing');
    await auditCard(trx, ctx, 'create', id, null, cardSnapshot(card));
    return { ...card, contact_name: contact.row.name, actions: cardActions(ctx, contact.facts) };
  });
}
