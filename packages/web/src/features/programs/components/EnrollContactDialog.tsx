// "Enrol a contact" from a program's page: a search over the contacts the caller sees, offering only those they may
// enrol (`contact.enroll`: collaborate or more, as messaging them needs). The server decides again and its refusal
// (already in the program, access gone) is shown in the dialog.
import { useQuery } from '@tanstack/react-query';
import type { ProgramDto } from '@tandem/api';
import { useId, useState } from 'react';
import { call } from '../../../api/client.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Input } from '../../../ui/Field.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useEnrollmentMutations } from '../hooks/usePrograms.ts';
import styles from './EnrollContactDialog.module.css';

export function EnrollContactDialog({ program, onClose }: { program: ProgramDto; onClose: () => void }) {
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 250);
  const listId = useId();
  const { enroll } = useEnrollmentMutations();
  const toast = useToast();
  const found = useQuery({
    queryKey: ['contacts', 'enrollable', search],
    enabled: search.length > 0,
    queryFn: async ({ signal }) => (await call('listContacts', { query: { q: search, limit: 10 }, signal })).items,
  });
  const options = (found.data ?? []).filter((c) => c.access.actions.includes('contact.enroll'));
  const pick = (contact: { id: string; name: string }) =>
    enroll.mutate({ programId: program.id, contactId: contact.id }, {
      onSuccess: () => {
        toast.show(`${contact.name} enrolled in ${program.name}`);
        onClose();
      },
    });

  return (
    <Dialog open onClose={onClose} title={`Enrol a contact in ${program.name}`} description="Only contacts you collaborate on (or more) can be enrolled: the steps go out on their owner’s behalf, with you as the sender." size="sm" testId="enroll-contact-dialog">
      {enroll.error ? <ErrorNotice error={enroll.error} /> : null}
      <Input type="search" aria-label="Search contacts to enrol" aria-controls={listId} placeholder="Search your contacts" value={q} onChange={(e) => setQ(e.target.value)} data-autofocus />
      {search ? (
        <ul id={listId} className={styles.results} aria-label="Contacts to enrol">
          {options.map((c) => (
            <li key={c.id} className={styles.result}>
              <span className={styles.name}>
                {c.name}
                {c.company ? <span className="muted"> · {c.company}</span> : null}
              </span>
              <Button size="sm" variant="primary" loading={enroll.isPending && enroll.variables?.contactId === c.id} disabled={enroll.isPending} onClick={() => pick(c)} aria-label={`Enrol ${c.name}`}>
                Enrol
              </Button>
            </li>
          ))}
          {found.isSuccess && options.length === 0 ? <li className="muted small">No contact you collaborate on matches.</li> : null}
        </ul>
      ) : (
        <p className="muted small">Type a name, a company or an e-mail address.</p>
      )}
    </Dialog>
  );
}
