// DELETE /pipelines/:id (`pipeline.manage`: the owner or an admin): the pipeline goes with its stages, cards and
// shares (cascade). The entry keeps the name, the stages and how many cards went, never which contacts they named.
import type { ActorContext } from '@tandem/core';
import { deleteHandShared } from '../../storage/hand-shared-queries.ts';
import { countCards, loadStages } from '../../storage/pipeline-queries.ts';
import type { Deps } from '../shared/deps.ts';
import { auditPipeline, pipelineSnapshot } from './pipeline-audit.ts';
import { loadPipelineOrThrow } from './pipeline-view.ts';

export async function deletePipeline(deps: Deps, ctx: ActorContext, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { orgId } = ctx.actor;
    const pipeline = await loadPipelineOrThrow(trx, ctx, id, 'manage', { forUpdate: true });
    const stages = (await loadStages(trx, orgId, [pipeline.row.id])).get(pipeline.row.id) ?? [];
    const cardCount = await countCards(trx, orgId, pipeline.row.id);
    await deleteHandShared(trx, 'pipeline', orgId, pipeline.row.id);
    await auditPipeline(trx, ctx, 'delete', pipeline.row.id, { ...pipelineSnapshot(pipeline.row.name, stages), cardCount }, null);
  });
}
