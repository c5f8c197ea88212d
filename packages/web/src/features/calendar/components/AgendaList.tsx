// The agenda: the window's items day by day (days without items are left out), each a row that opens the item.
// The default view on a phone, where a week of columns would be too narrow to read.
import type { CalendarItem } from '../../../api/models.ts';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { colorStyle, type CalendarColor } from '../calendar-colors.ts';
import { dateKey, isOnDay, itemStart } from '../calendar-time.ts';
import { ItemLabel } from './ItemLabel.tsx';
import { itemKey } from './TimeGrid.tsx';
import styles from './AgendaList.module.css';

const dayTitle = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

export function AgendaList({ days, items, colorOf, nameOf, onOpen }: {
  days: Date[];
  items: CalendarItem[];
  colorOf: (userId: string) => CalendarColor;
  nameOf: (userId: string) => string;
  onOpen: (item: CalendarItem) => void;
}) {
  const today = dateKey(new Date());
  const groups = days
    .map((day) => ({ day, items: items.filter((i) => isOnDay(i, day)).sort((a, b) => Number(b.allDay) - Number(a.allDay) || (itemStart(a)?.getTime() ?? 0) - (itemStart(b)?.getTime() ?? 0)) }))
    .filter((g) => g.items.length > 0);
  if (groups.length === 0) {
    return (
      <EmptyState icon="calendar" title="Nothing planned">
        <p>No tasks or events on the calendars shown for these two weeks.</p>
      </EmptyState>
    );
  }
  return (
    <div className={styles.agenda} data-testid="agenda">
      {groups.map((g) => {
        const id = `agenda-${dateKey(g.day)}`;
        return (
          <section key={id} className={styles.day} aria-labelledby={id}>
            <h2 id={id} className={styles.dayTitle}>
              {dateKey(g.day) === today ? 'Today · ' : ''}
              {dayTitle.format(g.day)}
            </h2>
            <ul className={styles.items}>
              {g.items.map((item) => (
                <li key={itemKey(item)}>
                  <button type="button" className={styles.row} style={colorStyle(colorOf(item.userId))} onClick={() => onOpen(item)} data-testid="calendar-item">
                    <ItemLabel item={item} />
                    <span className={styles.calendar}>{nameOf(item.userId)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
