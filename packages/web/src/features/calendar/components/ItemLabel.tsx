// How an item reads in every view: a check box mark for tasks (done or not), the time, the title, the linked contact,
// and a repeat mark; the same words go into its accessible name.
import type { CalendarItem } from '../../../api/models.ts';
import { cx } from '../../../lib/cx.ts';
import { Icon } from '../../../ui/Icon.tsx';
import { itemStart } from '../calendar-time.ts';
import styles from './ItemLabel.module.css';

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

const FREQ: Record<string, string> = { DAILY: 'Repeats every day', WEEKLY: 'Repeats every week', MONTHLY: 'Repeats every month', YEARLY: 'Repeats every year' };

/** "Repeats every week" from an RRULE; other rules are named as they are. */
export function repeatText(rule: string): string {
  const freq = /FREQ=([A-Z]+)/.exec(rule)?.[1] ?? '';
  const interval = Number(/INTERVAL=(\d+)/.exec(rule)?.[1] ?? '1');
  if (interval > 1 && FREQ[freq]) return `Repeats every ${interval} ${freq === 'DAILY' ? 'days' : freq === 'WEEKLY' ? 'weeks' : freq === 'MONTHLY' ? 'months' : 'years'}`;
  return FREQ[freq] ?? `Repeats (${rule})`;
}

/** "Due 15:00", "10:00–11:00", "All day"; with `withDate` the day first ("Mon 30 Nov, 10:00–11:00"). */
export function timeText(item: CalendarItem, withDate = false): string {
  const start = itemStart(item);
  if (!start) return 'No date';
  const date = withDate ? `${day.format(start)}, ` : '';
  if (item.allDay) return withDate ? `${item.kind === 'task' ? 'Due ' : ''}${day.format(start)}, all day` : 'All day';
  return item.kind === 'task' ? `Due ${date}${time.format(start)}` : `${date}${time.format(start)}–${time.format(new Date(item.endsAt ?? start))}`;
}

/**
 * An item's words for assistive technology that the eye gets from its look: whether it is a task or an event (before
 * the title), and after it its calendar, and the time and contact when the compact label hides them. The visible text
 * stays the start of the accessible name (WCAG 2.5.3), so there is no aria-label.
 */
function hiddenWords(item: CalendarItem, calendarName: string | undefined, compact: boolean): { before: string; after: string } {
  const after = [
    compact ? timeText(item) : null, compact ? item.contact?.name : null, calendarName ? `on ${calendarName}’s calendar` : null,
    compact && item.overdue ? 'overdue' : null, item.recurrence ? repeatText(item.recurrence.rule) : null,
  ].filter(Boolean);
  return { before: `${item.kind === 'task' ? (item.done ? 'Task done' : 'Task') : 'Event'}: `, after: after.length ? `, ${after.join(', ')}` : '' };
}

/** `withDate`: where items of several days are listed together; `showContact` off on the contact's own page. */
export function ItemLabel({ item, calendarName, compact = false, withDate = false, showContact = true }: {
  item: CalendarItem; calendarName?: string; compact?: boolean; withDate?: boolean; showContact?: boolean;
}) {
  const words = hiddenWords(item, calendarName, compact);
  return (
    <span className={cx(styles.label, compact && styles.compact, item.done && styles.done)}>
      <span className="visually-hidden">{words.before}</span>
      {item.kind === 'task' ? <span className={cx(styles.box, item.done && styles.boxDone)} aria-hidden="true">{item.done ? <Icon name="check" size={10} /> : null}</span> : null}
      <span className={styles.text}>
        <span className={styles.title}>{item.title}</span>
        <span className={styles.meta}>
          {timeText(item, withDate)}
          {item.contact && showContact ? ` · ${item.contact.name}` : ''}
          {item.overdue ? <span className={styles.overdue}> · Overdue</span> : null}
        </span>
      </span>
      <span className="visually-hidden">{words.after}</span>
      {item.recurrence ? <span className={styles.repeat} aria-hidden="true"><Icon name="refresh" size={12} /></span> : null}
    </span>
  );
}
