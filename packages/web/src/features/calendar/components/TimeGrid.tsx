// The day and week views: one column per day (week) or per calendar (a day with several calendars side by side),
// hours down the side, all-day items and undated tasks above. An item the caller may change is dragged to another
// time (and, between calendar columns, to another calendar); a click opens it, a click on an empty slot creates
// one there. Dragging is a convenience: the item's form changes the same fields from the keyboard.
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type MouseEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { CalendarItem } from '../../../api/models.ts';
import { cx } from '../../../lib/cx.ts';
import { colorStyle, type CalendarColor } from '../calendar-colors.ts';
import { dropStart, isAllDayLike, isOnDay, placeInDay } from '../calendar-time.ts';
import { ItemLabel } from './ItemLabel.tsx';
import styles from './TimeGrid.module.css';

/** Pixels per hour of the grid. */
const HOUR_PX = 48;
const PX_PER_MINUTE = HOUR_PX / 60;
/** A pointer that moves less than this is a click, not a drag. */
const DRAG_THRESHOLD = 5;
const hourLabel = new Intl.DateTimeFormat(undefined, { hour: 'numeric' });

export type GridColumn = { key: string; day: Date; calendarId: string | null; label: string; sublabel?: string; isToday: boolean };
export type MoveRequest = { item: CalendarItem; start: Date; calendarId: string };

type Drag = { item: CalendarItem; key: string; x: number; y: number; dx: number; dy: number; moved: boolean; pointerId: number };

export function itemKey(item: CalendarItem): string {
  return `${item.id}@${item.startsAt ?? item.dueAt ?? ''}`;
}

