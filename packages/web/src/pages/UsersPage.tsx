// Settings › Users: everyone in the org, pending invitations, add a user (one flow with the seed's questions), and
// per user: administrator or not, deactivate, signing in, export channels, and access to colleagues' contacts and
// calendars (user and team grants, with windows).
//
// Opening a user is one history entry (/settings/users/:id, state `fromList`): Back closes the dialog, and closing it
// goes back rather than pushing the list again, so Back after closing does not reopen it (issue 10, defect 2). A
// user's address opened directly closes by replacing itself with the list.
import { useState, type MouseEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { User } from '../api/models.ts';
import { exportSummary } from '../features/admin/channels.ts';
import { AddUserDialog, type AddUserResult } from '../features/admin/components/AddUserDialog.tsx';
import { InvitationsList } from '../features/admin/components/InvitationsList.tsx';
import { isSignInLocked, SignInLock } from '../features/admin/components/SignInLock.tsx';
import { UserDetailDialog } from '../features/admin/components/UserDetailDialog.tsx';
import { useUsers } from '../features/admin/hooks/useDirectory.ts';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Badge } from '../ui/Badge.tsx';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Icon } from '../ui/Icon.tsx';
import { SectionHeader } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { Table, TableCard } from '../ui/Table.tsx';
import { useToast } from '../ui/Toast.tsx';
import { cx } from '../lib/cx.ts';
import styles from './UsersPage.module.css';

type UsersLocationState = { fromList?: boolean } | null;

export function UsersPage() {
  const users = useUsers();
  const { user: me } = useCurrentUser();
  const { userId } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const toast = useToast();
  const [adding, setAdding] = useState(false);

  const open = (id: string) => navigate(`/settings/users/${id}`, { state: { fromList: true } });
  const close = () => {
    if ((location.state as UsersLocationState)?.fromList) navigate(-1);
    else navigate('/settings/users', { replace: true });
  };
  const onRowClick = (event: MouseEvent, id: string) => {
    // The name is a button of its own; a click on it must not open the user a second time.
    if ((event.target as HTMLElement).closest('button')) return;
    open(id);
  };
  const onAdded = (result: AddUserResult) => {
    setAdding(false);
    if (result.kind === 'created') {
      toast.show(`${result.user.name} can now sign in`);
      open(result.user.id);
    }
  };

  if (users.isPending) return <PageSpinner label="Loading users" />;
  if (users.isError) return <ErrorNotice error={users.error} onRetry={() => void users.refetch()} />;
  const selected = users.data.find((u) => u.id === userId) ?? null;
  const sorted = [...users.data].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section aria-labelledby="users-title">
      <SectionHeader
        id="users-title"
        title="Users"
        description={
          <>
            Who is in your organisation, what they may export, and whose contacts and calendars they may use. A calendar grant
            governs the <Link className={styles.calendarLink} to="/calendar">Calendar</Link>: View shows that colleague’s tasks and events; Edit also lets them add,
            change, move and delete them (and link tasks to contacts they collaborate on). Being an administrator gives no calendar access.
          </>
        }
        actions={
          <Button variant="primary" icon="userPlus" onClick={() => setAdding(true)}>
            Add user
          </Button>
        }
      />
      <InvitationsList />
      {sorted.length === 0 ? (
        <EmptyState icon="users" title="No users yet" />
      ) : (
        <TableCard>
          <Table aria-label="Users">
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th className={styles.status}>Status</th>
                <th className={styles.export}>Export</th>
                <th aria-label="Open" />
              </tr>
            </thead>
            <tbody>
              {sorted.map((u: User) => (
                <tr key={u.id} className={styles.row} data-testid="user-row" onClick={(e) => onRowClick(e, u.id)}>
                  <td>
                    <div className={styles.person}>
                      <Avatar name={u.name} size={30} />
                      <div className={styles.personText}>
                        <button type="button" className={styles.name} onClick={() => open(u.id)}>
                          {u.name}
                        </button>
                        {u.id === me.id ? <span className="muted"> (you)</span> : null}
                        <div className="muted small">{u.email}</div>
                        {u.smsLine ? <div className="muted small" data-testid="user-sms-line">SMS {u.smsLine}</div> : null}
                        {u.status === 'active' ? null : (
                          <span className={styles.phoneStatus}>
                            <Badge tone="danger">Deactivated</Badge>
                          </span>
                        )}
                        {isSignInLocked(u) ? (
                          <span className={styles.phoneStatus}>
                            <SignInLock user={u} testId="user-lock-phone" />
                          </span>
                        ) : null}
                      </div>
                    </div>
                  </td>
                  <td>{u.role === 'admin' ? <Badge tone="accent">Administrator</Badge> : <Badge>Member</Badge>}</td>
                  <td className={styles.status}>
                    {u.status === 'active' ? <Badge tone="success">Active</Badge> : <Badge tone="danger">Deactivated</Badge>}
                    <SignInLock user={u} />
                  </td>
                  <td className={cx(styles.export, 'muted')}>{u.role === 'admin' ? 'Any channel (administrator)' : exportSummary(u)}</td>
                  <td className={styles.chevron}>
                    <Icon name="chevronRight" />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </TableCard>
      )}
      <AddUserDialog open={adding} onClose={() => setAdding(false)} onAdded={onAdded} users={users.data} />
      {selected ? <UserDetailDialog user={selected} users={users.data} onClose={close} /> : null}
    </section>
  );
}
