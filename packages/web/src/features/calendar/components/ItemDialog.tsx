// A task or event: create one, or open one to change it, mark a task done, or delete it (after asking). Who may do
// what comes from the server: the calendars offered are those the caller may write on (GET /calendars: owner or
// edit), and an item without `calendar_item.edit` in its actions opens read-only. A refusal says which Edit access
// is missing, in the server's words.
import { useLayoutEffect, useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../../api/field-errors.ts';
import type { Calendar, CalendarItem } from '../../../api/models.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { Button } from '../../../ui/Button.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { Checkbox, Field, FieldGroup, Form, FormActions, FormRow, Input, Select, TextArea } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Segmented } from '../../../ui/Segmented.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { UnsavedChanges } from '../../../ui/UnsavedChanges.tsx';
import { describeCalendarRefusal } from '../calendar-refusal.ts';
import { useCalendarItemMutations } from '../hooks/useCalendar.ts';
import { asInput, calendarChoiceHint, REPEATS, repeatOf, timesOf, toNewItem, toPatch, valuesOf, type ItemFormValues, type Repeat } from '../item-form.ts';
import { ContactPicker } from './ContactPicker.tsx';
import styles from './ItemDialog.module.css';
import { repeatText } from './ItemLabel.tsx';

const KINDS = [{ id: 'event' as const, label: 'Event' }, { id: 'task' as const, label: 'Task' }];

export type ItemDialogTarget = { mode: 'new'; values: ItemFormValues; lockContact?: boolean } | { mode: 'open'; item: CalendarItem };

export function ItemDialog({ target, calendars, onClose }: { target: ItemDialogTarget; calendars: Calendar[]; onClose: () => void }) {
  const item = target.mode === 'open' ? target.item : null;
  const canEdit = item === null || item.access.actions.includes('calendar_item.edit');
  const title = item ? (canEdit ? `Edit ${item.kind}` : item.title) : 'New task or event';
  const [dirty, setDirty] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Closing with changes not saved asks first, and so does leaving the page (D24).
  const close = () => (dirty ? setConfirming(true) : onClose());
  return (
    <Dialog open onClose={close} title={title} testId="calendar-item-dialog">
      {item && !canEdit ? (
        <ItemDetails item={item} calendars={calendars} onClose={onClose} />
      ) : (
        <ItemForm target={target} calendars={calendars} onClose={onClose} onCancel={close} onDirty={setDirty} />
      )}
      <UnsavedChanges when={dirty} what={item ? `the changes to “${item.title}”` : 'the new item'} />
      <ConfirmDialog
        open={confirming}
        title={item ? 'Discard your changes?' : 'Discard the new item?'}
        confirmLabel="Discard"
        danger
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          onClose();
        }}
      >
        <p>What you typed is not saved yet. Discarding it cannot be undone.</p>
      </ConfirmDialog>
    </Dialog>
  );
}

function calendarName(calendars: Calendar[], userId: string): string {
  return calendars.find((c) => c.userId === userId)?.name ?? 'another calendar';
}

function whenText(item: CalendarItem): string {
  const show = item.allDay ? formatDate : formatDateTime;
  if (item.kind === 'task') return item.dueAt ? `Due ${show(item.dueAt)}` : 'No due date';
  return `${show(item.startsAt)} – ${show(item.endsAt)}`;
}

