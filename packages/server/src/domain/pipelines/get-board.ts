// GET /pipelines/:id/board (`pipeline.view`; spec §6.6, D33). The cards shown are those whose contact the caller sees
// at `profile` or more and that is not in the trash: the core's compiled `contact.view` policy over live states,
// rendered on the card's joined contact in one statement (storage/pipeline-board-queries.ts), which also counts every
// live card per stage in the same snapshot: `hiddenCount` is that count minus the visible one; totals add visible
// values only.
import { compileFilter, LIVE_STATES, type ActorContext } from '@tandem/core';
import { loadContacts } from '../../storage/contact-queries.ts';
import { selectBoard, type BoardCardRow } from '../../storage/pipeline-board-queries.ts';
import type { StageRow } from '../../storage/pipeline-queries.ts';
import { readForList } from '../../storage/replica.ts';
import type { Deps } from '../shared/deps.ts';
import { cardActions, type CardAction } from './card-access.ts';
import { loadPipelineOrThrow, pipelineViewOf, type PipelineView } from './pipeline-view.ts';

export type BoardCard = BoardCardRow & { actions: CardAction[] };
export type BoardStage = StageRow & { cards: BoardCard[]; visibleCount: number; hiddenCount: number; totalValue: string };
export type BoardView = { pipeline: PipelineView; stages: BoardStage[] };

export const BOARD_LIMIT = { default: 100, max: 500 } as const;

export async function getBoard(deps: Deps, ctx: ActorContext, pipelineId: string, limit: number = BOARD_LIMIT.default): Promise<BoardView> {
  const { db } = deps;
  const pipeline = await pipelineViewOf(db, ctx, await loadPipelineOrThrow(db, ctx, pipelineId, 'view'));
  const policy = compileFilter(ctx, 'contact.view', [...LIVE_STATES]);
  // The cards and their contacts' facts may be read on a read replica that has replayed the primary's writes as of now
  // (D49); the pipeline itself was decided on the primary.
  const { cards, tallies, contacts } = await readForList(deps, async (reader) => {
    const board = await selectBoard(reader, ctx.actor.orgId, pipeline.row.id, policy, Math.min(limit, BOARD_LIMIT.max));
    // The facts of the shown cards' contacts only (at most `limit` per stage), for each card's actions.
    return { ...board, contacts: await loadContacts(reader, ctx, [...new Set(board.cards.map((c) => c.contact_id))]) };
  });
  const byStage = new Map<string, BoardCard[]>();
  for (const card of cards) {
    const list = byStage.get(card.stage_id) ?? [];
    list.push({ ...card, actions: cardActions(ctx, contacts.get(card.contact_id)?.facts) });
    byStage.set(card.stage_id, list);
  }
  const stages = pipeline.stages.map((stage): BoardStage => {
    const tally = tallies.get(stage.id) ?? { live: 0, visibleCount: 0, totalValue: '0' };
    const hiddenCount = tally.live - tally.visibleCount;
    return { ...stage, cards: byStage.get(stage.id) ?? [], visibleCount: tally.visibleCount, hiddenCount, totalValue: tally.totalValue };
  });
  return { pipeline, stages };
}
