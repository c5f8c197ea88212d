// One stage of the board: its name, how many cards the caller sees and their total value, the cards, and the cards of
// contacts the caller cannot see as one muted line with their number and nothing else. The list is a drop target
// also when empty.
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { cx } from '../../../lib/cx.ts';
import { Button } from '../../../ui/Button.tsx';
import { cardCount, formatValue, hiddenLine } from '../board-format.ts';
import type { BoardCard, BoardStage, MoveChoice } from '../board-moves.ts';
import { SortableBoardCard, type CardHandlers } from './BoardCard.tsx';
import styles from './BoardColumn.module.css';

export const STAGE_DROP_PREFIX = 'stage:';

export function BoardColumn({ stage, cards, choicesOf, moving, handlers, onAdd }: {
  stage: BoardStage;
  /** The cards to show, in order (while a card is dragged, as the drag would leave them). */
  cards: BoardCard[];
  choicesOf: (card: BoardCard) => MoveChoice[];
  moving: boolean;
  handlers: CardHandlers;
  onAdd: (() => void) | null;
}) {
  const drop = useDroppable({ id: `${STAGE_DROP_PREFIX}${stage.id}` });
  const headingId = `stage-${stage.id}`;
  const truncated = stage.visibleCount > stage.cards.length;
  return (
    <section className={styles.column} aria-labelledby={headingId} data-testid="board-stage" data-stage-id={stage.id}>
      <header className={styles.header}>
        <h2 id={headingId} className={styles.name} data-testid="stage-name">
          {stage.name}
        </h2>
        <p className={styles.summary} data-testid="stage-summary">
          <span>{cardCount(stage.visibleCount)}</span>
          {stage.totalValue > 0 ? <span className={styles.total}>{formatValue(stage.totalValue)}</span> : null}
        </p>
      </header>
      <SortableContext id={stage.id} items={cards.map((c) => c.id)} strategy={verticalListSortingStrategy}>
        <ul ref={drop.setNodeRef} className={cx(styles.cards, drop.isOver && styles.over)} aria-label={`Cards in ${stage.name}`}>
          {cards.map((card) => (
            <SortableBoardCard key={card.id} card={card} choices={choicesOf(card)} moving={moving} handlers={handlers} />
          ))}
        </ul>
      </SortableContext>
      {truncated ? <p className={styles.note}>Showing the first {stage.cards.length} of {stage.visibleCount}.</p> : null}
      {stage.hiddenCount > 0 ? (
        <p className={styles.hidden} data-testid="hidden-count">
          {hiddenLine(stage.hiddenCount)}
        </p>
      ) : null}
      {onAdd ? (
        <Button size="sm" variant="ghost" icon="plus" className={styles.add} onClick={onAdd} aria-label={`Add card to ${stage.name}`}>
          Add card
        </Button>
      ) : null}
    </section>
  );
}
