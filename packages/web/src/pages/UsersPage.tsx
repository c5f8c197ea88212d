// Settings › Users: everyone in the org, add a user, and per user: administrator or not, deactivate, export
// channels, and View/Edit/None on every other user's contacts and calendar (user grants).
import { useNavigate, useParams } from 'react-router-dom';
import { useState } from 'react';
import type { User } from '../api/models.ts';
import { AddUserDialog } from '../features/admin/components/AddUserDialog.tsx';
import { exportSummary, UserDetailDialog } from '../features/admin/components/UserDetailDialog.tsx';
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
import { cx } from '../lib/cx.ts';
import styles from './UsersPage.module.css';

export function UsersPage() {
  const users = useUsers();
  const { user: me } = useCurrentUser();
  const { userId } = useParams();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);

  if (users.isPending) return <PageSpinner label="Loading users" />;
  if (users.isError) return <ErrorNotice error={users.error} onRetry={() => void users.refetch()} />;
  const selected = users.data.find((u) => u.id === userId) ?? null;
  const sorted = [...users.data].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section aria-labelledby="users-title">
      <SectionHeader
        id="users-title"
        title="Users"
        description="Who is in your organisation, what they may export, and whose contacts and calendars they may use."
        actions={
          <Button variant="primary" icon="userPlus" onClick={() => setAdding(true)}>
            Add user
          </Button>
        }
      />
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
                <tr key={u.id} className={styles.row} data-testid="user-row" onClick={() => navigate(`/settings/users/${u.id}`)}>
                  <td>
                    <div className={styles.person}>
                      <Avatar name={u.name} size={30} />
                      <div className={styles.personText}>
                        <button type="button" className={styles.name} onClick={() => navigate(`/settings/users/${u.id}`)}>
                          {u.name}
                        </button>
                        {u.id === me.id ? <span className="muted"> (you)</span> : null}
                        <div className="muted small">{u.email}</div>
                        {u.status === 'active' ? null : (
                          <span className={styles.phoneStatus}>
                            <Badge tone="danger">Deactivated</Badge>
                          </span>
                        )}
                      </div>
                    </div>
                  </td>
                  <td>{u.role === 'admin' ? <Badge tone="accent">Administrator</Badge> : <Badge>Member</Badge>}</td>
                  <td className={styles.status}>{u.status === 'active' ? <Badge tone="success">Active</Badge> : <Badge tone="danger">Deactivated</Badge>}</td>
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
      <AddUserDialog open={adding} onClose={() => setAdding(false)} onAdded={(u) => navigate(`/settings/users/${u.id}`)} />
      {selected ? <UserDetailDialog user={selected} users={users.data} onClose={() => navigate('/settings/users')} /> : null}
    </section>
  );
}
