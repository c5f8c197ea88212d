// Pending invitations on the Users page: who, as what, until when; send again (a new link, the old one stops
// working) or withdraw (asks first). Expired ones stay listed until withdrawn or sent again.
import { useState } from 'react';
import type { Invitation } from '../../../api/models.ts';
import { errorMessage } from '../../../api/errors.ts';
import { formatDate } from '../../../lib/format.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { Badge } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Card, CardHeader } from '../../../ui/Card.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useInvitations, useInvite, useRevokeInvitation } from '../hooks/useInvitations.ts';
import { deliveryNotice } from './PasswordActions.tsx';
import styles from './InvitationsList.module.css';

export function InvitationsList() {
  const invitations = useInvitations();
  const invite = useInvite();
  const revoke = useRevokeInvitation();
  const toast = useToast();
  const [withdrawing, setWithdrawing] = useState<Invitation | null>(null);
  if (invitations.isError) return <ErrorNotice error={invitations.error} onRetry={() => void invitations.refetch()} />;
  const items = invitations.data?.items ?? [];
  if (items.length === 0) return null;

  const sendAgain = (i: Invitation) =>
    invite.mutate(
      { name: i.name, email: i.email, role: i.role },
      {
        onSuccess: ({ delivery }) => {
          const notice = deliveryNotice(delivery, i.email, `A new invitation to ${i.name}`);
          toast.show(notice.title, delivery === 'failed' ? 'error' : delivery === 'logged' ? 'info' : 'success');
        },
        onError: (e) => toast.show(errorMessage(e), 'error'),
      },
    );

  return (
    <Card as="section" className={styles.card} aria-labelledby="invitations-title" data-testid="invitations">
      <CardHeader id="invitations-title" title="Pending invitations" />
      <ul className={styles.list}>
        {items.map((i) => (
          <li key={i.id} className={styles.item} data-testid="invitation-row">
            <Avatar name={i.name} size={28} />
            <span className={styles.text}>
              <strong>{i.name}</strong>
              <span className="muted small">
                {i.email} · {i.role === 'admin' ? 'Administrator' : 'Member'}
              </span>
            </span>
            {i.status === 'expired' ? <Badge tone="warning">Expired</Badge> : <span className="muted small">Until {formatDate(i.expiresAt)}</span>}
            <span className={styles.actions}>
              <Button size="sm" variant="ghost" icon="send" onClick={() => sendAgain(i)} disabled={invite.isPending} aria-label={`Send the invitation to ${i.name} again`}>
                Send again
              </Button>
              <Button size="sm" variant="ghost" icon="x" onClick={() => setWithdrawing(i)} aria-label={`Withdraw the invitation to ${i.name}`}>
                Withdraw
              </Button>
            </span>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={withdrawing !== null}
        title={`Withdraw the invitation to ${withdrawing?.name ?? ''}?`}
        confirmLabel="Withdraw invitation"
        danger
        pending={revoke.isPending}
        onClose={() => setWithdrawing(null)}
        onConfirm={() =>
          withdrawing &&
          revoke.mutate(withdrawing.id, {
            onSuccess: () => {
              toast.show(`The invitation to ${withdrawing.name} was withdrawn: its link no longer works`);
              setWithdrawing(null);
            },
            onError: (e) => {
              toast.show(errorMessage(e), 'error');
              setWithdrawing(null);
            },
          })
        }
      >
        <p>The link in the e-mail stops working at once. You can invite {withdrawing?.email} again later.</p>
      </ConfirmDialog>
    </Card>
  );
}
