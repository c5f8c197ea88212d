// Adding a user asks the seed's questions in one flow (issue 10, item 4): who and how they get in, "Is this an
// administrator?", "Should this user be able to export contacts?" (which channels), then whose contacts and whose
// calendar they may view or edit, and a summary before anything is saved. Defaults keep contacts private: a member,
// no exports, no access to colleagues.
//
// Two ways in. An invitation by e-mail (the default when this server sends mail) lets the person choose their own
// password; it carries the name, e-mail and role, and nothing else (an accepted invitation gives exactly what
// POST /users gives), so exports and access are set once they have joined. Setting a password now creates the user
// at once with every answer applied. The invitation's `delivery` is said as it is: e-mailed, only written to the
// server log (no SMTP), or not sent.
import { useState, type FormEvent, type ReactNode } from 'react';
import { EXPORT_CHANNELS, type ExportChannel, type GrantLevel, type GrantScope, type MailDelivery, type User } from '../../../api/models.ts';
import { describeError } from '../../../api/errors.ts';
import { fieldErrorsOf, LIMITS } from '../../../api/field-errors.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Checkbox, Field, FieldGroup, Form, FormActions, Input, Radio } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Segmented } from '../../../ui/Segmented.tsx';
import { Table } from '../../../ui/Table.tsx';
import { CHANNEL_LABEL, channelsSummary } from '../channels.ts';
import { PartlyAddedError, useAddUser, type AddUserResult, type NewUserPlan } from '../hooks/useAddUser.ts';

export type { AddUserResult };
import { useOrgSettings } from '../hooks/useAdmin.ts';
import { useInvitations } from '../hooks/useInvitations.ts';
import { deliveryNotice } from './PasswordActions.tsx';
import styles from './AddUserDialog.module.css';

type Step = 'who' | 'role' | 'export' | 'access' | 'summary';
type Choice = GrantLevel | 'none';
export type AccessPlan = Record<string, Record<GrantScope, Choice>>;

const CHOICES: { id: Choice; label: string }[] = [
  { id: 'none', label: 'None' },
  { id: 'view', label: 'View' },
  { id: 'edit', label: 'Edit' },
];
/** The channels ticked when "Yes" is chosen: the files a person downloads. Syncs and API tokens are asked for. */
const DEFAULT_CHANNELS: ExportChannel[] = ['csv', 'xlsx', 'vcard'];


export function AddUserDialog({ open, onClose, onAdded, users }: { open: boolean; onClose: () => void; onAdded: (result: AddUserResult) => void; users: User[] }) {
  return (
    <Dialog open={open} onClose={onClose} title="Add a user" size="lg" testId="add-user-dialog">
      <AddUserFlow onClose={onClose} onAdded={onAdded} users={users} />
    </Dialog>
  );
}

function stepsOf(mode: NewUserPlan['mode'], admin: boolean): Step[] {
  if (mode === 'invite') return ['who', 'role', 'summary'];
  return admin ? ['who', 'role', 'access', 'summary'] : ['who', 'role', 'export', 'access', 'summary'];
}

const STEP_TITLE: Record<Step, string> = {
  who: 'Who is it?',
  role: 'Is this an administrator?',
  export: 'Should this user be able to export contacts?',
  access: 'Whose contacts and calendar may they use?',
  summary: 'Check and save',
};