export function TimeGrid({ columns, items, colorOf, nameOf, canMove, canCreateIn, onOpen, onCreateAt, onMove }: {
  columns: GridColumn[];
  items: CalendarItem[];
  colorOf: (userId: string) => CalendarColor;
  nameOf: (userId: string) => string;
  canMove: (item: CalendarItem) => boolean;
  onOpen: (item: CalendarItem) => void;
  /** Whether a click on an empty slot of the column creates an item there (write on its calendar). */
  canCreateIn: (column: GridColumn) => boolean;
  onCreateAt: (start: Date, calendarId: string | null) => void;
  onMove: (move: MoveRequest) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const suppressClick = useRef(false);

  // Open at 07:00, where a working day starts, rather than at midnight.
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 7 * HOUR_PX;
  }, []);

  const itemsOf = (column: GridColumn) => items.filter((i) => column.calendarId === null || i.userId === column.calendarId);

  const startDrag = (event: ReactPointerEvent<HTMLButtonElement>, item: CalendarItem) => {
    if (!canMove(item) || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ item, key: itemKey(item), x: event.clientX, y: event.clientY, dx: 0, dy: 0, moved: false, pointerId: event.pointerId });
  };
  const moveDrag = (event: ReactPointerEvent<HTMLButtonElement>) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    setDrag({ ...drag, dx, dy, moved: drag.moved || Math.hypot(dx, dy) > DRAG_THRESHOLD });
  };
  const endDrag = (event: ReactPointerEvent<HTMLButtonElement>, column: GridColumn, top: number) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const current = drag;
    setDrag(null);
    if (!current.moved) return;
    suppressClick.current = true;
    const target = columnAt(event.clientX) ?? column;
    const start = dropStart(target.day, top + current.dy / PX_PER_MINUTE);
    onMove({ item: current.item, start, calendarId: target.calendarId ?? current.item.userId });
  };
  // The column under the pointer, by its place across: the item being dragged covers whatever is under it.
  const columnAt = (x: number): GridColumn | null => {
    for (const el of scroller.current?.querySelectorAll<HTMLElement>('[data-column]') ?? []) {
      const rect = el.getBoundingClientRect();
      if (x >= rect.left && x < rect.right) return columns[Number(el.dataset.column)] ?? null;
    }
    return null;
  };
  useEffect(() => {
    if (!drag) return;
    const cancel = (event: KeyboardEvent) => event.key === 'Escape' && setDrag(null);
    document.addEventListener('keydown', cancel);
    return () => document.removeEventListener('keydown', cancel);
  }, [drag]);

  const openItem = (item: CalendarItem) => {
    if (suppressClick.current) {
      suppressClick.current = false;
      return;
    }
    onOpen(item);
  };
  const createAt = (event: MouseEvent<HTMLDivElement>, column: GridColumn) => {
    if (!canCreateIn(column) || event.target !== event.currentTarget) return;
    const rect = event.currentTarget.getBoundingClientRect();
    onCreateAt(dropStart(column.day, (event.clientY - rect.top) / PX_PER_MINUTE - 15), column.calendarId);
  };

  const style = { '--columns': String(columns.length) } as CSSProperties;
  return (
    <div className={styles.grid} style={style} data-testid="time-grid">
      <div className={styles.head}>
        <span className={styles.gutter} />
        {columns.map((c) => (
          <div key={c.key} className={cx(styles.columnHead, c.isToday && styles.today)} data-testid="grid-column-head">
            <span className={styles.columnLabel}>{c.label}</span>
            {c.sublabel ? <span className={styles.columnSub}>{c.sublabel}</span> : null}
          </div>
        ))}
      </div>
      <div className={styles.allDay}>
        <span className={cx(styles.gutter, styles.allDayLabel)}>All day</span>
        {columns.map((c) => (
          <ul key={c.key} className={styles.allDayCell} aria-label={`All day, ${c.label}${c.sublabel ? ` ${c.sublabel}` : ''}`}>
            {itemsOf(c).filter((i) => isAllDayLike(i) && isOnDay(i, c.day)).map((item) => (
              <li key={itemKey(item)}>
                <button type="button" className={styles.chip} style={colorStyle(colorOf(item.userId))} onClick={() => onOpen(item)} data-testid="calendar-item">
                  <ItemLabel item={item} calendarName={nameOf(item.userId)} compact />
                </button>
              </li>
            ))}
          </ul>
        ))}
      </div>
      <div ref={scroller} className={styles.scroller}>
        <div className={styles.body}>
          <div className={styles.hours} aria-hidden="true">
            {Array.from({ length: 24 }, (_, h) => (
              <span key={h} className={styles.hour} style={{ top: h * HOUR_PX }}>
                {h === 0 ? '' : hourLabel.format(new Date(2000, 0, 1, h))}
              </span>
            ))}
          </div>
          {columns.map((column, index) => (
            <div key={column.key} className={cx(styles.column, canCreateIn(column) && styles.creatable)} data-column={index} onClick={(e) => createAt(e, column)} data-testid="grid-column">
              {placeInDay(itemsOf(column), column.day).map((p) => {
                const key = itemKey(p.item);
                const dragging = drag?.key === key && drag.moved;
                const movable = canMove(p.item);
                return (
                  <button
                    key={key}
                    type="button"
                    className={cx(styles.item, movable && styles.movable, dragging && styles.dragging)}
                    style={{
                      ...colorStyle(colorOf(p.item.userId)),
                      top: p.top * PX_PER_MINUTE,
                      height: p.height * PX_PER_MINUTE - 2,
                      left: `calc(${(p.lane / p.lanes) * 100}% + 2px)`,
                      width: `calc(${100 / p.lanes}% - 4px)`,
                      transform: dragging ? `translate(${drag.dx}px, ${drag.dy}px)` : undefined,
                    }}
                    title={movable ? 'Drag to move, or click to open' : undefined}
                    data-testid="calendar-item"
                    data-movable={movable ? 'true' : 'false'}
                    onPointerDown={(e) => startDrag(e, p.item)}
                    onPointerMove={moveDrag}
                    onPointerUp={(e) => endDrag(e, column, p.top)}
                    onPointerCancel={() => setDrag(null)}
                    onClick={() => openItem(p.item)}
                  >
                    <ItemLabel item={p.item} calendarName={nameOf(p.item.userId)} compact={p.height * PX_PER_MINUTE < 36} />
                  </button>
                );
              })}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
