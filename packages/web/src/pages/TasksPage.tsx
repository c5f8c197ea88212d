// My tasks (issue 11, item 5): the caller's open tasks (GET /tasks, status open) in Overdue, Today, Upcoming and
// No date; a task is marked done from its row, and opened (to change or delete it) by its title.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { CalendarItem } from '../api/models.ts';
import { calendarRefusalMessage } from '../features/calendar/calendar-refusal.ts';
import { ItemDialog } from '../features/calendar/components/ItemDialog.tsx';
import { timeText } from '../features/calendar/components/ItemLabel.tsx';
import { useCalendarItemMutations, useCalendars, useMyOpenTasks } from '../features/calendar/hooks/useCalendar.ts';
import { newItemValues } from '../features/calendar/item-form.ts';
import { groupTasks } from '../features/calendar/task-groups.ts';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { formatDate } from '../lib/format.ts';
import { Button, buttonClass } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Page, PageHeader } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import styles from './TasksPage.module.css';
import type { ItemDialogTarget } from '../features/calendar/components/ItemDialog.tsx';

function dueText(task: CalendarItem): string {
  if (!task.dueAt) return 'No date';
  return `${formatDate(task.dueAt)}${task.allDay ? '' : `, ${timeText(task).replace(/^Due /, '')}`}`;
}

export function TasksPage() {
  const { user } = useCurrentUser();
  const tasks = useMyOpenTasks();
  const calendars = useCalendars();
  const { update } = useCalendarItemMutations();
  const toast = useToast();
  const [dialog, setDialog] = useState<ItemDialogTarget | null>(null);

  const markDone = (task: CalendarItem) =>
    update.mutate({ id: task.id, patch: { done: true } }, {
      onSuccess: () => toast.show(`“${task.title}” done`, 'success', { label: 'Undo', onClick: () => update.mutate({ id: task.id, patch: { done: false } }) }),
      onError: (error) => toast.show(calendarRefusalMessage(error, 'Marking it done'), 'error'),
    });
  const newTask = () => setDialog({ mode: 'new', values: { ...newItemValues(user.id), kind: 'task' } });

  return (
    <Page>
      <PageHeader
        title="My tasks"
        subtitle="Your open tasks, the overdue ones first. Tasks on colleagues’ calendars are on the Calendar page."
        actions={<Button variant="primary" icon="plus" onClick={newTask} disabled={!calendars.data}>New task</Button>}
      />
      {tasks.isPending ? (
        <PageSpinner label="Loading tasks" />
      ) : tasks.isError ? (
        <ErrorNotice error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : tasks.data.length === 0 ? (
        <EmptyState icon="check" title="No open tasks" action={<Link className={buttonClass()} to="/calendar">Open the calendar</Link>}>
          <p>Tasks assigned to you, by you or a colleague with Edit access to your calendar, show here until they are done.</p>
        </EmptyState>
      ) : (
        <div className={styles.groups}>
          {groupTasks(tasks.data).filter((g) => g.tasks.length > 0).map((group) => (
            <section key={group.id} className={styles.group} aria-labelledby={`tasks-${group.id}`} data-testid={`tasks-${group.id}`}>
              <h2 id={`tasks-${group.id}`} className={styles.groupTitle}>
                {group.title} <span className={styles.count}>{group.tasks.length}</span>
              </h2>
              <ul className={styles.rows}>
                {group.tasks.map((task) => (
                  <li key={task.id} className={styles.row} data-testid="task-row">
                    <Button
                      size="sm"
                      variant="ghost"
                      icon="check"
                      className={styles.done}
                      aria-label={`Mark “${task.title}” done`}
                      disabled={!task.access.actions.includes('calendar_item.edit')}
                      onClick={() => markDone(task)}
                    />
                    <button type="button" className={styles.title} onClick={() => setDialog({ mode: 'open', item: task })}>
                      {task.title}
                    </button>
                    <span className={group.id === 'overdue' ? styles.overdue : styles.due}>{dueText(task)}</span>
                    {task.contact ? (
                      <Link className={styles.contact} to={`/contacts/${task.contact.id}`}>
                        {task.contact.name}
                      </Link>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      {dialog && calendars.data ? <ItemDialog target={dialog} calendars={calendars.data} onClose={() => setDialog(null)} /> : null}
    </Page>
  );
}
