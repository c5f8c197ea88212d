// Pipeline, card and board answers from domain views; the shapes are @tandem/api's pipeline.ts. A board's stage
// carries only counts for the cards it does not show: the view holds nothing else of them.
import type { BoardDto, PipelineCardDto, PipelineDto } from '@tandem/api';
import type { BoardView } from '../../domain/pipelines/get-board.ts';
import type { PipelineView } from '../../domain/pipelines/pipeline-view.ts';
import type { CardView } from '../../domain/pipelines/update-card.ts';
import { handSharedCommon } from './hand-shared.ts';

export function toPipelineDto(view: PipelineView): PipelineDto {
  return { ...handSharedCommon(view), stages: view.stages.map((s) => ({ id: s.id, name: s.name })) };
}

export function toCardDto(card: CardView): PipelineCardDto {
  return {
    id: card.id, pipelineId: card.pipeline_id, contactId: card.contact_id, contactName: card.contact_name, stageId: card.stage_id,
    title: card.title, value: card.value === null ? null : Number(card.value), expectedCloseOn: card.expected_close_on,
    position: card.position, createdBy: card.created_by,
    createdAt: new Date(card.created_at).toISOString(), updatedAt: new Date(card.updated_at).toISOString(),
    access: { actions: card.actions },
  };
}

export function toBoardDto(board: BoardView): BoardDto {
  return {
    pipeline: toPipelineDto(board.pipeline),
    stages: board.stages.map((s) => ({
      id: s.id, name: s.name, cards: s.cards.map(toCardDto),
      visibleCount: s.visibleCount, hiddenCount: s.hiddenCount, totalValue: Number(s.totalValue),
    })),
  };
}