/** What a reader without Edit on the calendar sees: the item, and why they cannot change it. */
function ItemDetails({ item, calendars, onClose }: { item: CalendarItem; calendars: Calendar[]; onClose: () => void }) {
  const owner = calendarName(calendars, item.userId);
  return (
    <div className={styles.details}>
      <dl className={styles.facts}>
        <dt>Calendar</dt>
        <dd>{owner}</dd>
        <dt>When</dt>
        <dd>{whenText(item)}</dd>
        {item.recurrence ? (<><dt>Repeats</dt><dd>{repeatText(item.recurrence.rule)}</dd></>) : null}
        {item.kind === 'task' ? (<><dt>Status</dt><dd>{item.done ? 'Done' : item.overdue ? 'Overdue' : 'Open'}</dd></>) : null}
        {item.contact ? (<><dt>Contact</dt><dd>{item.contact.name}</dd></>) : null}
        {item.notes ? (<><dt>Notes</dt><dd className="pre-line">{item.notes}</dd></>) : null}
      </dl>
      <Notice tone="info" icon="lock" small testId="view-only-notice">
        <p>You can see {owner}’s calendar but not change it: that needs Edit access, which an administrator gives on the Users page.</p>
      </Notice>
      <FormActions>
        <Button onClick={onClose}>Close</Button>
      </FormActions>
    </div>
  );
}