function AddUserFlow({ onClose, onAdded, users }: { onClose: () => void; onAdded: (result: AddUserResult) => void; users: User[] }) {
  const invitations = useInvitations();
  const mail: MailDelivery | null = invitations.data?.mailDelivery ?? null;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [modeChosen, setMode] = useState<NewUserPlan['mode'] | null>(null);
  const mode: NewUserPlan['mode'] = modeChosen ?? (mail === 'sent' ? 'invite' : 'password');
  const [password, setPassword] = useState('');
  const [admin, setAdmin] = useState(false);
  const [exports, setExports] = useState(false);
  const [channels, setChannels] = useState<ExportChannel[]>(DEFAULT_CHANNELS);
  const colleagues = users.filter((u) => u.status === 'active').sort((a, b) => a.name.localeCompare(b.name));
  const [access, setAccess] = useState<AccessPlan>({});
  const [step, setStep] = useState<Step>('who');
  const [touched, setTouched] = useState(false);
  const add = useAddUser();
  const [invited, setInvited] = useState<AddUserResult | null>(null);

  const steps = stepsOf(mode, admin);
  const index = steps.indexOf(step);
  const plan: NewUserPlan = {
    mode,
    name: name.trim(),
    email: email.trim(),
    password,
    role: admin ? 'admin' : 'member',
    exportChannels: !admin && exports ? EXPORT_CHANNELS.filter((c) => channels.includes(c)) : [],
    grants: Object.entries(access).flatMap(([ownerId, byScope]) =>
      (['contacts', 'calendar'] as const).flatMap((scope) => (byScope[scope] !== 'none' ? [{ ownerId, scope, level: byScope[scope] as GrantLevel }] : [])),
    ),
  };
  const fields = fieldErrorsOf(add.error, ['name', 'email', 'password']);
  const whoErrors = {
    name: fields.byField.name ?? (touched && !plan.name ? 'Give their name.' : null),
    email: fields.byField.email ?? (touched && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(plan.email) ? 'Enter an e-mail address like name@example.com.' : null),
    password: fields.byField.password ?? (touched && mode === 'password' && password.length < LIMITS.passwordMin ? `Use at least ${LIMITS.passwordMin} characters.` : null),
  };

  const next = (event?: FormEvent) => {
    event?.preventDefault();
    if (step === 'who') {
      setTouched(true);
      if (!plan.name || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(plan.email) || (mode === 'password' && password.length < LIMITS.passwordMin)) return;
    }
    if (step === 'summary') {
      if (add.error instanceof PartlyAddedError) {
        onAdded({ kind: 'created', user: add.error.created });
        return;
      }
      add.mutate(plan, {
        onSuccess: (result) => {
          if (result.kind === 'invited') setInvited(result);
          else onAdded(result);
        },
        onError: (error) => {
          // An error about a field of the first step (an e-mail already in use) goes back there, under that field.
          if (Object.keys(fieldErrorsOf(error, ['name', 'email', 'password']).byField).length > 0 || describeError(error).title.includes('e-mail')) setStep('who');
        },
      });
      return;
    }
    const following = steps[index + 1];
    if (following) setStep(following);
  };
  const back = () => {
    const previous = steps[index - 1];
    if (previous) setStep(previous);
  };

  if (invited && invited.kind === 'invited') return <Invited result={invited} onDone={() => onAdded(invited)} />;

  return (
    <Form onSubmit={next} noValidate>
      <div className={styles.progress}>
        <span className="muted small" data-testid="add-user-step">
          Step {index + 1} of {steps.length}
        </span>
        <h3 className={styles.question}>{STEP_TITLE[step]}</h3>
      </div>
      {step === 'who' ? (
        <WhoStep
          {...{ name, setName, email, setEmail, mode, setMode, password, setPassword, mail }}
          errors={whoErrors}
          mailError={invitations.error}
        />
      ) : step === 'role' ? (
        <FieldGroup label="Administrator" className={styles.choices}>
          <Radio name="admin" checked={!admin} onChange={() => setAdmin(false)}>
            <span>
              <strong>No, a member</strong>
              <span className={styles.choiceHint}>Works with their own contacts and what others share with them.</span>
            </span>
          </Radio>
          <Radio name="admin" checked={admin} onChange={() => setAdmin(true)}>
            <span>
              <strong>Yes, an administrator</strong>
              <span className={styles.choiceHint}>Manages users, teams, permissions, branding and billing; sees every contact’s profile (not its history); may always export.</span>
            </span>
          </Radio>
          {mode === 'invite' ? <p className="muted small">Exports and access to colleagues are set once they have accepted: an invitation carries only the name, e-mail and role.</p> : null}
        </FieldGroup>
      ) : step === 'export' ? (
        <ExportStep exports={exports} setExports={setExports} channels={channels} setChannels={setChannels} />
      ) : step === 'access' ? (
        <AccessStep colleagues={colleagues} access={access} setAccess={setAccess} />
      ) : (
        <Summary plan={plan} users={users} error={add.error} />
      )}
      <FormActions className={styles.actions}>
        <Button onClick={onClose}>Cancel</Button>
        {index > 0 ? (
          <Button icon="arrowLeft" onClick={back} disabled={add.isPending}>
            Back
          </Button>
        ) : null}
        <Button type="submit" variant="primary" loading={add.isPending}>
          {step !== 'summary' ? 'Next' : add.error instanceof PartlyAddedError ? `Open ${add.error.created.name}` : mode === 'invite' ? 'Send invitation' : 'Add user'}
        </Button>
      </FormActions>
    </Form>
  );
}

