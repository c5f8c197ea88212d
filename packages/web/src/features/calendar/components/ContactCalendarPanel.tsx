// The contact page's tasks and events (GET /contacts/:id/calendar-items): the linked items on calendars the caller
// may read. "Add task" links a new task to this contact; it shows to whoever may add tasks to the contact
// (`contact.createTask`, collaborate or more) and writes on some calendar (their own at least, while active).
import { useState } from 'react';
import type { Contact } from '../../../api/models.ts';
import { Button } from '../../../ui/Button.tsx';
import { Card, CardHeader, CardLoading } from '../../../ui/Card.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { colorAt, colorStyle } from '../calendar-colors.ts';
import { useCalendars, useContactCalendarItems } from '../hooks/useCalendar.ts';
import { newItemValues } from '../item-form.ts';
import { itemKey } from './TimeGrid.tsx';
import { ItemDialog, type ItemDialogTarget } from './ItemDialog.tsx';
import { ItemLabel } from './ItemLabel.tsx';
import styles from './ContactCalendarPanel.module.css';

export function ContactCalendarPanel({ contact }: { contact: Contact }) {
  const items = useContactCalendarItems(contact.id);
  const calendars = useCalendars();
  const [dialog, setDialog] = useState<ItemDialogTarget | null>(null);
  const list = calendars.data ?? [];
  const writable = list.filter((c) => c.active && (c.level === 'owner' || c.level === 'edit'));
  const own = writable.find((c) => c.level === 'owner') ?? writable[0];
  const canAdd = contact.access.actions.includes('contact.createTask') && contact.trashedAt === null && own !== undefined;
  const nameOf = (userId: string) => list.find((c) => c.userId === userId)?.name ?? 'Someone';
  const add = () => own && setDialog({ mode: 'new', values: { ...newItemValues(own.userId, undefined, { id: contact.id, name: contact.name }), kind: 'task' }, lockContact: true });

  return (
    <Card as="section" aria-labelledby="contact-tasks-title" data-testid="contact-tasks">
      <CardHeader id="contact-tasks-title" title="Tasks and events">
        {canAdd ? <Button size="sm" icon="plus" onClick={add}>Add task</Button> : null}
      </CardHeader>
      {items.isPending ? (
        <CardLoading label="Loading tasks" />
      ) : items.isError ? (
        <ErrorNotice error={items.error} onRetry={() => void items.refetch()} />
      ) : items.data.length === 0 ? (
        <p className={styles.empty}>No tasks or events{canAdd ? ' yet' : ' you can see'}.</p>
      ) : (
        <ul className={styles.items}>
          {items.data.map((item) => (
            <li key={itemKey(item)}>
              <button
                type="button"
                className={styles.item}
                style={colorStyle(colorAt(Math.max(0, list.findIndex((c) => c.userId === item.userId))))}
                onClick={() => setDialog({ mode: 'open', item })}
                data-testid="contact-task"
              >
                <ItemLabel item={item} withDate showContact={false} />
                <span className={styles.calendar}>{nameOf(item.userId)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {dialog ? <ItemDialog target={dialog} calendars={list} onClose={() => setDialog(null)} /> : null}
    </Card>
  );
}
