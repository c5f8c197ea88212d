import { useState, type FormEvent } from 'react';
import type { User } from '../../../api/models.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Checkbox, Field, Form, FormActions, Input } from '../../../ui/Field.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useCreateUser } from '../hooks/useAdmin.ts';

export function AddUserDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (user: User) => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Add a user" description="They sign in with this e-mail and password. Share the password with them safely." testId="add-user-dialog">
      <AddUserForm onClose={onClose} onAdded={onAdded} />
    </Dialog>
  );
}

function AddUserForm({ onClose, onAdded }: { onClose: () => void; onAdded: (user: User) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [admin, setAdmin] = useState(false);
  const create = useCreateUser();
  const toast = useToast();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), email: email.trim(), password, role: admin ? 'admin' : 'member' },
      {
        onSuccess: (user) => {
          toast.show(`${user.name} can now sign in`);
          onClose();
          onAdded(user);
        },
      },
    );
  };
  return (
    <Form onSubmit={submit}>
      {create.error ? <ErrorNotice error={create.error} /> : null}
      <Field label="Name">
        <Input name="name" autoFocus required value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="E-mail">
        <Input name="email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Field label="Temporary password" hint="At least 8 characters.">
        <Input name="password" type="password" autoComplete="new-password" required minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <Checkbox name="admin" checked={admin} onChange={(e) => setAdmin(e.target.checked)}>
        <span>
          <strong>Administrator</strong>
          <span className="muted"> · manages users, teams, permissions, branding and billing</span>
        </span>
      </Checkbox>
      <FormActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" loading={create.isPending} disabled={!name.trim() || !email.trim() || password.length < 8}>
          Add user
        </Button>
      </FormActions>
    </Form>
  );
}
