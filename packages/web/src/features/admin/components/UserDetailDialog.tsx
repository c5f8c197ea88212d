// One user's settings: administrator or not, active or deactivated, export channels, and their access to every
// other user's contacts and calendar (one-way user grants: POST /users/:ownerId/grants, DELETE /grants/:id).
import { useState } from 'react';
import { EXPORT_CHANNELS, type ExportChannel, type Grant, type GrantLevel, type GrantScope, type User } from '../../../api/models.ts';
import { errorMessage } from '../../../api/errors.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Spinner } from '../../../ui/Spinner.tsx';
import { Switch } from '../../../ui/Switch.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { useGrants, useHandOverContacts, useOrgSettings, useSetGrant, useUpdateUser } from '../hooks/useAdmin.ts';

export const CHANNEL_LABEL: Record<ExportChannel, string> = {
  csv: 'CSV file',
  xlsx: 'Excel file',
  vcard: 'vCard (Google Contacts)',
  mailchimp_sync: 'Mailchimp sync',
  google_contacts_sync: 'Google Contacts sync',
  api: 'API tokens',
};

export function exportSummary(user: User): string {
  if (EXPORT_CHANNELS.every((c) => user.exportChannels.includes(c))) return 'All exports';
  if (user.exportChannels.length === 0) return 'No exports';
  return user.exportChannels.map((c) => CHANNEL_LABEL[c as ExportChannel] ?? c).join(', ');
}

export function UserDetailDialog({ user, users, onClose }: { user: User; users: User[]; onClose: () => void }) {
  return (
    <Dialog open onClose={onClose} title={user.name} description={user.email} size="lg" testId="user-dialog">
      <RoleAndStatus user={user} />
      <ExportChannels key={user.id} user={user} />
      <AccessToOthers user={user} users={users} />
      <HandOver user={user} users={users} />
    </Dialog>
  );
}

function RoleAndStatus({ user }: { user: User }) {
  const { user: me } = useCurrentUser();
  const update = useUpdateUser();
  const toast = useToast();
  const deactivated = user.status === 'deactivated';
  const onError = (error: unknown) => toast.show(errorMessage(error), 'error');
  return (
    <section className="settings-section">
      <Switch
        label="Administrator"
        description="Manages users, teams, permissions, branding and billing, and sees every contact's profile (not its history)."
        checked={user.role === 'admin'}
        disabled={update.isPending}
        onChange={(next) => update.mutate({ id: user.id, role: next ? 'admin' : 'member' }, { onSuccess: (u) => toast.show(`${u.name} is ${u.role === 'admin' ? 'now an administrator' : 'now a member'}`), onError })}
      />
      <div className="switch-row">
        <div className="switch-text">
          <span className="switch-label">{deactivated ? 'Deactivated' : 'Active'}</span>
          <p className="switch-description">
            {deactivated ? 'Cannot sign in. Shares and grants to them give nothing until reactivated.' : 'Deactivating signs them out everywhere at once and stops their API tokens.'}
          </p>
        </div>
        <Button
          variant={deactivated ? 'secondary' : 'danger'}
          size="sm"
          disabled={user.id === me.id && !deactivated}
          title={user.id === me.id ? 'You cannot deactivate yourself' : undefined}
          loading={update.isPending}
          onClick={() => update.mutate({ id: user.id, status: deactivated ? 'active' : 'deactivated' }, { onSuccess: (u) => toast.show(`${u.name} ${u.status === 'active' ? 'reactivated' : 'deactivated'}`), onError })}
        >
          {deactivated ? 'Reactivate' : 'Deactivate'}
        </Button>
      </div>
    </section>
  );
}

function HandOver({ user, users }: { user: User; users: User[] }) {
  const [toUserId, setToUserId] = useState('');
  const handOver = useHandOverContacts();
  const toast = useToast();
  const candidates = users.filter((u) => u.id !== user.id && u.status === 'active');
  return (
    <section className="settings-section" aria-labelledby="handover-title">
      <h3 id="handover-title" className="section-title">
        Hand over contacts
      </h3>
      <p className="muted small">
        Move every contact {user.name} owns to someone else{user.status === 'deactivated' ? ', so nothing is left without an active owner' : ''}. Their shares stay in place.
      </p>
      <div className="inline-form">
        <select className="input" aria-label="New owner of all their contacts" value={toUserId} onChange={(e) => setToUserId(e.target.value)}>
          <option value="">Choose the new owner…</option>
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <Button
          size="sm"
          disabled={!toUserId}
          loading={handOver.isPending}
          onClick={() =>
            handOver.mutate(
              { fromId: user.id, toUserId },
              {
                onSuccess: (moved) => toast.show(`${moved} ${moved === 1 ? 'contact' : 'contacts'} moved to ${candidates.find((c) => c.id === toUserId)?.name ?? 'the new owner'}`),
                onError: (e) => toast.show(errorMessage(e), 'error'),
              },
            )
          }
        >
          Move all contacts
        </Button>
      </div>
    </section>
  );
}

