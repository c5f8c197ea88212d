// A user's sign-in lock on the Users page (D46): "Locked until 09:15" and an Unlock button for the admin. No
// confirmation: unlocking only lets the user try their password again.
import { errorMessage } from '../../../api/errors.ts';
import type { User } from '../../../api/models.ts';
import { formatClock } from '../../../lib/format.ts';
import { Badge } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useUnlockUser } from '../hooks/useAdmin.ts';
import styles from './SignInLock.module.css';

export function SignInLock({ user }: { user: User }) {
  const unlock = useUnlockUser();
  const toast = useToast();
  if (!user.lockedUntil || Date.parse(user.lockedUntil) <= Date.now()) return null;
  const onUnlock = () => unlock.mutate(user.id, {
    onSuccess: () => toast.show(`${user.name} can sign in again`),
    onError: (error) => toast.show(errorMessage(error), 'error'),
  });
  return (
    <div className={styles.lock} data-testid="user-lock">
      <Badge tone="warning" title="Too many wrong passwords: signing in is paused until then">
        Locked until {formatClock(user.lockedUntil)}
      </Badge>
      <Button size="sm" onClick={onUnlock} loading={unlock.isPending} aria-label={`Unlock ${user.name}`}>
        Unlock
      </Button>
    </div>
  );
}
