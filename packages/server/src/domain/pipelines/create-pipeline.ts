// POST /pipelines: a pipeline owned by the caller with its stages in the order given; private until shared (D31).
import type { ActorContext } from '@tandem/core';
import { insertHandShared, loadHandShared } from '../../storage/hand-shared-queries.ts';
import { insertStage } from '../../storage/pipeline-queries.ts';
import { handSharedView } from '../hand-shared/hand-shared-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { auditPipeline, pipelineSnapshot } from './pipeline-audit.ts';
import { pipelineViewOf, type PipelineView } from './pipeline-view.ts';
import { assertDistinctStages, type StageInput } from './stage-list.ts';

export type NewPipeline = { name: string; stages: StageInput[] };

export async function createPipeline(deps: Deps, ctx: ActorContext, input: NewPipeline): Promise<PipelineView> {
  // A new pipeline has no stages to keep: an id given is one the caller cannot mean.
  assertDistinctStages(input.stages, []);
  return deps.db.transaction().execute(async (trx) => {
    const { orgId, userId } = ctx.actor;
    const id = await insertHandShared(trx, 'pipeline', orgId, userId, input.name, ctx.now);
    for (const [position, stage] of input.stages.entries()) await insertStage(trx, orgId, id, stage.name, position);
    const record = await loadHandShared(trx, 'pipeline', orgId, id);
    if (!record) throw new Error('the pipeline just inserted is missing');
    const view = await pipelineViewOf(trx, ctx, handSharedView(ctx, 'pipeline', record));
    await auditPipeline(trx, ctx, 'create', id, null, pipelineSnapshot(view.row.name, view.stages));
    return view;
  });
}
