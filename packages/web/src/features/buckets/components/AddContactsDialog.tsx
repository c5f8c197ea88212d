// "Add contacts" on a bucket's page: search the contacts the caller sees, tick the ones to add. Only contacts the
// caller may edit can be ticked (adding shares them); the rest say why.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { call } from '../../../api/client.ts';
import type { Bucket, Contact } from '../../../api/models.ts';
import { cx } from '../../../lib/cx.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Form, FormActions, Input } from '../../../ui/Field.tsx';
import { Spinner } from '../../../ui/Spinner.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { addedMessage, countOf } from '../add-contacts.ts';
import { useBucketMutations } from '../hooks/useBuckets.ts';
import styles from './AddContactsDialog.module.css';

export function AddContactsDialog({ bucket, onClose }: { bucket: Bucket; onClose: () => void }) {
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 200);
  const results = useQuery({
    queryKey: ['contacts', 'pick', search],
    queryFn: async ({ signal }) => (await call('listContacts', { query: { q: search || undefined, limit: 30 }, signal })).items,
  });
  const [picked, setPicked] = useState<Map<string, Contact>>(new Map());
  const { addContacts } = useBucketMutations();
  const toast = useToast();
  const toggle = (c: Contact, on: boolean) => {
    const next = new Map(picked);
    if (on) next.set(c.id, c);
    else next.delete(c.id);
    setPicked(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (picked.size === 0 || addContacts.isPending) return;
    addContacts.mutate(
      { id: bucket.id, contactIds: [...picked.keys()] },
      {
        onSuccess: (after) => {
          toast.show(addedMessage(bucket.name, picked.size, bucket.contactCount, after.contactCount));
          onClose();
        },
      },
    );
  };

  return (
    <Dialog open onClose={onClose} title={`Add contacts to ${bucket.name}`} description="Everyone the bucket is shared with gets access to the contacts you add." testId="add-contacts-dialog">
      <Form onSubmit={submit}>
        {addContacts.error ? <ErrorNotice error={addContacts.error} /> : null}
        <Input type="search" aria-label="Find contacts" placeholder="Search by name or e-mail" value={q} onChange={(e) => setQ(e.target.value)} data-autofocus />
        <div className={styles.results}>
          {results.isPending ? (
            <div className={styles.status}>
              <Spinner size={16} label="Searching contacts" />
            </div>
          ) : results.isError ? (
            <ErrorNotice error={results.error} onRetry={() => void results.refetch()} />
          ) : results.data.length === 0 ? (
            <p className={styles.status}>No contacts match.</p>
          ) : (
            <ul className={styles.list} aria-label="Contacts to add">
              {results.data.map((c) => {
                const editable = c.access.actions.includes('contact.edit');
                return (
                  <li key={c.id}>
                    <label className={cx(styles.option, !editable && styles.disabled)}>
                      <input type="checkbox" checked={picked.has(c.id)} disabled={!editable} onChange={(e) => toggle(c, e.target.checked)} />
                      <Avatar name={c.name} size={24} />
                      <span className={styles.name}>{c.name}</span>
                      <span className={styles.detail}>{editable ? (c.company ?? c.emails[0] ?? '') : 'Needs Edit access'}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <FormActions>
          <span className={cx('muted small', styles.count)}>{picked.size > 0 ? `${countOf(picked.size)} selected` : 'Tick the contacts to add.'}</span>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" icon="plus" loading={addContacts.isPending} disabled={picked.size === 0}>
            {picked.size > 0 ? `Add ${countOf(picked.size)}` : 'Add'}
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
