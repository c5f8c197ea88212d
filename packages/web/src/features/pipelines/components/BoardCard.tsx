// One card on the board: its title, its contact (a link to the contact's page), value and expected close. A card whose
// contact the caller collaborates on (`access.actions` has 'move') has a drag handle (pointer or keyboard: Space picks
// it up, arrows move it, Space drops) and a "Move to…" choice doing the same with one tap; the others show a lock
// saying why they stay put. Edit and delete are offered as the card's actions allow.
import { useSortable } from '@dnd-kit/sortable';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { cx } from '../../../lib/cx.ts';
import { Button } from '../../../ui/Button.tsx';
import { Select } from '../../../ui/Field.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { Tooltip } from '../../../ui/Tooltip.tsx';
import { formatCloseDate, formatValue } from '../board-format.ts';
import type { BoardCard as Card, MoveChoice } from '../board-moves.ts';
import styles from './BoardCard.module.css';

export const CANNOT_MOVE = 'You see this card but cannot move it: moving needs Collaborate on its contact.';

export type CardHandlers = {
  onMove: (card: Card, choice: MoveChoice) => void;
  onEdit: (card: Card) => void;
  onDelete: (card: Card) => void;
};

export function SortableBoardCard({ card, choices, moving, handlers }: { card: Card; choices: MoveChoice[]; moving: boolean; handlers: CardHandlers }) {
  const canMove = card.access.actions.includes('move');
  const sortable = useSortable({ id: card.id, data: { stageId: card.stageId }, disabled: { draggable: !canMove || moving, droppable: false } });
  return (
    <li
      ref={sortable.setNodeRef}
      style={{ transform: sortable.transform ? `translate3d(${sortable.transform.x}px, ${sortable.transform.y}px, 0)` : undefined, transition: sortable.transition }}
      className={cx(styles.slot, sortable.isDragging && styles.placeholder)}
      data-testid="pipeline-card"
      data-card-id={card.id}
    >
      <CardBody
        card={card}
        handle={
          canMove ? (
            <button
              type="button"
              ref={sortable.setActivatorNodeRef}
              className={styles.handle}
              {...sortable.attributes}
              {...sortable.listeners}
              aria-label={`Drag ${card.title}`}
              disabled={moving}
            >
              <GripIcon />
            </button>
          ) : (
            <Tooltip tip={CANNOT_MOVE} focusable>
              <span className={cx(styles.handle, styles.locked)} aria-label={`${card.title} cannot be moved`} role="img">
                <Icon name="lock" size={14} />
              </span>
            </Tooltip>
          )
        }
        actions={<CardActions card={card} choices={canMove ? choices : []} moving={moving} handlers={handlers} />}
      />
    </li>
  );
}

/** The card as it follows the pointer while dragged. */
export function DraggedCard({ card }: { card: Card }) {
  return (
    <div className={styles.dragged}>
      <CardBody card={card} handle={<span className={styles.handle}><GripIcon /></span>} actions={null} />
    </div>
  );
}

function CardBody({ card, handle, actions }: { card: Card; handle: ReactNode; actions: ReactNode }) {
  return (
    <article className={styles.card} aria-label={card.title}>
      <div className={styles.top}>
        {handle}
        <h3 className={styles.title} data-testid="card-title">
          {card.title}
        </h3>
      </div>
      <Link to={`/contacts/${card.contactId}`} className={styles.contact} data-testid="card-contact">
        {card.contactName}
      </Link>
      {card.value !== null || card.expectedCloseOn ? (
        <p className={styles.meta}>
          {card.value !== null ? <span className={styles.value}>{formatValue(card.value)}</span> : null}
          {card.expectedCloseOn ? <span>Closes {formatCloseDate(card.expectedCloseOn)}</span> : null}
        </p>
      ) : null}
      {actions}
    </article>
  );
}

function CardActions({ card, choices, moving, handlers }: { card: Card; choices: MoveChoice[]; moving: boolean; handlers: CardHandlers }) {
  const canEdit = card.access.actions.includes('edit');
  const canDelete = card.access.actions.includes('delete');
  if (choices.length === 0 && !canEdit && !canDelete) return null;
  return (
    <div className={styles.actions}>
      {choices.length > 0 ? (
        <Select
          compact
          className={styles.move}
          aria-label={`Move ${card.title} to`}
          value=""
          disabled={moving}
          onChange={(e) => {
            const choice = choices.find((c) => c.key === e.target.value);
            if (choice) handlers.onMove(card, choice);
          }}
        >
          <option value="" disabled>
            Move to…
          </option>
          {choices.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </Select>
      ) : null}
      {canEdit ? <Button size="sm" variant="ghost" icon="edit" aria-label={`Change ${card.title}`} onClick={() => handlers.onEdit(card)} /> : null}
      {canDelete ? <Button size="sm" variant="ghost" icon="trash" aria-label={`Delete ${card.title}`} onClick={() => handlers.onDelete(card)} /> : null}
    </div>
  );
}

/** Six dots: the usual sign of something that can be dragged. */
function GripIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      {[3, 7, 11].flatMap((y) => [4.5, 9.5].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r="1.3" fill="currentColor" />))}
    </svg>
  );
}
