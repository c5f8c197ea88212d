// How an item reads in every view: a check box mark for tasks (done or not), the time, the title, the linked contact,
// and a repeat mark; the same words go into its accessible name.
import type { CalendarItem } from '../../../api/models.ts';
import { cx } from '../../../lib/cx.ts';
import { Icon } from '../../../ui/Icon.tsx';
import { itemStart } from '../calendar-time.ts';
import styles from './ItemLabel.module.css';

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

const FREQ: Record<string, string> = { DAILY: 'Repeats every day', WEEKLY: 'Repeats every week', MONTHLY: 'Repeats every month', YEARLY: 'Repeats every year' };

/** "Repeats every week" from an RRULE; other rules are named as they are. */
export function repeatText(rule: string): string {
  const freq = /FREQ=([A-Z]+)/.exec(rule)?.[1] ?? '';
  const interval = Number(/INTERVAL=(\d+)/.exec(rule)?.[1] ?? '1');
  if (interval > 1 && FREQ[freq]) return `Repeats every ${interval} ${freq === 'DAILY' ? 'days' : freq === 'WEEKLY' ? 'weeks' : freq === 'MONTHLY' ? 'months' : 'years'}`;
  return FREQ[freq] ?? `Repeats (${rule})`;
}

export function timeText(item: CalendarItem): string {
  if (item.allDay) return 'All day';
  const start = itemStart(item);
  if (!start) return 'No date';
  return item.kind === 'task' ? `Due ${time.format(start)}` : `${time.format(start)}–${time.format(new Date(item.endsAt ?? start))}`;
}

/** "Task, Due 15:00, Follow up with Zoe, Zoe Park, overdue" */
export function itemAccessibleName(item: CalendarItem, calendarName?: string): string {
  return [
    item.kind === 'task' ? (item.done ? 'Task done' : 'Task') : 'Event', timeText(item), item.title, item.contact?.name,
    calendarName ? `on ${calendarName}’s calendar` : null, item.overdue ? 'overdue' : null, item.recurrence ? repeatText(item.recurrence.rule) : null,
  ].filter(Boolean).join(', ');
}

export function ItemLabel({ item, compact = false }: { item: CalendarItem; compact?: boolean }) {
  return (
    <span className={cx(styles.label, compact && styles.compact, item.done && styles.done)}>
      {item.kind === 'task' ? <span className={cx(styles.box, item.done && styles.boxDone)} aria-hidden="true">{item.done ? <Icon name="check" size={10} /> : null}</span> : null}
      <span className={styles.text}>
        <span className={styles.title}>{item.title}</span>
        <span className={styles.meta}>
          {timeText(item)}
          {item.contact ? ` · ${item.contact.name}` : ''}
          {item.overdue ? <span className={styles.overdue}> · Overdue</span> : null}
        </span>
      </span>
      {item.recurrence ? <span className={styles.repeat} title={repeatText(item.recurrence.rule)}><Icon name="refresh" size={12} /></span> : null}
    </span>
  );
}
