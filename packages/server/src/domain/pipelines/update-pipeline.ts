// PATCH /pipelines/:id (`pipeline.edit`): a new name and/or a new stage list (stage-list.ts). The pipeline row and its
// stages are locked first, so concurrent changes of one pipeline run one after the other and a card written on a
// stage being removed is either found (409) or refused (its stage is gone). A change that changes nothing writes no
// audit entry.
import type { ActorContext } from '@tandem/core';
import { isDeepStrictEqual } from 'node:util';
import { loadHandShared, touchHandShared } from '../../storage/hand-shared-queries.ts';
import { loadStages, lockPipeline } from '../../storage/pipeline-queries.ts';
import { handSharedView } from '../hand-shared/hand-shared-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { auditPipeline, pipelineSnapshot } from './pipeline-audit.ts';
import { loadPipelineOrThrow, pipelineViewOf, type PipelineView } from './pipeline-view.ts';
import { replaceStages, type StageInput } from './stage-list.ts';

export type PipelinePatch = { name?: string | undefined; stages?: StageInput[] | undefined };

export async function updatePipeline(deps: Deps, ctx: ActorContext, id: string, patch: PipelinePatch): Promise<PipelineView> {
  return deps.db.transaction().execute(async (trx) => {
    const { orgId } = ctx.actor;
    // FOR NO KEY UPDATE: changes of the list run one at a time, while card writes (FOR KEY SHARE) go on (D33).
    await lockPipeline(trx, orgId, id, 'no key update');
    const pipeline = await loadPipelineOrThrow(trx, ctx, id, 'edit');
    const current = (await loadStages(trx, orgId, [pipeline.row.id], { forUpdate: true })).get(pipeline.row.id) ?? [];
    const before = pipelineSnapshot(pipeline.row.name, current);
    const stagesChanged = patch.stages ? await replaceStages(trx, orgId, pipeline.row.id, current, patch.stages) : false;
    const renamed = patch.name !== undefined && patch.name !== pipeline.row.name;
    if (!stagesChanged && !renamed) return pipelineViewOf(trx, ctx, pipeline);
    await touchHandShared(trx, 'pipeline', orgId, pipeline.row.id, ctx.now, patch.name);
    const record = await loadHandShared(trx, 'pipeline', orgId, pipeline.row.id);
    if (!record) throw new Error('the pipeline being changed is missing');
    const view = await pipelineViewOf(trx, ctx, handSharedView(ctx, 'pipeline', record));
    const after = pipelineSnapshot(view.row.name, view.stages);
    if (!isDeepStrictEqual(before, after)) await auditPipeline(trx, ctx, 'update', pipeline.row.id, before, after);
    return view;
  });
}
