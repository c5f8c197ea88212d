// Who may use one user's contacts and calendar: every grant on them, to a user or a team, with its window; and a
// form to give a user or a team View or Edit, from a start and until an end if wanted (spec §4: user grants; the
// grants API takes `{teamId}` as grantee and `startsAt`/`expiresAt`). Removing one offers Undo (it is made again).
import { useState, type FormEvent } from 'react';
import type { Grant, GrantLevel, GrantScope, Grantee, User } from '../../../api/models.ts';
import { errorMessage } from '../../../api/errors.ts';
import { fieldErrorsOf } from '../../../api/field-errors.ts';
import { fromLocalInput } from '../../../lib/format.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { Badge } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field, Form, FormActions, FormRow, Input, Select } from '../../../ui/Field.tsx';
import { Subheading } from '../../../ui/Page.tsx';
import { Spinner } from '../../../ui/Spinner.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useCreateGrant, useGrants, useRevokeGrant } from '../hooks/useAdmin.ts';
import { useTeams } from '../hooks/useDirectory.ts';
import { timingOf, windowText } from '../grant-text.ts';
import styles from './UserDetailDialog.module.css';

const SCOPE_WORD: Record<GrantScope, string> = { contacts: 'contacts', calendar: 'calendar' };
const LEVEL_WORD: Record<GrantLevel, string> = { view: 'View', edit: 'Edit' };

export function OwnerGrants({ owner, users }: { owner: User; users: User[] }) {
  const grants = useGrants();
  const teams = useTeams();
  const revoke = useRevokeGrant();
  const create = useCreateGrant();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const first = owner.name.split(' ')[0] ?? owner.name;
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const teamName = new Map((teams.data ?? []).map((t) => [t.id, t.name]));
  const nameOf = (g: Grantee) => ('userId' in g ? (userName.get(g.userId) ?? 'Someone') : `${teamName.get(g.teamId) ?? 'A team'} (team)`);
  const onOwner = (grants.data ?? []).filter((g) => g.ownerId === owner.id).sort((a, b) => nameOf(a.grantee).localeCompare(nameOf(b.grantee)) || a.scope.localeCompare(b.scope));

  const remove = (grant: Grant) =>
    revoke.mutate(grant.id, {
      onSuccess: () =>
        toast.show(`${nameOf(grant.grantee)} no longer has access to ${first}'s ${SCOPE_WORD[grant.scope]}`, 'success', {
          label: 'Undo',
          onClick: () =>
            create.mutate(
              { ownerId: owner.id, grantee: grant.grantee, scope: grant.scope, level: grant.level, startsAt: grant.startsAt, expiresAt: timingOf(grant) === 'ended' ? null : grant.expiresAt },
              { onSuccess: () => toast.show('Access given back'), onError: (e) => toast.show(errorMessage(e), 'error') },
            ),
        }),
      onError: (e) => toast.show(errorMessage(e), 'error'),
    });

  return (
    <section className={styles.section} aria-labelledby="owner-grants-title">
      <Subheading id="owner-grants-title">Who may use {first}’s contacts and calendar</Subheading>
      <p className={styles.lead}>Give a colleague or a whole team View or Edit on everything {first} owns, now or for a period (cover for a holiday, a handover).</p>
      {grants.isPending ? (
        <Spinner size={16} label="Loading access" />
      ) : grants.isError ? (
        <ErrorNotice error={grants.error} onRetry={() => void grants.refetch()} />
      ) : onOwner.length === 0 ? (
        <p className="muted small">Nobody has a grant on {first}’s contacts or calendar.</p>
      ) : (
        <ul className={styles.grantList} aria-label={`Grants on ${owner.name}'s contacts and calendar`}>
          {onOwner.map((g) => {
            const timing = timingOf(g);
            const window = windowText(g);
            return (
              <li key={g.id} className={styles.grantItem} data-testid="owner-grant">
                <Avatar name={'teamId' in g.grantee ? (teamName.get(g.grantee.teamId) ?? 'Team') : nameOf(g.grantee)} size={26} kind={'teamId' in g.grantee ? 'team' : 'person'} />
                <span className={styles.grantText}>
                  <strong>{nameOf(g.grantee)}</strong>
                  <span className="muted small">
                    {LEVEL_WORD[g.level]} {SCOPE_WORD[g.scope]}
                    {window ? ` · ${window}` : ''}
                  </span>
                </span>
                {timing === 'active' ? null : <Badge tone={timing === 'future' ? 'info' : 'neutral'}>{timing === 'future' ? 'Starts later' : 'Ended'}</Badge>}
                <Button size="sm" variant="ghost" icon="x" aria-label={`Remove ${nameOf(g.grantee)}'s access to ${first}'s ${SCOPE_WORD[g.scope]}`} disabled={revoke.isPending} onClick={() => remove(g)} />
              </li>
            );
          })}
        </ul>
      )}
      {adding ? (
        <GrantForm owner={owner} users={users} onDone={() => setAdding(false)} />
      ) : (
        <div className={styles.inlineForm}>
          <Button size="sm" icon="plus" onClick={() => setAdding(true)}>
            Give access to {first}’s contacts or calendar
          </Button>
        </div>
      )}
    </section>
  );
}

