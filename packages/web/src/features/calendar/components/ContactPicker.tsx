// Picks the contact a task or event is linked to: a search over the contacts the caller sees, offering only those
// they may add a task to (`contact.createTask`, collaborate or more: spec §7). Other pickers of one contact pass the
// action they need (a pipeline card: `contact.edit`) and their own words.
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../../api/client.ts';
import type { ContactAction } from '../../../api/models.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { Button } from '../../../ui/Button.tsx';
import { Input } from '../../../ui/Field.tsx';
import styles from './ContactPicker.module.css';

export type LinkedContact = { id: string; name: string };

export type ContactPickerWords = { search: string; results: string; none: string; clear: string };
const CALENDAR_WORDS: ContactPickerWords = { search: 'Link a contact', results: 'Contacts to link', none: 'No contact you collaborate on matches.', clear: 'Unlink' };

export function ContactPicker({ value, onChange, requires = 'contact.createTask', words = CALENDAR_WORDS }: {
  value: LinkedContact | null;
  onChange: (next: LinkedContact | null) => void;
  /** The action the chosen contact must allow the caller. */
  requires?: ContactAction;
  words?: ContactPickerWords;
}) {
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 250);
  const listId = useId();
  const found = useQuery({
    queryKey: ['contacts', 'picker', requires, search],
    enabled: value === null && search.length > 0,
    queryFn: async ({ signal }) => (await call('listContacts', { query: { q: search, limit: 8 }, signal })).items,
  });
  if (value) {
    return (
      <div className={styles.chosen} data-testid="linked-contact">
        <span className={styles.name}>{value.name}</span>
        <Button size="sm" variant="ghost" onClick={() => onChange(null)} aria-label={`${words.clear} ${value.name}`}>
          {words.clear}
        </Button>
      </div>
    );
  }
  const options = (found.data ?? []).filter((c) => c.access.actions.includes(requires));
  return (
    <div className={styles.picker}>
      <Input type="search" aria-label={words.search} aria-controls={search ? listId : undefined} placeholder="Search your contacts" value={q} onChange={(e) => setQ(e.target.value)} />
      {search ? (
        <ul id={listId} className={styles.results} aria-label={words.results}>
          {options.map((c) => (
            <li key={c.id}>
              <button type="button" className={styles.option} onClick={() => onChange({ id: c.id, name: c.name })}>
                {c.name}
                {c.company ? <span className="muted"> · {c.company}</span> : null}
              </button>
            </li>
          ))}
          {found.isSuccess && options.length === 0 ? <li className="muted small">{words.none}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
