// Audit entries of pipelines and their cards (spec §10): `pipeline.create | .update | .delete` on the pipeline,
// `pipeline.card.create | .update | .move | .delete` on the card (target type `pipeline_card`). Snapshots hold ids,
// the card's own fields and the stage list; never a contact's name (the audit log is read by admins, who see every
// contact at `profile` and so every card of a board they can open; a name still does not belong in the chain).
import type { ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import type { CardRow, StageRow } from '../../storage/pipeline-queries.ts';
import { auditChange } from '../hand-shared/hand-shared-audit.ts';

export function pipelineSnapshot(name: string, stages: readonly Pick<StageRow, 'id' | 'name'>[]) {
  return { name, stages: stages.map((s) => ({ id: s.id, name: s.name })) };
}

export function cardSnapshot(card: CardRow) {
  return {
    pipelineId: card.pipeline_id, stageId: card.stage_id, contactId: card.contact_id, title: card.title,
    value: card.value === null ? null : Number(card.value), expectedCloseOn: card.expected_close_on, position: card.position,
  };
}

export async function auditPipeline(trx: Db, ctx: ActorContext, action: 'create' | 'update' | 'delete', pipelineId: string, before: unknown, after: unknown): Promise<void> {
  await auditChange(trx, ctx, `pipeline.${action}`, 'pipeline', pipelineId, before, after);
}

export async function auditCard(trx: Db, ctx: ActorContext, action: 'create' | 'update' | 'move' | 'delete', cardId: string, before: unknown, after: unknown): Promise<void> {
  await auditChange(trx, ctx, `pipeline.card.${action}`, 'pipeline_card', cardId, before, after);
}
