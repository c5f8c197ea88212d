// The calendar (spec §7; issue 11, item 5): day, week and agenda views of the calendars the caller may read, each a
// toggle with its colour. Items are created, opened, changed and deleted where the caller may write (their own
// calendar, or one they hold Edit on); dragging moves an item to another time, or in the day view to another
// calendar's column. A refused move puts the item back and says which Edit access is missing.
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { CalendarItem } from '../api/models.ts';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { colorAt } from '../features/calendar/calendar-colors.ts';
import { describeCalendarRefusal } from '../features/calendar/calendar-refusal.ts';
import { dateKey, daysOf, movedTimes, parseDateKey, startOfDay, stepAnchor, windowOf, type CalendarView } from '../features/calendar/calendar-time.ts';
import { AgendaList } from '../features/calendar/components/AgendaList.tsx';
import { CalendarToggles } from '../features/calendar/components/CalendarToggles.tsx';
import { ItemDialog, type ItemDialogTarget } from '../features/calendar/components/ItemDialog.tsx';
import { itemKey, TimeGrid, type GridColumn, type MoveRequest } from '../features/calendar/components/TimeGrid.tsx';
import { useCalendarItemMutations, useCalendarItems, useCalendars } from '../features/calendar/hooks/useCalendar.ts';
import { newItemValues } from '../features/calendar/item-form.ts';
import { useHiddenCalendars } from '../features/calendar/hooks/useHiddenCalendars.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Notice } from '../ui/Notice.tsx';
import { Page, PageHeader } from '../ui/Page.tsx';
import { Segmented } from '../ui/Segmented.tsx';
import { PageSpinner, Spinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import styles from './CalendarPage.module.css';

const VIEWS = [{ id: 'day' as const, label: 'Day' }, { id: 'week' as const, label: 'Week' }, { id: 'agenda' as const, label: 'Agenda' }];
const PHONE = '(max-width: 640px)';
const dayHead = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric' });
const rangeDay = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const rangeShort = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

function isView(value: string | null): value is CalendarView {
  return value === 'day' || value === 'week' || value === 'agenda';
}

/** A week of columns is too narrow to read on a phone: the agenda is its default there. */
function defaultView(): CalendarView {
  return typeof window !== 'undefined' && window.matchMedia?.(PHONE).matches ? 'agenda' : 'week';
}

type Override = { start: Date; calendarId: string };

export function CalendarPage() {
  const { user } = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const view: CalendarView = isView(params.get('view')) ? (params.get('view') as CalendarView) : defaultView();
  const anchor = parseDateKey(params.get('date')) ?? startOfDay(new Date());
  const calendars = useCalendars();
  const [hidden, setHidden] = useHiddenCalendars(user.id);
  const [dialog, setDialog] = useState<ItemDialogTarget | null>(null);
  const [overrides, setOverrides] = useState<Map<string, Override>>(new Map());
  const [refusal, setRefusal] = useState<{ title: string; detail: string | null } | null>(null);
  const { update } = useCalendarItemMutations();
  const toast = useToast();

  const list = useMemo(() => calendars.data ?? [], [calendars.data]);
  const shown = useMemo(() => new Set(list.filter((c) => !hidden.has(c.userId)).map((c) => c.userId)), [list, hidden]);
  const days = daysOf(view, anchor);
  const items = useCalendarItems(windowOf(days), [...shown]);
  const colorOf = (userId: string) => colorAt(Math.max(0, list.findIndex((c) => c.userId === userId)));
  const nameOf = (userId: string) => list.find((c) => c.userId === userId)?.name ?? 'Someone';
  const writable = (userId: string) => list.some((c) => c.userId === userId && c.active && (c.level === 'owner' || c.level === 'edit'));

  // A refusal is about the view it happened in.
  useEffect(() => setRefusal(null), [view, params]);

  const go = (next: { view?: CalendarView; date?: Date }) => {
    const search = new URLSearchParams(params);
    search.set('view', next.view ?? view);
    search.set('date', dateKey(next.date ?? anchor));
    setParams(search, { replace: true });
  };

  const shownItems: CalendarItem[] = (items.data ?? [])
    .filter((i) => shown.has(i.userId))
    .map((item) => {
      const moved = overrides.get(itemKey(item));
      return moved ? { ...item, userId: moved.calendarId, ...movedTimes(item, moved.start) } : item;
    });

  const move = ({ item, start, calendarId }: MoveRequest) => {
    const before = item.kind === 'task' ? item.dueAt : item.startsAt;
    if (calendarId === item.userId && before && Date.parse(before) === start.getTime()) return;
    const key = itemKey(item);
    setRefusal(null);
    setOverrides((old) => new Map(old).set(key, { start, calendarId }));
    const patch = { ...movedTimes(item, start), ...(calendarId !== item.userId ? { userId: calendarId } : {}) };
    update
      .mutateAsync({ id: item.id, patch })
      .then(() => toast.show(calendarId !== item.userId ? `Moved to ${nameOf(calendarId)}’s calendar` : 'Moved'))
      .catch((error: unknown) => setRefusal(describeCalendarRefusal(error, `Moving “${item.title}”`)))
      .finally(() => setOverrides((old) => {
        const next = new Map(old);
        next.delete(key);
        return next;
      }));
  };

  if (calendars.isPending) return <PageSpinner label="Loading calendars" />;
  if (calendars.isError) {
    return (
      <Page>
        <ErrorNotice error={calendars.error} onRetry={() => void calendars.refetch()} />
      </Page>
    );
  }

  const first = days[0] as Date;
  const last = days[days.length - 1] as Date;
  const range = view === 'day' ? rangeDay.format(first) : `${rangeShort.format(first)} – ${rangeShort.format(last)}`;
  const shownCalendars = list.filter((c) => shown.has(c.userId));
  const columns: GridColumn[] = view === 'day' && shownCalendars.length > 1
    ? shownCalendars.map((c) => ({ key: c.userId, day: first, calendarId: c.userId, label: c.level === 'owner' ? 'You' : c.name, sublabel: c.level === 'view' ? 'View only' : undefined, isToday: false }))
    : days.map((d) => ({ key: dateKey(d), day: d, calendarId: view === 'day' ? (shownCalendars[0]?.userId ?? null) : null, label: dayHead.format(d), isToday: dateKey(d) === dateKey(new Date()) }));
  const ownId = list.find((c) => c.level === 'owner')?.userId ?? user.id;
  const create = (at?: Date, calendarId?: string | null) =>
    setDialog({ mode: 'new', values: newItemValues(calendarId && writable(calendarId) ? calendarId : ownId, at) });

  return (
    <Page className={styles.page}>
      <PageHeader
        title="Calendar"
        subtitle={<span data-testid="calendar-range">{range}</span>}
        actions={
          <Button variant="primary" icon="plus" onClick={() => create()}>
            New
          </Button>
        }
      />
      <div className={styles.toolbar}>
        <div className={styles.nav}>
          <Button icon="chevronLeft" aria-label={`Previous ${view === 'agenda' ? 'two weeks' : view}`} onClick={() => go({ date: stepAnchor(view, anchor, -1) })} />
          <Button onClick={() => go({ date: startOfDay(new Date()) })}>Today</Button>
          <Button icon="chevronRight" aria-label={`Next ${view === 'agenda' ? 'two weeks' : view}`} onClick={() => go({ date: stepAnchor(view, anchor, 1) })} />
          {items.isFetching ? <Spinner size={14} label="Loading items" /> : null}
        </div>
        <Segmented as="nav" label="Calendar view" options={VIEWS} value={view} onChange={(next) => go({ view: next })} />
      </div>
      <CalendarToggles
        calendars={list}
        shown={shown}
        colorOf={colorOf}
        onToggle={(userId, show) => setHidden((old) => {
          const next = new Set(old);
          if (show) next.delete(userId);
          else next.add(userId);
          return next;
        })}
      />
      {refusal ? (
        <Notice tone="danger" icon="lock" title={refusal.title} role="alert" testId="calendar-refusal" action={<Button size="sm" variant="ghost" onClick={() => setRefusal(null)}>Dismiss</Button>}>
          {refusal.detail ? <p>{refusal.detail}</p> : null}
        </Notice>
      ) : null}
      {items.isError ? <ErrorNotice error={items.error} onRetry={() => void items.refetch()} /> : null}
      {shown.size === 0 ? (
        <Notice tone="info" icon="calendar"><p>Every calendar is hidden. Tick one above to see its tasks and events.</p></Notice>
      ) : view === 'agenda' ? (
        <AgendaList days={days} items={shownItems} colorOf={colorOf} nameOf={nameOf} onOpen={(item) => setDialog({ mode: 'open', item })} />
      ) : (
        <TimeGrid
          columns={columns}
          items={shownItems}
          colorOf={colorOf}
          nameOf={nameOf}
          canMove={(item) => item.access.actions.includes('calendar_item.edit') && item.recurrence === null}
          canCreateIn={(column) => writable(column.calendarId ?? ownId)}
          onOpen={(item) => setDialog({ mode: 'open', item })}
          onCreateAt={(at, calendarId) => create(at, calendarId)}
          onMove={move}
        />
      )}
      {view !== 'agenda' ? <p className={styles.hint}>Drag an item you may change to move it; in the day view, drag it onto another calendar’s column to hand it over. A series moves through its form.</p> : null}
      {dialog ? <ItemDialog key={dialog.mode === 'open' ? itemKey(dialog.item) : 'new'} target={dialog} calendars={list} onClose={() => setDialog(null)} /> : null}
    </Page>
  );
}