function ItemForm({ target, calendars, onClose, onCancel, onDirty }: {
  target: ItemDialogTarget; calendars: Calendar[]; onClose: () => void; onCancel: () => void; onDirty: (dirty: boolean) => void;
}) {
  const item = target.mode === 'open' ? target.item : null;
  const [v, setV] = useState<ItemFormValues>(() => (item ? valuesOf(item) : target.mode === 'new' ? target.values : (undefined as never)));
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { create, update, remove } = useCalendarItemMutations();
  const toast = useToast();
  const [initial] = useState(v);
  const dirty = JSON.stringify(v) !== JSON.stringify(initial);
  // Before the next event: an Escape right after typing already finds the form dirty.
  useLayoutEffect(() => onDirty(dirty), [dirty, onDirty]);
  const set = <K extends keyof ItemFormValues>(key: K, value: ItemFormValues[K]) => setV((old) => ({ ...old, [key]: value }));
  const writable = calendars.filter((c) => c.active && (c.level === 'owner' || c.level === 'edit'));
  // The item's own calendar stays in the list even when it is not writable any more, so the select shows it.
  const choices = item && !writable.some((c) => c.userId === item.userId) ? [...writable, ...calendars.filter((c) => c.userId === item.userId)] : writable;
  const mutation = item ? update : create;
  const server = fieldErrorsOf(mutation.error, ['title', 'notes', 'dueAt', 'startsAt', 'endsAt']);
  const refusal = mutation.error && Object.keys(server.byField).length === 0 ? describeCalendarRefusal(mutation.error, item ? 'The change' : 'Creating it') : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!v.title.trim()) return setProblem('Give it a title.');
    const times = timesOf(v);
    if (times.problem) return setProblem(times.problem);
    setProblem(null);
    if (item) {
      const patch = toPatch(item, v);
      if (Object.keys(patch).length === 0) return onClose();
      update.mutate({ id: item.id, patch }, { onSuccess: () => { toast.show('Changes saved'); onClose(); } });
    } else {
      create.mutate(toNewItem(v), { onSuccess: (made) => { toast.show(`${made.kind === 'task' ? 'Task' : 'Event'} added to ${calendarName(calendars, made.userId)}’s calendar`); onClose(); } });
    }
  };
  const markDone = (done: boolean) => item && update.mutate({ id: item.id, patch: { done } }, { onSuccess: () => { toast.show(done ? 'Task done' : 'Task open again'); onClose(); } });

  return (
    <Form onSubmit={submit} noValidate>
      {refusal ? (
        <Notice tone="danger" icon="alert" title={refusal.title} role="alert" testId="calendar-refusal">
          {refusal.detail ? <p>{refusal.detail}</p> : null}
        </Notice>
      ) : null}
      {item?.recurrence ? <Notice tone="info" small><p>{repeatText(item.recurrence.rule)}. A change applies to every occurrence.</p></Notice> : null}
      {!item ? <Segmented kind="radio" label="Kind" options={KINDS} value={v.kind} onChange={(kind) => set('kind', kind)} /> : null}
      <Field label="Title" error={server.byField.title ?? (problem === 'Give it a title.' ? problem : null)}>
        <Input name="title" autoFocus={!item} maxLength={500} value={v.title} onChange={(e) => set('title', e.target.value)} />
      </Field>
      <Field label="Calendar" hint={calendarChoiceHint(calendars) ?? undefined}>
        <Select name="calendar" value={v.userId} onChange={(e) => set('userId', e.target.value)}>
          {choices.map((c) => (
            <option key={c.userId} value={c.userId}>
              {c.level === 'owner' ? `${c.name} (you)` : c.name}
            </option>
          ))}
        </Select>
      </Field>
      <Checkbox checked={v.allDay} onChange={(e) => set('allDay', e.target.checked)}>
        All day
      </Checkbox>
      {v.kind === 'task' ? (
        <Field label="Due" optional error={server.byField.dueAt ?? null}>
          <Input name="due" type={v.allDay ? 'date' : 'datetime-local'} value={asInput(v.due, v.allDay)} onChange={(e) => set('due', e.target.value)} />
        </Field>
      ) : (
        <FormRow>
          <Field label="Starts" error={server.byField.startsAt ?? null}>
            <Input name="start" type={v.allDay ? 'date' : 'datetime-local'} value={asInput(v.start, v.allDay)} onChange={(e) => set('start', e.target.value)} />
          </Field>
          <Field label="Ends" error={server.byField.endsAt ?? null}>
            <Input name="end" type={v.allDay ? 'date' : 'datetime-local'} value={asInput(v.end, v.allDay)} onChange={(e) => set('end', e.target.value)} />
          </Field>
        </FormRow>
      )}
      {v.kind === 'event' && (!item?.recurrence || repeatOf(item.recurrence.rule) !== null) ? (
        <Field label="Repeats" hint={item?.recurrence ? 'A change applies to the whole series.' : undefined}>
          <Select name="repeat" value={v.repeat} onChange={(e) => set('repeat', e.target.value as Repeat)}>
            {REPEATS.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {problem && problem !== 'Give it a title.' ? <p className={styles.problem} role="alert">{problem}</p> : null}
      <FieldGroup label="Contact">
        {target.mode === 'new' && target.lockContact && v.contact ? <p className={styles.locked}>{v.contact.name}</p> : <ContactPicker value={v.contact} onChange={(c) => set('contact', c)} />}
      </FieldGroup>
      <Field label="Notes" optional error={server.byField.notes ?? null}>
        <TextArea name="notes" rows={3} maxLength={10_000} value={v.notes} onChange={(e) => set('notes', e.target.value)} />
      </Field>
      <FormActions className={styles.actions}>
        {item && item.access.actions.includes('calendar_item.delete') ? (
          <Button variant="ghost" icon="trash" className={styles.delete} onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
        ) : null}
        {item?.kind === 'task' ? (
          <Button icon="check" onClick={() => markDone(!item.done)} loading={update.isPending && update.variables?.patch.done !== undefined}>
            {item.done ? 'Mark not done' : 'Mark done'}
          </Button>
        ) : null}
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" loading={mutation.isPending}>
          {item ? 'Save changes' : `Add ${v.kind}`}
        </Button>
      </FormActions>
      {item ? (
        <ConfirmDialog
          open={confirmDelete}
          title={`Delete “${item.title}”?`}
          confirmLabel="Delete"
          danger
          pending={remove.isPending}
          onClose={() => setConfirmDelete(false)}
          onConfirm={() => remove.mutate(item.id, { onSuccess: () => { toast.show(`“${item.title}” deleted`); onClose(); }, onError: (e) => toast.show(describeCalendarRefusal(e, 'Deleting it').detail ?? 'It could not be deleted.', 'error') })}
        >
          <p>{item.recurrence ? 'Every occurrence of this series is deleted.' : `It leaves ${calendarName(calendars, item.userId)}’s calendar.`} This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
    </Form>
  );
}
