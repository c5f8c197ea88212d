// The board: a column per stage, side by side in their own horizontal scroller (a phone scrolls the board, never the
// page). Cards move by drag and drop between and within stages (@dnd-kit: pointer, touch on the handle, or the
// keyboard) or by their "Move to…" choice. While a card is dragged, the columns show where it would land; on drop the
// parent saves the move (optimistic, rolled back on refusal) and the preview stays until the board has it.
import {
  closestCorners, DndContext, DragOverlay, KeyboardSensor, PointerSensor, useSensor, useSensors,
  type Announcements, type DragEndEvent, type DragOverEvent, type DragStartEvent, type UniqueIdentifier,
} from '@dnd-kit/core';
import { arrayMove, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useEffect, useMemo, useState } from 'react';
import { findCard, moveChoices, type Board, type BoardCard } from '../board-moves.ts';
import { DraggedCard, type CardHandlers } from './BoardCard.tsx';
import { BoardColumn, STAGE_DROP_PREFIX } from './BoardColumn.tsx';
import styles from './PipelineBoard.module.css';

type Columns = Record<string, string[]>;

const columnsOf = (board: Board): Columns => Object.fromEntries(board.stages.map((s) => [s.id, s.cards.map((c) => c.id)]));

/** The stage an id stands for: a stage's drop area, or the stage a card sits in (in `columns`). */
function stageOf(id: UniqueIdentifier, columns: Columns): string | null {
  const key = String(id);
  if (key.startsWith(STAGE_DROP_PREFIX)) return key.slice(STAGE_DROP_PREFIX.length);
  return Object.keys(columns).find((stageId) => columns[stageId]?.includes(key)) ?? null;
}

export function PipelineBoard({ board, moving, onMove, handlers, onAdd }: {
  board: Board;
  moving: boolean;
  /** A card dropped at `index` of a stage (counted among that stage's other cards). */
  onMove: (cardId: string, stageId: string, index: number) => void;
  handlers: CardHandlers;
  onAdd: ((stageId: string) => void) | null;
}) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const [preview, setPreview] = useState<Columns | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  // A new board (the move saved, or rolled back, or fresh from the server) replaces the preview, unless a drag is on.
  useEffect(() => {
    if (activeId === null) setPreview(null);
  }, [board, activeId]);

  const cardsById = useMemo(() => new Map(board.stages.flatMap((s) => s.cards.map((c) => [c.id, c] as const))), [board]);
  const columns = preview ?? columnsOf(board);
  const stageName = (id: string | null) => board.stages.find((s) => s.id === id)?.name ?? 'a stage';
  const titleOf = (id: UniqueIdentifier) => cardsById.get(String(id))?.title ?? 'The card';
  const placeOf = (id: UniqueIdentifier, over: UniqueIdentifier) => {
    const stageId = stageOf(over, columns);
    const index = (columns[stageId ?? ''] ?? []).indexOf(String(id));
    return `${stageName(stageId)}${index >= 0 ? `, place ${index + 1}` : ''}`;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${titleOf(active.id)} in ${stageName(stageOf(active.id, columns))}.`,
    onDragOver: ({ active, over }) => (over ? `${titleOf(active.id)} is over ${placeOf(active.id, over.id)}.` : `${titleOf(active.id)} is over no stage.`),
    onDragEnd: ({ active, over }) => (over ? `${titleOf(active.id)} dropped in ${placeOf(active.id, over.id)}.` : `${titleOf(active.id)} put back.`),
    onDragCancel: ({ active }) => `Moving ${titleOf(active.id)} cancelled; it is back where it was.`,
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    setActiveId(String(active.id));
    setPreview(columnsOf(board));
  };

  // Across stages the card changes lists as soon as it is over another one, so that list makes room for it.
  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return;
    setPreview((current) => {
      const cols = current ?? columnsOf(board);
      const from = stageOf(active.id, cols);
      const to = stageOf(over.id, cols);
      if (!from || !to || from === to) return cols;
      const target = (cols[to] ?? []).filter((id) => id !== active.id);
      const overIndex = target.indexOf(String(over.id));
      const below = active.rect.current.translated && over.rect ? active.rect.current.translated.top > over.rect.top + over.rect.height / 2 : false;
      const index = overIndex < 0 ? target.length : overIndex + (below ? 1 : 0);
      target.splice(index, 0, String(active.id));
      return { ...cols, [from]: (cols[from] ?? []).filter((id) => id !== active.id), [to]: target };
    });
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const cols = preview ?? columnsOf(board);
    setActiveId(null);
    const stageId = over ? stageOf(over.id, cols) : null;
    if (!over || !stageId) return setPreview(null);
    let items = cols[stageId] ?? [];
    const from = items.indexOf(String(active.id));
    const to = items.indexOf(String(over.id));
    if (from >= 0 && to >= 0 && from !== to) items = arrayMove(items, from, to);
    const index = items.indexOf(String(active.id));
    if (index < 0) return setPreview(null);
    const found = findCard(board, String(active.id));
    if (found && found.stage.id === stageId && found.index === index) return setPreview(null);
    setPreview({ ...cols, [stageId]: items });
    onMove(String(active.id), stageId, index);
  };

  const active = activeId ? cardsById.get(activeId) : undefined;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setActiveId(null);
        setPreview(null);
      }}
      accessibility={{
        announcements,
        screenReaderInstructions: { draggable: 'To move a card, press Space to pick it up, use the arrow keys to move it between and within stages, then Space to drop it or Escape to cancel. Each card also has a Move to… choice.' },
      }}
    >
      <div className={styles.scroller} data-testid="board" role="region" aria-label={`${board.pipeline.name} board`} tabIndex={0}>
        {board.stages.map((stage) => (
          <BoardColumn
            key={stage.id}
            stage={stage}
            cards={(columns[stage.id] ?? []).map((id) => cardsById.get(id)).filter((c): c is BoardCard => c !== undefined)}
            choicesOf={(card) => moveChoices(board, card.id)}
            moving={moving}
            handlers={handlers}
            onAdd={onAdd ? () => onAdd(stage.id) : null}
          />
        ))}
      </div>
      <DragOverlay>{active ? <DraggedCard card={active} /> : null}</DragOverlay>
    </DndContext>
  );
}
