// Picks the contact a task or event is linked to: a search over the contacts the caller sees, offering only those
// they may add a task to (`contact.createTask`, collaborate or more: spec §7).
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../../api/client.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { Button } from '../../../ui/Button.tsx';
import { Input } from '../../../ui/Field.tsx';
import styles from './ContactPicker.module.css';

export type LinkedContact = { id: string; name: string };

export function ContactPicker({ value, onChange }: { value: LinkedContact | null; onChange: (next: LinkedContact | null) => void }) {
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 250);
  const listId = useId();
  const found = useQuery({
    queryKey: ['contacts', 'calendar-link', search],
    enabled: value === null && search.length > 0,
    queryFn: async ({ signal }) => (await call('listContacts', { query: { q: search, limit: 8 }, signal })).items,
  });
  if (value) {
    return (
      <div className={styles.chosen} data-testid="linked-contact">
        <span className={styles.name}>{value.name}</span>
        <Button size="sm" variant="ghost" onClick={() => onChange(null)} aria-label={`Unlink ${value.name}`}>
          Unlink
        </Button>
      </div>
    );
  }
  const options = (found.data ?? []).filter((c) => c.access.actions.includes('contact.createTask'));
  return (
    <div className={styles.picker}>
      <Input type="search" aria-label="Link a contact" aria-controls={listId} placeholder="Search your contacts" value={q} onChange={(e) => setQ(e.target.value)} />
      {search ? (
        <ul id={listId} className={styles.results} aria-label="Contacts to link">
          {options.map((c) => (
            <li key={c.id}>
              <button type="button" className={styles.option} onClick={() => onChange({ id: c.id, name: c.name })}>
                {c.name}
                {c.company ? <span className="muted"> · {c.company}</span> : null}
              </button>
            </li>
          ))}
          {found.isSuccess && options.length === 0 ? <li className="muted small">No contact you collaborate on matches.</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
