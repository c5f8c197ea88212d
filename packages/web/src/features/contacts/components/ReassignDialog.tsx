// Hand a contact to another owner. The server decides whether the caller may move it to that person.
import { useState } from 'react';
import type { Contact } from '../../../api/models.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field, Select } from '../../../ui/Field.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useUsers } from '../../admin/hooks/useDirectory.ts';
import { useReassignContact } from '../hooks/useContact.ts';

export function ReassignDialog({ contact, open, onClose }: { contact: Contact; open: boolean; onClose: () => void }) {
  const users = useUsers();
  const [ownerId, setOwnerId] = useState('');
  const reassign = useReassignContact(contact.id);
  const toast = useToast();
  const candidates = (users.data ?? []).filter((u) => u.status === 'active' && u.id !== contact.ownerId);
  const close = () => {
    reassign.reset();
    setOwnerId('');
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Reassign ${contact.name}`}
      description={`${contact.ownerName} owns this contact now. The new owner gets full control; ${contact.ownerName} keeps access only if something else gives it.`}
      size="sm"
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button
            variant="primary"
            disabled={!ownerId}
            loading={reassign.isPending}
            onClick={() =>
              reassign.mutate(ownerId, {
                onSuccess: (c) => {
                  toast.show(`${c.name} now belongs to ${c.ownerName}`);
                  close();
                },
              })
            }
          >
            Reassign
          </Button>
        </>
      }
    >
      {reassign.error ? <ErrorNotice error={reassign.error} /> : null}
      <Field label="New owner">
        <Select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
          <option value="">Choose a person…</option>
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} · {u.email}
            </option>
          ))}
        </Select>
      </Field>
    </Dialog>
  );
}