function ExportChannels({ user }: { user: User }) {
  const allNow = EXPORT_CHANNELS.every((c) => user.exportChannels.includes(c));
  const [mode, setMode] = useState<'all' | 'only'>(allNow ? 'all' : 'only');
  const [picked, setPicked] = useState<string[]>(allNow ? [] : user.exportChannels);
  const settings = useOrgSettings();
  const update = useUpdateUser();
  const toast = useToast();
  const next = mode === 'all' ? [...EXPORT_CHANNELS] : EXPORT_CHANNELS.filter((c) => picked.includes(c));
  const dirty = next.slice().sort().join(',') !== user.exportChannels.slice().sort().join(',');
  return (
    <section className="settings-section" aria-labelledby="export-title">
      <h3 id="export-title" className="section-title">
        Export channels
      </h3>
      {settings.data && !settings.data.exportEnabled && user.role !== 'admin' ? (
        <p className="notice notice-info small">Contact data export is off for the organisation, so only administrators can export whatever is chosen here.</p>
      ) : null}
      <div className="radio-group" role="radiogroup" aria-label="Export channels">
        <label className="radio">
          <input type="radio" name="export-mode" checked={mode === 'all'} onChange={() => setMode('all')} />
          All exports
        </label>
        <label className="radio">
          <input type="radio" name="export-mode" checked={mode === 'only'} onChange={() => setMode('only')} />
          Only these
        </label>
      </div>
      <div className={`channel-grid${mode === 'all' ? ' disabled' : ''}`}>
        {EXPORT_CHANNELS.map((c) => (
          <label key={c} className="checkbox">
            <input
              type="checkbox"
              disabled={mode === 'all'}
              checked={mode === 'all' || picked.includes(c)}
              onChange={(e) => setPicked(e.target.checked ? [...picked, c] : picked.filter((x) => x !== c))}
            />
            <span>{CHANNEL_LABEL[c]}</span>
          </label>
        ))}
      </div>
      <div className="form-actions">
        <Button
          size="sm"
          variant="primary"
          disabled={!dirty}
          loading={update.isPending}
          onClick={() => update.mutate({ id: user.id, exportChannels: next }, { onSuccess: () => toast.show('Export channels saved'), onError: (e) => toast.show(errorMessage(e), 'error') })}
        >
          Save export channels
        </Button>
      </div>
    </section>
  );
}

type Choice = GrantLevel | 'none';

function grantsFor(grants: Grant[], granteeId: string, ownerId: string, scope: GrantScope): Grant[] {
  return grants.filter((g) => g.ownerId === ownerId && g.scope === scope && 'userId' in g.grantee && g.grantee.userId === granteeId);
}

/** What the grants give now: an expired or not-yet-started grant gives nothing. */
function levelOf(grants: Grant[]): Choice {
  if (grants.some((g) => g.active && g.level === 'edit')) return 'edit';
  if (grants.some((g) => g.active && g.level === 'view')) return 'view';
  return 'none';
}

function AccessToOthers({ user, users }: { user: User; users: User[] }) {
  const grants = useGrants();
  const setGrant = useSetGrant();
  const toast = useToast();
  const others = users.filter((u) => u.id !== user.id).sort((a, b) => a.name.localeCompare(b.name));
  const change = (owner: User, scope: GrantScope, level: Choice, existing: Grant[]) =>
    setGrant.mutate(
      { ownerId: owner.id, grantee: { userId: user.id }, scope, level, existingIds: existing.map((g) => g.id) },
      {
        onSuccess: () => toast.show(level === 'none' ? `${user.name} no longer has access to ${owner.name}'s ${scope}` : `${user.name} can now ${level} ${owner.name}'s ${scope}`),
        onError: (e) => toast.show(errorMessage(e), 'error'),
      },
    );
  return (
    <section className="settings-section" aria-labelledby="access-title">
      <h3 id="access-title" className="section-title">
        Access to colleagues
      </h3>
      <p className="muted small">What {user.name} may do with each colleague’s contacts and calendar. Grants are one-way.</p>
      {grants.isPending ? (
        <Spinner size={16} label="Loading access" />
      ) : grants.isError ? (
        <ErrorNotice error={grants.error} onRetry={() => void grants.refetch()} />
      ) : others.length === 0 ? (
        <p className="muted">Nobody else is in the organisation yet.</p>
      ) : (
        <table className="table grant-table" aria-label={`${user.name}'s access to colleagues`}>
          <thead>
            <tr>
              <th>Colleague</th>
              <th>Their contacts</th>
              <th>Their calendar</th>
            </tr>
          </thead>
          <tbody>
            {others.map((owner) => (
              <tr key={owner.id} data-testid="grant-row" data-owner={owner.name}>
                <td>
                  <div className="person">
                    <Avatar name={owner.name} size={24} />
                    <span>{owner.name}</span>
                  </div>
                </td>
                {(['contacts', 'calendar'] as const).map((scope) => {
                  const existing = grantsFor(grants.data, user.id, owner.id, scope);
                  const current = levelOf(existing);
                  return (
                    <td key={scope}>
                      <div className="segmented segmented-sm" role="radiogroup" aria-label={`${owner.name}'s ${scope}`}>
                        {(['view', 'edit', 'none'] as const).map((choice) => (
                          <button
                            key={choice}
                            type="button"
                            role="radio"
                            aria-checked={current === choice}
                            className={`segment${current === choice ? ' active' : ''}`}
                            disabled={setGrant.isPending}
                            onClick={() => current !== choice && change(owner, scope, choice, existing)}
                          >
                            {choice === 'view' ? 'View' : choice === 'edit' ? 'Edit' : 'None'}
                          </button>
                        ))}
                      </div>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
