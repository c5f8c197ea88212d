// A pipeline as every answer shows it (spec §6.6, D33): the hand-shared record with the caller's access and its
// sources' names, and its stages in board order. Access is the core's `pipeline.view | .edit | .manage` through the
// hand-shared guard; this file only adds the stages.
import type { ActorContext, HandSharedVerb } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import { loadStages, type StageRow } from '../../storage/pipeline-queries.ts';
import { loadHandSharedOrThrow, withSourceNames, type HandSharedView, type NamedHandSharedView } from '../hand-shared/hand-shared-guard.ts';

export type PipelineView = NamedHandSharedView & { stages: StageRow[] };

/** The views with their sources' names and stages: a fixed number of statements for a whole page. */
export async function withStages(db: Db, orgId: string, views: HandSharedView[]): Promise<PipelineView[]> {
  const named = await withSourceNames(db, orgId, views);
  const stages = await loadStages(db, orgId, views.map((v) => v.row.id));
  return named.map((v) => ({ ...v, stages: stages.get(v.row.id) ?? [] }));
}

/** One pipeline the caller may `verb`, with its stages: 404 when they cannot see it, 403 when they may not. */
export async function loadPipelineOrThrow(db: Db, ctx: ActorContext, id: string, verb: HandSharedVerb, options: { forUpdate?: boolean } = {}): Promise<HandSharedView> {
  return loadHandSharedOrThrow(db, ctx, 'pipeline', id, verb, options);
}

export async function pipelineViewOf(db: Db, ctx: ActorContext, view: HandSharedView): Promise<PipelineView> {
  const [out] = await withStages(db, ctx.actor.orgId, [view]);
  if (!out) throw new Error('withStages answers one view per view');
  return out;
}
