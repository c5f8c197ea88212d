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

/** Whether the user's sign-in is locked now (admins' list only). */
export function isSignInLocked(user: User): boolean {
  return Boolean(user.lockedUntil) && Date.parse(user.lockedUntil as string) > Date.now();
}

/** `testId`: the phone layout shows a second copy in the name cell (the status column is hidden there). */
export function SignInLock({ user, testId = 'user-lock' }: { user: User; testId?: string }) {
  const unlock = useUnlockUser();
  const toast = useToast();
  if (!isSignInLocked(user) || !user.lockedUntil) return null;
  const onUnlock = () => unlock.mutate(user.id, {
    onSuccess: () => toast.show(`${user.name} can sign in again`),
    onError: (error) => toast.show(errorMessage(error), 'error'),
  });
  return (
    <div className={styles.lock} data-testid={testId}>
      <Badge tone="warning" title="Too many wrong passwords: signing in is paused until then">
        Locked until {formatClock(user.lockedUntil)}
      </Badge>
      <Button size="sm" onClick={onUnlock} loading={unlock.isPending} aria-label={`Unlock ${user.name}`}>
        Unlock
      </Button>
    </div>
  );
}