function WhoStep(props: {
  name: string;
  setName: (v: string) => void;
  email: string;
  setEmail: (v: string) => void;
  mode: NewUserPlan['mode'];
  setMode: (m: NewUserPlan['mode']) => void;
  password: string;
  setPassword: (v: string) => void;
  mail: MailDelivery | null;
  errors: { name: string | null; email: string | null; password: string | null };
  mailError: unknown;
}) {
  const { name, setName, email, setEmail, mode, setMode, password, setPassword, mail, errors } = props;
  return (
    <>
      <Field label="Name" error={errors.name}>
        <Input name="name" autoFocus maxLength={LIMITS.personName} value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="E-mail" error={errors.email}>
        <Input name="email" type="email" maxLength={LIMITS.email} value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <FieldGroup label="How do they get in?" className={styles.choices}>
        <Radio name="mode" checked={mode === 'invite'} onChange={() => setMode('invite')}>
          <span>
            <strong>E-mail an invitation</strong>
            <span className={styles.choiceHint}>They choose their own password with a link that works once, for 7 days.</span>
          </span>
        </Radio>
        {mail === 'logged' ? (
          <Notice tone="warning" small>
            No mail server is set up, so an invitation would not be e-mailed: Tandem writes it, link included, to the server log (demo mode).
          </Notice>
        ) : null}
        <Radio name="mode" checked={mode === 'password'} onChange={() => setMode('password')}>
          <span>
            <strong>Set a password now</strong>
            <span className={styles.choiceHint}>They can sign in at once; tell them the password safely. You also choose their exports and access now.</span>
          </span>
        </Radio>
      </FieldGroup>
      {mode === 'password' ? (
        <Field label="Temporary password" hint={`At least ${LIMITS.passwordMin} characters. They can change it on their profile.`} error={errors.password}>
          <Input name="password" type="password" autoComplete="new-password" maxLength={LIMITS.password} value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
      ) : null}
    </>
  );
}

function ExportStep({ exports, setExports, channels, setChannels }: { exports: boolean; setExports: (v: boolean) => void; channels: ExportChannel[]; setChannels: (v: ExportChannel[]) => void }) {
  const settings = useOrgSettings();
  return (
    <>
      <FieldGroup label="Contact export" className={styles.choices}>
        <Radio name="exports" checked={!exports} onChange={() => setExports(false)}>
          <span>
            <strong>No</strong>
            <span className={styles.choiceHint}>They cannot take contacts out of Tandem.</span>
          </span>
        </Radio>
        <Radio name="exports" checked={exports} onChange={() => setExports(true)}>
          <span>
            <strong>Yes, through these channels</strong>
            <span className={styles.choiceHint}>Only contacts they may view, and every export is in the audit log.</span>
          </span>
        </Radio>
      </FieldGroup>
      {exports ? (
        <FieldGroup label="Channels" className={styles.channels}>
          {EXPORT_CHANNELS.map((c) => (
            <Checkbox key={c} checked={channels.includes(c)} onChange={(e) => setChannels(e.target.checked ? [...channels, c] : channels.filter((x) => x !== c))}>
              <span>{CHANNEL_LABEL[c]}</span>
            </Checkbox>
          ))}
        </FieldGroup>
      ) : null}
      {exports && settings.data && !settings.data.exportEnabled ? (
        <Notice tone="info" small>
          Contact data export is off for the organisation (Settings › Permissions): members export through these channels only once it is on.
        </Notice>
      ) : null}
    </>
  );
}

