// Administrator or not, active or deactivated. Each change asks first and then offers Undo, as the API allows
// (issue 10, defect 14): a role change and a reactivation undo exactly; undoing a deactivation reactivates the user,
// but their sessions and API tokens, revoked at once, stay revoked (they sign in again).
import { useState } from 'react';
import type { User } from '../../../api/models.ts';
import { errorMessage } from '../../../api/errors.ts';
import { Button } from '../../../ui/Button.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { SettingRow, Switch } from '../../../ui/Switch.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { useUpdateUser } from '../hooks/useAdmin.ts';
import styles from './UserDetailDialog.module.css';

type Pending = { kind: 'role'; makeAdmin: boolean } | { kind: 'status'; deactivate: boolean } | null;

export function RoleAndStatus({ user }: { user: User }) {
  const { user: me } = useCurrentUser();
  const update = useUpdateUser();
  const toast = useToast();
  const [pending, setPending] = useState<Pending>(null);
  const deactivated = user.status === 'deactivated';
  const isMe = user.id === me.id;
  const first = user.name.split(' ')[0] ?? user.name;

  const undoable = (patch: { role?: User['role']; status?: User['status'] }, done: string, undo: { role?: User['role']; status?: User['status'] }, undone: string) =>
    update.mutate(
      { id: user.id, ...patch },
      {
        onSuccess: () => {
          setPending(null);
          toast.show(done, 'success', {
            label: 'Undo',
            onClick: () => update.mutate({ id: user.id, ...undo }, { onSuccess: () => toast.show(undone), onError: (e) => toast.show(errorMessage(e), 'error') }),
          });
        },
        onError: (e) => {
          setPending(null);
          toast.show(errorMessage(e), 'error');
        },
      },
    );

  const confirm = () => {
    if (!pending) return;
    if (pending.kind === 'role') {
      const role = pending.makeAdmin ? 'admin' : 'member';
      undoable({ role }, pending.makeAdmin ? `${user.name} is now an administrator` : `${user.name} is now a member`, { role: pending.makeAdmin ? 'member' : 'admin' }, `${user.name} is ${pending.makeAdmin ? 'a member' : 'an administrator'} again`);
    } else if (pending.deactivate) {
      undoable({ status: 'deactivated' }, `${user.name} deactivated`, { status: 'active' }, `${user.name} reactivated: they sign in again`);
    } else {
      undoable({ status: 'active' }, `${user.name} reactivated`, { status: 'deactivated' }, `${user.name} deactivated again`);
    }
  };

  return (
    <section className={styles.section} aria-label="Role and status">
      <Switch
        label="Administrator"
        description="Manages users, teams, permissions, branding and billing, and sees every contact's profile (not its history)."
        checked={user.role === 'admin'}
        disabled={update.isPending}
        onChange={(next) => setPending({ kind: 'role', makeAdmin: next })}
      />
      <SettingRow
        label={deactivated ? 'Deactivated' : 'Active'}
        description={deactivated ? 'Cannot sign in. Shares and grants to them give nothing until reactivated.' : 'Deactivating signs them out everywhere at once and stops their API tokens.'}
      >
        <Button
          variant={deactivated ? 'secondary' : 'danger'}
          size="sm"
          disabled={isMe && !deactivated}
          title={isMe && !deactivated ? 'You cannot deactivate yourself' : undefined}
          loading={update.isPending && pending?.kind === 'status'}
          onClick={() => setPending({ kind: 'status', deactivate: !deactivated })}
        >
          {deactivated ? 'Reactivate' : 'Deactivate'}
        </Button>
      </SettingRow>
      <ConfirmDialog
        open={pending?.kind === 'role'}
        title={pending?.kind === 'role' && pending.makeAdmin ? `Make ${user.name} an administrator?` : `Make ${user.name} a member?`}
        confirmLabel={pending?.kind === 'role' && pending.makeAdmin ? 'Make administrator' : 'Make member'}
        pending={update.isPending}
        onClose={() => setPending(null)}
        onConfirm={confirm}
      >
        {pending?.kind === 'role' && pending.makeAdmin ? (
          <p>
            {first} will manage users, teams, permissions, branding and billing, may export through every channel, and will see every contact’s profile. You can undo this right after.
          </p>
        ) : (
          <p>
            {first} will no longer manage the organisation{isMe ? ', and neither will you: you lose these settings at once' : ''}. Their own contacts, shares and grants stay as they are. You can undo this right after.
          </p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === 'status'}
        title={pending?.kind === 'status' && pending.deactivate ? `Deactivate ${user.name}?` : `Reactivate ${user.name}?`}
        confirmLabel={pending?.kind === 'status' && pending.deactivate ? 'Deactivate' : 'Reactivate'}
        danger={pending?.kind === 'status' && pending.deactivate}
        pending={update.isPending}
        onClose={() => setPending(null)}
        onConfirm={confirm}
      >
        {pending?.kind === 'status' && pending.deactivate ? (
          <p>
            {first} is signed out everywhere at once, their API tokens stop working, and shares and grants to them give nothing. Their contacts keep their owner: hand them over below. Undo reactivates {first}, who then signs in again.
          </p>
        ) : (
          <p>{first} can sign in again, and the shares and grants naming them work again. Their old sessions and API tokens stay revoked.</p>
        )}
      </ConfirmDialog>
    </section>
  );
}
