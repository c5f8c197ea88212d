// Hand over a user's whole book to another active user (an admin's bulk reassign). It asks first: the move cannot be
// undone in one step (moving back would also take the new owner's own contacts).
import { useState } from 'react';
import type { User } from '../../../api/models.ts';
import { errorMessage } from '../../../api/errors.ts';
import { Button } from '../../../ui/Button.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { Select } from '../../../ui/Field.tsx';
import { Subheading } from '../../../ui/Page.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useHandOverContacts } from '../hooks/useAdmin.ts';
import styles from './UserDetailDialog.module.css';

export function HandOver({ user, users }: { user: User; users: User[] }) {
  const [toUserId, setToUserId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const handOver = useHandOverContacts();
  const toast = useToast();
  const candidates = users.filter((u) => u.id !== user.id && u.status === 'active');
  const target = candidates.find((c) => c.id === toUserId);
  const first = user.name.split(' ')[0] ?? user.name;
  const move = () =>
    handOver.mutate(
      { fromId: user.id, toUserId },
      {
        onSuccess: (moved) => {
          setConfirming(false);
          setToUserId('');
          toast.show(`${moved} ${moved === 1 ? 'contact' : 'contacts'} moved to ${target?.name ?? 'the new owner'}`);
        },
        onError: (e) => {
          setConfirming(false);
          toast.show(errorMessage(e), 'error');
        },
      },
    );
  return (
    <section className={styles.section} aria-labelledby="handover-title">
      <Subheading id="handover-title">Hand over contacts</Subheading>
      <p className={styles.lead}>
        Move every contact {user.name} owns to someone else{user.status === 'deactivated' ? ', so nothing is left without an active owner' : ''}. Their shares stay in place.
      </p>
      <div className={styles.inlineForm}>
        <Select compact aria-label="New owner of all their contacts" value={toUserId} onChange={(e) => setToUserId(e.target.value)}>
          <option value="">Choose the new owner…</option>
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </Select>
        <Button size="sm" disabled={!toUserId} onClick={() => setConfirming(true)}>
          Move all contacts
        </Button>
      </div>
      <ConfirmDialog
        open={confirming && target !== undefined}
        title={`Move all of ${first}’s contacts to ${target?.name ?? ''}?`}
        confirmLabel="Move all contacts"
        danger
        pending={handOver.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={move}
      >
        <p>
          Every contact {first} owns, archived and trashed ones too, will belong to {target?.name}. {first} keeps access only where a share or a grant gives it. Shares and buckets stay as they are.
        </p>
        <p>This cannot be undone in one step: moving them back would also move {target?.name.split(' ')[0]}’s own contacts.</p>
      </ConfirmDialog>
    </section>
  );
}
