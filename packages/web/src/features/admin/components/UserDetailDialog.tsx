// One user's settings: administrator or not, active or deactivated, export channels, and their access to every
// other user's contacts and calendar (one-way user grants: POST /users/:ownerId/grants, DELETE /grants/:id).
import { useState } from 'react';
import { EXPORT_CHANNELS, type ExportChannel, type Grant, type GrantLevel, type GrantScope, type User } from '../../../api/models.ts';
import { errorMessage } from '../../../api/errors.ts';
import { cx } from '../../../lib/cx.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Checkbox, FormActions, Radio, Select } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Subheading } from '../../../ui/Page.tsx';
import { Segmented } from '../../../ui/Segmented.tsx';
import { Table } from '../../../ui/Table.tsx';
import { Spinner } from '../../../ui/Spinner.tsx';
import { SettingRow, Switch } from '../../../ui/Switch.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { useGrants, useHandOverContacts, useOrgSettings, useSetGrant, useUpdateUser } from '../hooks/useAdmin.ts';
import styles from './UserDetailDialog.module.css';

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
    <section className={styles.section}>
      <Switch
        label="Administrator"
        description="Manages users, teams, permissions, branding and billing, and sees every contact's profile (not its history)."
        checked={user.role === 'admin'}
        disabled={update.isPending}
        onChange={(next) => update.mutate({ id: user.id, role: next ? 'admin' : 'member' }, { onSuccess: (u) => toast.show(`${u.name} is ${u.role === 'admin' ? 'now an administrator' : 'now a member'}`), onError })}
      />
      <SettingRow
        label={deactivated ? 'Deactivated' : 'Active'}
        description={deactivated ? 'Cannot sign in. Shares and grants to them give nothing until reactivated.' : 'Deactivating signs them out everywhere at once and stops their API tokens.'}
      >
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
      </SettingRow>
    </section>
  );
}

function HandOver({ user, users }: { user: User; users: User[] }) {
  const [toUserId, setToUserId] = useState('');
  const handOver = useHandOverContacts();
  const toast = useToast();
  const candidates = users.filter((u) => u.id !== user.id && u.status === 'active');
  return (
    <section className={styles.section} aria-labelledby="handover-title">
      <Subheading id="handover-title">Hand over contacts</Subheading>
      <p className={styles.lead}>
        Move every contact {user.name} owns to someone else{user.status === 'deactivated' ? ', so nothing is left without an active owner' : ''}. Their shares stay in place.
      </p>
      <div className={styles.inlineForm}>
        <Select compact aria-label="New owner of all their contacts" value={toUserId} onChange={(e) => setToUserId(e.target.value)}>
          <option value="">Choose the new owner…</option>
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </Select>
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
    <section className={styles.section} aria-labelledby="export-title">
      <Subheading id="export-title">Export channels</Subheading>
      {settings.data && !settings.data.exportEnabled && user.role !== 'admin' ? (
        <Notice tone="info" small>
          Contact data export is off for the organisation, so only administrators can export whatever is chosen here.
        </Notice>
      ) : null}
      <div className={styles.radioGroup} role="radiogroup" aria-label="Export channels">
        <Radio name="export-mode" checked={mode === 'all'} onChange={() => setMode('all')}>
          All exports
        </Radio>
        <Radio name="export-mode" checked={mode === 'only'} onChange={() => setMode('only')}>
          Only these
        </Radio>
      </div>
      <div className={cx(styles.channels, mode === 'all' && styles.channelsOff)}>
        {EXPORT_CHANNELS.map((c) => (
          <Checkbox
            key={c}
            disabled={mode === 'all'}
            checked={mode === 'all' || picked.includes(c)}
            onChange={(e) => setPicked(e.target.checked ? [...picked, c] : picked.filter((x) => x !== c))}
          >
            <span>{CHANNEL_LABEL[c]}</span>
          </Checkbox>
        ))}
      </div>
      <FormActions>
        <Button
          size="sm"
          variant="primary"
          disabled={!dirty}
          loading={update.isPending}
          onClick={() => update.mutate({ id: user.id, exportChannels: next }, { onSuccess: () => toast.show('Export channels saved'), onError: (e) => toast.show(errorMessage(e), 'error') })}
        >
          Save export channels
        </Button>
      </FormActions>
    </section>
  );
}

type Choice = GrantLevel | 'none';
const GRANT_CHOICES: { id: Choice; label: string }[] = [
  { id: 'view', label: 'View' },
  { id: 'edit', label: 'Edit' },
  { id: 'none', label: 'None' },
];

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
    <section className={styles.section} aria-labelledby="access-title">
      <Subheading id="access-title">Access to colleagues</Subheading>
      <p className={styles.lead}>What {user.name} may do with each colleague’s contacts and calendar. Grants are one-way.</p>
      {grants.isPending ? (
        <Spinner size={16} label="Loading access" />
      ) : grants.isError ? (
        <ErrorNotice error={grants.error} onRetry={() => void grants.refetch()} />
      ) : others.length === 0 ? (
        <p className="muted">Nobody else is in the organisation yet.</p>
      ) : (
        <Table className={styles.grants} aria-label={`${user.name}'s access to colleagues`}>
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
                  <div className={styles.person}>
                    <Avatar name={owner.name} size={24} />
                    <span>{owner.name}</span>
                  </div>
                </td>
                {(['contacts', 'calendar'] as const).map((scope) => {
                  const existing = grantsFor(grants.data, user.id, owner.id, scope);
                  const current = levelOf(existing);
                  return (
                    <td key={scope}>
                      <span className={styles.scopeLabel} aria-hidden="true">
                        {scope === 'contacts' ? 'Their contacts' : 'Their calendar'}
                      </span>
                      <Segmented
                        kind="radio"
                        size="sm"
                        label={`${owner.name}'s ${scope}`}
                        options={GRANT_CHOICES}
                        value={current}
                        disabled={setGrant.isPending}
                        onChange={(choice) => change(owner, scope, choice, existing)}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