function GrantForm({ owner, users, onDone }: { owner: User; users: User[]; onDone: () => void }) {
  const teams = useTeams();
  const create = useCreateGrant();
  const toast = useToast();
  const [grantee, setGrantee] = useState('');
  const [scope, setScope] = useState<GrantScope>('contacts');
  const [level, setLevel] = useState<GrantLevel>('view');
  const [startsAt, setStartsAt] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [touched, setTouched] = useState(false);
  const fields = fieldErrorsOf(create.error, ['grantee', 'startsAt', 'expiresAt']);
  const start = fromLocalInput(startsAt);
  const end = fromLocalInput(expiresAt);
  const windowError = end && Date.parse(end) <= Math.max(Date.now(), start ? Date.parse(start) : 0) ? 'The end must be after the start and in the future.' : null;
  const people = users.filter((u) => u.id !== owner.id).sort((a, b) => a.name.localeCompare(b.name));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!grantee || windowError) return;
    const [kind, id = ''] = grantee.split(':');
    create.mutate(
      { ownerId: owner.id, grantee: kind === 'team' ? { teamId: id } : { userId: id }, scope, level, startsAt: start, expiresAt: end },
      {
        onSuccess: () => {
          toast.show('Access given');
          onDone();
        },
      },
    );
  };
  return (
    <Form className={styles.subForm} onSubmit={submit} noValidate aria-label={`Give access to ${owner.name}'s contacts or calendar`}>
      {create.error && !fields.byField.startsAt && !fields.byField.expiresAt && !fields.byField.grantee ? <ErrorNotice error={create.error} /> : null}
      <FormRow>
        <Field label="Who" error={fields.byField.grantee ?? (touched && !grantee ? 'Choose a person or a team.' : null)}>
          <Select name="grantee" value={grantee} onChange={(e) => setGrantee(e.target.value)}>
            <option value="">Choose…</option>
            {(teams.data ?? []).length > 0 ? (
              <optgroup label="Teams">
                {(teams.data ?? []).map((t) => (
                  <option key={t.id} value={`team:${t.id}`}>
                    {t.name} (team)
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label="People">
              {people.map((u) => (
                <option key={u.id} value={`user:${u.id}`}>
                  {u.name}
                  {u.status === 'deactivated' ? ' (deactivated)' : ''}
                </option>
              ))}
            </optgroup>
          </Select>
        </Field>
        <Field label="What">
          <Select name="scope" value={scope} onChange={(e) => setScope(e.target.value as GrantScope)}>
            <option value="contacts">Their contacts</option>
            <option value="calendar">Their calendar</option>
          </Select>
        </Field>
        <Field label="Access">
          <Select name="level" value={level} onChange={(e) => setLevel(e.target.value as GrantLevel)}>
            <option value="view">View</option>
            <option value="edit">Edit</option>
          </Select>
        </Field>
      </FormRow>
      <FormRow>
        <Field label="Starts" optional hint="Empty: now." error={fields.byField.startsAt ?? null}>
          <Input name="startsAt" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
        </Field>
        <Field label="Ends" optional hint="Empty: until removed." error={fields.byField.expiresAt ?? (touched ? windowError : null)}>
          <Input name="expiresAt" type="datetime-local" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} />
        </Field>
      </FormRow>
      <FormActions>
        <Button size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button size="sm" type="submit" variant="primary" loading={create.isPending}>
          Give access
        </Button>
      </FormActions>
    </Form>
  );
}
