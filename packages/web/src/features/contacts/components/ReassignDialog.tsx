// Hand a contact to another owner. Only the people the server would accept are offered (`access.reassignTo`, spec
// §6.4: an admin may give it to anyone active; a member to themselves and to the owners of their Edit grants), and a
// refusal names what is missing: Edit access to the new owner's contacts (issue 10, defect 5).
import { useState } from 'react';
import type { Contact, User } from '../../../api/models.ts';
import { hasCode } from '../../../api/errors.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field, Select } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useUsers } from '../../admin/hooks/useDirectory.ts';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { useReassignContact } from '../hooks/useContact.ts';

/** The active users the caller may make the owner, the current owner left out. */
export function reassignCandidates(contact: Contact, users: readonly User[]): User[] {
  const { anyone, userIds } = contact.access.reassignTo;
  return users.filter((u) => u.status === 'active' && u.id !== contact.ownerId && (anyone || userIds.includes(u.id)));
}

export function ReassignDialog({ contact, open, onClose }: { contact: Contact; open: boolean; onClose: () => void }) {
  const users = useUsers();
  const { user: me } = useCurrentUser();
  const [ownerId, setOwnerId] = useState('');
  const reassign = useReassignContact(contact.id);
  const toast = useToast();
  const candidates = reassignCandidates(contact, users.data ?? []);
  const chosen = candidates.find((u) => u.id === ownerId);
  const close = () => {
    reassign.reset();
    setOwnerId('');
    onClose();
  };
  const refusedFor = hasCode(reassign.error, 'TANDEM_ACCESS_FORBIDDEN') ? (chosen ?? null) : null;
  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Reassign ${contact.name}`}
      description={`${contact.ownerId === me.id ? 'You own' : `${contact.ownerName} owns`} this contact now. The new owner gets full control; ${contact.ownerId === me.id ? 'you keep' : `${contact.ownerName} keeps`} access only if something else gives it.`}
      size="sm"
      testId="reassign-dialog"
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
      {refusedFor ? (
        <Notice tone="danger" icon="alert" role="alert" title={`You cannot give contacts to ${refusedFor.name}`}>
          <p>You need Edit access to {refusedFor.name}’s contacts for that. An administrator gives it on the Users page (Settings › Users).</p>
        </Notice>
      ) : reassign.error ? (
        <ErrorNotice error={reassign.error} />
      ) : null}
      {candidates.length === 0 ? (
        <Notice tone="info" small>
          There is nobody you can give this contact to. Handing a contact to someone needs Edit access to their contacts, which an administrator gives on the Users page.
        </Notice>
      ) : (
        <Field
          label="New owner"
          hint={contact.access.reassignTo.anyone ? undefined : 'Only people whose contacts you have Edit access to are listed (and you). An administrator gives that access on the Users page.'}
        >
          <Select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">Choose a person…</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.id === me.id ? `${u.name} (you)` : u.name} · {u.email}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </Dialog>
  );
}
