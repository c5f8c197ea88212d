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
import { PageSpinner } from '../ui/Spinner.tsx';

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
      <div className="section-header">
        <div>
          <h2 id="users-title">Users</h2>
          <p className="muted">Who is in your organisation, what they may export, and whose contacts and calendars they may use.</p>
        </div>
        <Button variant="primary" icon="userPlus" onClick={() => setAdding(true)}>
          Add user
        </Button>
      </div>
      {sorted.length === 0 ? (
        <EmptyState icon="users" title="No users yet" />
      ) : (
        <div className="table-card">
          <table className="table" aria-label="Users">
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th>Status</th>
                <th>Export</th>
                <th aria-label="Open" />
              </tr>
            </thead>
            <tbody>
              {sorted.map((u: User) => (
                <tr key={u.id} className="table-row-link" data-testid="user-row" onClick={() => navigate(`/settings/users/${u.id}`)}>
                  <td>
                    <div className="person">
                      <Avatar name={u.name} size={30} />
                      <div>
                        <button type="button" className="link-button" onClick={() => navigate(`/settings/users/${u.id}`)}>
                          {u.name}
                        </button>
                        {u.id === me.id ? <span className="muted"> (you)</span> : null}
                        <div className="muted small">{u.email}</div>
                      </div>
                    </div>
                  </td>
                  <td>{u.role === 'admin' ? <Badge tone="accent">Administrator</Badge> : <Badge>Member</Badge>}</td>
                  <td>{u.status === 'active' ? <Badge tone="success">Active</Badge> : <Badge tone="danger">Deactivated</Badge>}</td>
                  <td className="muted">{u.role === 'admin' ? 'Any channel (administrator)' : exportSummary(u)}</td>
                  <td className="table-chevron">
                    <Icon name="chevronRight" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddUserDialog open={adding} onClose={() => setAdding(false)} onAdded={(u) => navigate(`/settings/users/${u.id}`)} />
      {selected ? <UserDetailDialog user={selected} users={users.data} onClose={() => navigate('/settings/users')} /> : null}
    </section>
  );
}
