// GET /pipelines: the pipelines the caller may see (owner, admin, active shares), by name, keyset paged; the list is
// the hand-shared `pipeline.view` policy (domain/hand-shared/list-hand-shared.ts), each with its stages.
import type { ActorContext } from '@tandem/core';
import type { Page } from '../contacts/list-contacts.ts';
import { listVisible } from '../hand-shared/list-hand-shared.ts';
import type { Deps } from '../shared/deps.ts';
import { withStages, type PipelineView } from './pipeline-view.ts';

export async function listPipelines(deps: Deps, ctx: ActorContext, limit: number, cursor?: string): Promise<Page<PipelineView>> {
  const page = await listVisible(deps, ctx, 'pipeline', limit, cursor);
  return { items: await withStages(deps.db, ctx.actor.orgId, page.items), nextCursor: page.nextCursor };
}