function AccessStep({ colleagues, access, setAccess }: { colleagues: User[]; access: AccessPlan; setAccess: (a: AccessPlan) => void }) {
  const choiceOf = (id: string, scope: GrantScope): Choice => access[id]?.[scope] ?? 'none';
  const set = (id: string, scope: GrantScope, choice: Choice) => setAccess({ ...access, [id]: { contacts: choiceOf(id, 'contacts'), calendar: choiceOf(id, 'calendar'), [scope]: choice } });
  const setAll = (scope: GrantScope, choice: Choice) =>
    setAccess(Object.fromEntries(colleagues.map((c) => [c.id, { contacts: choiceOf(c.id, 'contacts'), calendar: choiceOf(c.id, 'calendar'), [scope]: choice }])));
  if (colleagues.length === 0) return <p className="muted">Nobody else is in the organisation yet: there is nothing to share.</p>;
  return (
    <>
      <p className="muted small">Contacts are private to their owners. Give access only where the work needs it; you can change it any time on this page. Grants are one-way.</p>
      <Table className={styles.access} aria-label="Access to colleagues">
        <thead>
          <tr>
            <th>Colleague</th>
            <th>Their contacts</th>
            <th>Their calendar</th>
          </tr>
        </thead>
        <tbody>
          <tr className={styles.allRow}>
            <td>Everyone</td>
            {(['contacts', 'calendar'] as const).map((scope) => (
              <td key={scope}>
                <span className={styles.scopeLabel} aria-hidden="true">
                  {scope === 'contacts' ? 'Their contacts' : 'Their calendar'}
                </span>
                <Segmented kind="radio" size="sm" label={`Everyone's ${scope}`} options={CHOICES} value={colleagues.every((c) => choiceOf(c.id, scope) === choiceOf(colleagues[0]?.id ?? '', scope)) ? choiceOf(colleagues[0]?.id ?? '', scope) : ('mixed' as Choice)} onChange={(c) => setAll(scope, c)} />
              </td>
            ))}
          </tr>
          {colleagues.map((c) => (
            <tr key={c.id} data-testid="plan-row">
              <td>{c.name}</td>
              {(['contacts', 'calendar'] as const).map((scope) => (
                <td key={scope}>
                  <span className={styles.scopeLabel} aria-hidden="true">
                    {scope === 'contacts' ? 'Their contacts' : 'Their calendar'}
                  </span>
                  <Segmented kind="radio" size="sm" label={`${c.name}'s ${scope}`} options={CHOICES} value={choiceOf(c.id, scope)} onChange={(choice) => set(c.id, scope, choice)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={styles.line}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Summary({ plan, users, error }: { plan: NewUserPlan; users: User[]; error: unknown }) {
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? 'someone';
  const list = (scope: GrantScope, level: GrantLevel) => plan.grants.filter((g) => g.scope === scope && g.level === level).map((g) => nameOf(g.ownerId));
  const accessText = (scope: GrantScope) => {
    const parts = (['view', 'edit'] as const).map((level) => (list(scope, level).length ? `${level === 'view' ? 'View' : 'Edit'}: ${list(scope, level).join(', ')}` : null)).filter(Boolean);
    return parts.length ? parts.join('; ') : 'Nobody’s';
  };
  const partial = error instanceof PartlyAddedError ? error.created : null;
  return (
    <>
      {error ? (
        partial ? (
          <Notice tone="danger" icon="alert" role="alert" title={`${partial.name} was added, but not everything was saved.`}>
            <p>{describeError((error as PartlyAddedError).cause).title}. Open {partial.name} on the Users page to finish their exports and access.</p>
          </Notice>
        ) : (
          <ErrorNotice error={error} />
        )
      ) : null}
      <dl className={styles.summary} data-testid="add-user-summary">
        <Line label="Name">{plan.name}</Line>
        <Line label="E-mail">{plan.email}</Line>
        <Line label="Signs in">{plan.mode === 'invite' ? 'With a password they choose from the e-mailed invitation (7 days)' : 'With the password you set'}</Line>
        <Line label="Role">{plan.role === 'admin' ? 'Administrator' : 'Member'}</Line>
        {plan.mode === 'invite' ? (
          <Line label="Exports and access">None until you set them, after they join (contacts stay private)</Line>
        ) : (
          <>
            <Line label="Exports">{plan.role === 'admin' ? 'Every channel (administrator)' : channelsSummary(plan.exportChannels)}</Line>
            <Line label="Colleagues’ contacts">{accessText('contacts')}</Line>
            <Line label="Colleagues’ calendars">{accessText('calendar')}</Line>
          </>
        )}
      </dl>
    </>
  );
}

function Invited({ result, onDone }: { result: Extract<AddUserResult, { kind: 'invited' }>; onDone: () => void }) {
  const notice = deliveryNotice(result.delivery, result.email, `The invitation to ${result.name}`);
  return (
    <div className={styles.invited} data-testid="invitation-result">
      <Notice tone={notice.tone} role="status" title={notice.title}>
        {result.delivery === 'sent' ? <p>The link works once, for 7 days. Until then the invitation is listed under Pending invitations, where you can withdraw it.</p> : <p>{notice.text}</p>}
        {result.delivery === 'failed' ? <p>The invitation is saved under Pending invitations: send it again from there.</p> : null}
      </Notice>
      <FormActions>
        <Button variant="primary" onClick={onDone} data-autofocus>
          Done
        </Button>
      </FormActions>
    </div>
  );
}
