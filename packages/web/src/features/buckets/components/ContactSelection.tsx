// A simple selection mode for the contacts list: "Select" turns the rows into checkboxes (in the list's own
// columns), a bar counts the picked contacts and offers "Add to bucket". Kept apart from the list page so a
// fuller bulk-actions bar can take over the selection and keep AddToBucketDialog as one of its actions.
import { useCallback, useEffect, useState } from 'react';
import type { Contact } from '../../../api/models.ts';
import { cx } from '../../../lib/cx.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { Button } from '../../../ui/Button.tsx';
import { LevelBadge } from '../../contacts/components/LevelBadge.tsx';
import { countOf } from '../add-contacts.ts';
import { AddToBucketDialog } from './AddToBucketDialog.tsx';
import styles from './ContactSelection.module.css';

export type ContactSelection = {
  active: boolean;
  selected: Map<string, Contact>;
  start: () => void;
  stop: () => void;
  toggle: (contact: Contact) => void;
  setMany: (contacts: Contact[], on: boolean) => void;
};

export function useContactSelection(): ContactSelection {
  const [active, setActive] = useState(false);
  const [selected, setSelected] = useState<Map<string, Contact>>(new Map());
  const stop = useCallback(() => {
    setActive(false);
    setSelected(new Map());
  }, []);
  const toggle = useCallback((contact: Contact) => {
    setSelected((prev) => {
      const next = new Map(prev);
      if (next.has(contact.id)) next.delete(contact.id);
      else next.set(contact.id, contact);
      return next;
    });
  }, []);
  const setMany = useCallback((contacts: Contact[], on: boolean) => {
    setSelected((prev) => {
      const next = new Map(prev);
      for (const c of contacts) {
        if (on) next.set(c.id, c);
        else next.delete(c.id);
      }
      return next;
    });
  }, []);
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('dialog[open]')) stop();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, stop]);
  return { active, selected, start: () => setActive(true), stop, toggle, setMany };
}

/** The "Select" button of the list's toolbar. */
export function SelectButton({ selection }: { selection: ContactSelection }) {
  return selection.active ? null : (
    <Button icon="check" onClick={selection.start}>
      Select
    </Button>
  );
}

/** The list's rows with a checkbox each; a click anywhere on a row ticks it. */
export function SelectableContactRows({ items, selection, meId }: { items: Contact[]; selection: ContactSelection; meId: string }) {
  return (
    <ul className={styles.rows} aria-label="Select contacts">
      {items.map((c) => {
        const checked = selection.selected.has(c.id);
        const subtitle = [c.title, c.company].filter(Boolean).join(' · ');
        return (
          <li key={c.id} className={cx(styles.row, checked && styles.checked)} data-testid="selectable-row">
            <label className={styles.label}>
              <span className={styles.nameCell}>
                <input type="checkbox" checked={checked} onChange={() => selection.toggle(c)} aria-label={`Select ${c.name}`} />
                <Avatar name={c.name} size={32} />
                <span className={styles.nameText}>
                  <span className={styles.name}>{c.name}</span>
                  <span className={styles.sub}>{subtitle || '\u00a0'}</span>
                </span>
              </span>
              <span className={cx(styles.cell, styles.email)}>{c.emails[0] ?? '—'}</span>
              <span className={cx(styles.cell, styles.phone)}>{c.phones[0] ?? '—'}</span>
              <span className={cx(styles.cell, styles.owner)}>{c.ownerId === meId ? 'You' : c.ownerName}</span>
              <span className={styles.access}>{c.access.shared ? <LevelBadge level={c.access.level} /> : null}</span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}

/** While selecting: how many are picked, select all shown, "Add to bucket", and Done. */
export function SelectionBar({ selection, items }: { selection: ContactSelection; items: Contact[] }) {
  const [adding, setAdding] = useState(false);
  if (!selection.active) return null;
  const count = selection.selected.size;
  const allShown = items.length > 0 && items.every((c) => selection.selected.has(c.id));
  return (
    <div className={styles.bar} role="region" aria-label="Selected contacts" data-testid="selection-bar">
      <span className={styles.count} aria-live="polite">
        {count === 0 ? 'Tick the contacts you want' : `${countOf(count)} selected`}
      </span>
      <Button size="sm" variant="ghost" onClick={() => selection.setMany(items, !allShown)}>
        {allShown ? 'Clear all' : 'Select all shown'}
      </Button>
      <span className={styles.spacer} />
      <Button size="sm" variant="primary" icon="folderPlus" disabled={count === 0} onClick={() => setAdding(true)}>
        Add to bucket
      </Button>
      <Button size="sm" onClick={selection.stop}>
        Done
      </Button>
      {adding ? (
        <AddToBucketDialog
          contacts={[...selection.selected.values()]}
          onClose={() => setAdding(false)}
          onAdded={() => selection.stop()}
        />
      ) : null}
    </div>
  );
}
