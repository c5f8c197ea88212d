// Settings › Teams: named sets of users; any share or grant may name a team.
import { useState, type FormEvent } from 'react';
import type { Team, User } from '../api/models.ts';
import { errorMessage } from '../api/errors.ts';
import { useTeamMutations } from '../features/admin/hooks/useAdmin.ts';
import { useTeams, useUsers } from '../features/admin/hooks/useDirectory.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Card } from '../ui/Card.tsx';
import { Checkbox, Field, FieldGroup, Form, FormActions, Input } from '../ui/Field.tsx';
import { SectionHeader } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import { cx } from '../lib/cx.ts';
import styles from './TeamsPage.module.css';

export function TeamsPage() {
  const teams = useTeams();
  const users = useUsers();
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const { remove } = useTeamMutations();
  const toast = useToast();
  if (teams.isPending || users.isPending) return <PageSpinner label="Loading teams" />;
  if (teams.isError || users.isError) return <ErrorNotice error={teams.error ?? users.error} onRetry={() => void teams.refetch()} />;
  const byId = new Map(users.data.map((u) => [u.id, u]));
  return (
    <section aria-labelledby="teams-title">
      <SectionHeader
        id="teams-title"
        title="Teams"
        description="Share a contact or grant access to a team, and it applies to each current member."
        actions={
          <Button variant="primary" icon="plus" onClick={() => setEditing('new')}>
            New team
          </Button>
        }
      />
      {teams.data.length === 0 ? (
        <EmptyState icon="users" title="No teams yet" action={<Button variant="primary" icon="plus" onClick={() => setEditing('new')}>New team</Button>}>
          <p>Teams such as Sales or Support let you share with a group in one go.</p>
        </EmptyState>
      ) : (
        <ul className={styles.grid}>
          {teams.data.map((team) => (
            <Card as="li" key={team.id} className={styles.card} data-testid="team-card">
              <div className={styles.head}>
                <Avatar name={team.name} size={36} kind="team" />
                <div>
                  <strong>{team.name}</strong>
                  <div className="muted small">
                    {team.memberIds.length} {team.memberIds.length === 1 ? 'member' : 'members'}
                  </div>
                </div>
              </div>
              <div className={styles.members}>
                <div className={styles.stack} aria-hidden="true">
                  {team.memberIds.slice(0, 6).map((id) => (
                    <span key={id}>
                      <Avatar name={byId.get(id)?.name ?? '?'} size={26} />
                    </span>
                  ))}
                </div>
                <span className={cx('muted small', styles.names)}>
                  {team.memberIds.length ? team.memberIds.map((id) => byId.get(id)?.name ?? 'Unknown').join(', ') : 'No members yet'}
                </span>
              </div>
              <div className={styles.actions}>
                <Button size="sm" icon="edit" onClick={() => setEditing(team)}>
                  Edit
                </Button>
                <Button size="sm" variant="ghost" icon="trash" onClick={() => setDeleting(team)}>
                  Delete
                </Button>
              </div>
            </Card>
          ))}
        </ul>
      )}
      {editing ? <TeamDialog team={editing === 'new' ? null : editing} users={users.data} onClose={() => setEditing(null)} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? 'team'}?`}
        confirmLabel="Delete team"
        danger
        pending={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              toast.show(`${deleting.name} deleted`);
              setDeleting(null);
            },
            onError: (e) => toast.show(errorMessage(e), 'error'),
          })
        }
      >
        <p>Shares and grants made to this team stop giving access to its members.</p>
      </ConfirmDialog>
    </section>
  );
}

function TeamDialog({ team, users, onClose }: { team: Team | null; users: User[]; onClose: () => void }) {
  const [name, setName] = useState(team?.name ?? '');
  const [members, setMembers] = useState<string[]>(team?.memberIds ?? []);
  const { create, rename, setMembers: saveMembers } = useTeamMutations();
  const toast = useToast();
  const [error, setError] = useState<unknown>(null);
  const pending = create.isPending || rename.isPending || saveMembers.isPending;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      if (!team) await create.mutateAsync({ name: name.trim(), memberIds: members });
      else {
        if (name.trim() !== team.name) await rename.mutateAsync({ id: team.id, name: name.trim() });
        await saveMembers.mutateAsync({ id: team.id, memberIds: members });
      }
      toast.show(team ? 'Team saved' : `${name.trim()} created`);
      onClose();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Dialog open onClose={onClose} title={team ? `Edit ${team.name}` : 'New team'}>
      <Form onSubmit={submit}>
        {error ? <ErrorNotice error={error} /> : null}
        <Field label="Team name">
          <Input autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="Sales" />
        </Field>
        <FieldGroup label="Members">
          <div className={styles.memberList}>
            {users
              .filter((u) => u.status === 'active' || members.includes(u.id))
              .map((u) => (
                <Checkbox key={u.id} className={styles.member} checked={members.includes(u.id)} onChange={(e) => setMembers(e.target.checked ? [...members, u.id] : members.filter((m) => m !== u.id))}>
                  <Avatar name={u.name} size={22} />
                  <span>{u.name}</span>
                  <span className={styles.memberEmail}>{u.email}</span>
                </Checkbox>
              ))}
          </div>
        </FieldGroup>
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={pending} disabled={!name.trim()}>
            {team ? 'Save team' : 'Create team'}
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
