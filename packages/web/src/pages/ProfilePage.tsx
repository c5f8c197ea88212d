// Your profile: name and e-mail (a new e-mail asks for your current password), and your password (the current one,
// then the new one twice). Changing the password signs you out on your other devices; API tokens keep working.
import { useLayoutEffect, useState, type FormEvent } from 'react';
import { hasCode } from '../api/errors.ts';
import { fieldErrorsOf, LIMITS } from '../api/field-errors.ts';
import { NewPasswordFields, newPasswordProblem } from '../features/account/components/NewPasswordFields.tsx';
import { useChangePassword, useUpdateProfile } from '../features/account/hooks/useAccount.ts';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Badge } from '../ui/Badge.tsx';
import { Button } from '../ui/Button.tsx';
import { Card, CardHeader, cardClass } from '../ui/Card.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Field, Form, FormActions, Input } from '../ui/Field.tsx';
import { Page, PageHeader } from '../ui/Page.tsx';
import { useToast } from '../ui/Toast.tsx';
import { UnsavedChanges } from '../ui/UnsavedChanges.tsx';
import styles from './ProfilePage.module.css';

export function ProfilePage() {
  const { user, org } = useCurrentUser();
  const [detailsDirty, setDetailsDirty] = useState(false);
  const [passwordDirty, setPasswordDirty] = useState(false);
  return (
    <Page className={styles.page}>
      <PageHeader title="Your profile" subtitle={`How you appear to ${org.name}, and how you sign in.`} />
      <Card className={styles.who}>
        <Avatar name={user.name} size={48} />
        <div>
          <strong>{user.name}</strong>
          <div className="muted">{user.email}</div>
        </div>
        <Badge tone={user.role === 'admin' ? 'accent' : 'neutral'}>{user.role === 'admin' ? 'Administrator' : 'Member'}</Badge>
      </Card>
      <div className={styles.columns}>
        <DetailsForm key={`${user.name}|${user.email}`} onDirty={setDetailsDirty} />
        <PasswordForm onDirty={setPasswordDirty} />
      </div>
      <UnsavedChanges when={detailsDirty || passwordDirty} what={detailsDirty ? 'your name or e-mail' : 'your new password'} />
    </Page>
  );
}

function DetailsForm({ onDirty }: { onDirty: (dirty: boolean) => void }) {
  const { user } = useCurrentUser();
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  const [currentPassword, setCurrentPassword] = useState('');
  const update = useUpdateProfile();
  const toast = useToast();
  const fields = fieldErrorsOf(update.error, ['name', 'email', 'currentPassword']);
  const emailChanged = email.trim().toLowerCase() !== user.email.toLowerCase();
  const nameChanged = name.trim() !== user.name;
  const dirty = emailChanged || nameChanged;
  // Before the next event: an Escape right after typing already finds the form dirty.
  useLayoutEffect(() => onDirty(dirty), [dirty, onDirty]);
  const wrongPassword = hasCode(update.error, 'TANDEM_ACCOUNT_WRONG_PASSWORD');
  const taken = hasCode(update.error, 'TANDEM_USER_EMAIL_TAKEN');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty || !name.trim()) return;
    update.mutate(
      { ...(nameChanged ? { name: name.trim() } : {}), ...(emailChanged ? { email: email.trim(), currentPassword } : {}) },
      {
        onSuccess: () => {
          setCurrentPassword('');
          toast.show(emailChanged ? 'Saved. Sign in with your new e-mail from now on.' : 'Your name is saved');
        },
      },
    );
  };
  return (
    <Form className={cardClass('roomy')} onSubmit={submit} noValidate aria-labelledby="details-title">
      <CardHeader id="details-title" title="Name and e-mail" />
      {update.error && !wrongPassword && !taken && Object.keys(fields.byField).length === 0 ? <ErrorNotice error={update.error} /> : null}
      <Field label="Name" error={fields.byField.name ?? (!name.trim() ? 'Your name cannot be empty.' : null)}>
        <Input name="name" autoComplete="name" maxLength={LIMITS.personName} value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="E-mail" hint="You sign in with it, and reset links go there." error={fields.byField.email ?? (taken ? 'Another account already uses this e-mail.' : null)}>
        <Input name="email" type="email" autoComplete="email" maxLength={LIMITS.email} value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      {emailChanged ? (
        <Field label="Current password" hint="A new e-mail needs your password." error={fields.byField.currentPassword ?? (wrongPassword ? 'That is not your current password.' : null)}>
          <Input name="current-password-for-email" type="password" autoComplete="current-password" maxLength={LIMITS.password} value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} />
        </Field>
      ) : null}
      <FormActions>
        {dirty ? <span className="muted small">Not saved yet.</span> : null}
        <Button
          disabled={!dirty}
          onClick={() => {
            setName(user.name);
            setEmail(user.email);
            setCurrentPassword('');
            update.reset();
          }}
        >
          Discard
        </Button>
        <Button type="submit" variant="primary" loading={update.isPending} disabled={!dirty || !name.trim() || (emailChanged && !currentPassword)}>
          Save
        </Button>
      </FormActions>
    </Form>
  );
}

function PasswordForm({ onDirty }: { onDirty: (dirty: boolean) => void }) {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState(false);
  const change = useChangePassword();
  const toast = useToast();
  const fields = fieldErrorsOf(change.error, ['currentPassword', 'newPassword']);
  const wrongPassword = hasCode(change.error, 'TANDEM_ACCOUNT_WRONG_PASSWORD');
  const dirty = current !== '' || password !== '';
  // Before the next event: an Escape right after typing already finds the form dirty.
  useLayoutEffect(() => onDirty(dirty), [dirty, onDirty]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    const problem = newPasswordProblem(password, repeat);
    if (!current || problem.password || problem.repeat) return;
    change.mutate(
      { currentPassword: current, newPassword: password },
      {
        onSuccess: () => {
          setCurrent('');
          setPassword('');
          setRepeat('');
          setTouched(false);
          toast.show('Password changed. Your other devices were signed out; API tokens keep working.');
        },
      },
    );
  };
  return (
    <Form className={cardClass('roomy')} onSubmit={submit} noValidate aria-labelledby="password-title">
      <CardHeader id="password-title" title="Password" />
      {change.error && !wrongPassword && Object.keys(fields.byField).length === 0 ? <ErrorNotice error={change.error} /> : null}
      <Field label="Current password" error={fields.byField.currentPassword ?? (wrongPassword ? 'That is not your current password.' : touched && !current ? 'Type your current password.' : null)}>
        <Input name="current-password" type="password" autoComplete="current-password" maxLength={LIMITS.password} value={current} onChange={(e) => setCurrent(e.target.value)} />
      </Field>
      <NewPasswordFields password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} touched={touched} serverError={fields.byField.newPassword ?? null} />
      <FormActions>
        <Button type="submit" variant="primary" loading={change.isPending}>
          Change password
        </Button>
      </FormActions>
    </Form>
  );
}
