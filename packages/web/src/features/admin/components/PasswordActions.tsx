// Signing in: an administrator e-mails a user a one-time link to set a new password (24 hours), or sets one and tells
// them. Each answer that sends mail is said as it is: e-mailed, only written to the server log (no mail server set
// up), or not sent. An administrator's own password is changed on their profile, with the current one.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Delivery, User } from '../../../api/models.ts';
import { fieldErrorsOf, LIMITS } from '../../../api/field-errors.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field, Form, FormActions, Input } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Subheading } from '../../../ui/Page.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { useSendResetLink, useSetUserPassword } from '../hooks/useInvitations.ts';
import styles from './UserDetailDialog.module.css';

/** What became of a link e-mailed to `email`, in words. */
export function deliveryNotice(delivery: Delivery, email: string, what: string): { tone: 'success' | 'warning' | 'danger'; title: string; text: string } {
  switch (delivery) {
    case 'sent':
      return { tone: 'success', title: `${what} e-mailed to ${email}.`, text: 'The link works once.' };
    case 'logged':
      return {
        tone: 'warning',
        title: `${what} not e-mailed: no mail server is set up.`,
        text: 'Tandem wrote the message, link included, to the server log (demo mode). Whoever runs the server can copy the link from there, or set SMTP_URL so that mail goes out.',
      };
    case 'failed':
      return { tone: 'danger', title: `${what} could not be sent.`, text: 'The mail server could not be reached or refused it. Try again in a moment.' };
  }
}

export function PasswordActions({ user }: { user: User }) {
  const { user: me } = useCurrentUser();
  const sendLink = useSendResetLink();
  const [setting, setSetting] = useState(false);
  const first = user.name.split(' ')[0] ?? user.name;
  if (user.id === me.id) {
    return (
      <section className={styles.section} aria-labelledby="signin-title">
        <Subheading id="signin-title">Signing in</Subheading>
        <p className={styles.lead}>
          Change your own password on <Link to="/account/profile">your profile</Link>: it asks for the current one.
        </p>
      </section>
    );
  }
  const sent = sendLink.data ? deliveryNotice(sendLink.data.delivery, user.email, 'A link to set a new password') : null;
  return (
    <section className={styles.section} aria-labelledby="signin-title">
      <Subheading id="signin-title">Signing in</Subheading>
      <p className={styles.lead}>
        If {first} forgot their password, e-mail them a link to choose a new one (it works once, for 24 hours), or set one yourself and tell them.
      </p>
      {sent && sendLink.data ? (
        <Notice tone={sent.tone} small role="status" title={sent.title} testId="reset-link-result">
          <p>
            {sent.text}
            {sendLink.data.delivery !== 'failed' ? ` It expires ${formatDateTime(sendLink.data.expiresAt)}.` : ''}
          </p>
        </Notice>
      ) : null}
      {sendLink.error ? <ErrorNotice error={sendLink.error} /> : null}
      <div className={styles.inlineForm}>
        <Button size="sm" icon="mail" loading={sendLink.isPending} disabled={user.status !== 'active'} title={user.status !== 'active' ? 'Reactivate them first' : undefined} onClick={() => sendLink.mutate(user.id)}>
          E-mail a reset link
        </Button>
        {setting ? null : (
          <Button size="sm" icon="lock" onClick={() => setSetting(true)}>
            Set a password
          </Button>
        )}
      </div>
      {setting ? <SetPasswordForm user={user} onDone={() => setSetting(false)} /> : null}
    </section>
  );
}

function SetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const setPasswordOf = useSetUserPassword();
  const toast = useToast();
  const fields = fieldErrorsOf(setPasswordOf.error, ['password']);
  const short = password.length < LIMITS.passwordMin;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (short) return;
    setPasswordOf.mutate(
      { id: user.id, password },
      {
        onSuccess: () => {
          toast.show(`New password set for ${user.name}. They were signed out everywhere: tell them the new one safely.`);
          onDone();
        },
      },
    );
  };
  return (
    <Form className={styles.subForm} onSubmit={submit} noValidate aria-label={`Set a password for ${user.name}`}>
      {setPasswordOf.error && !fields.byField.password ? <ErrorNotice error={setPasswordOf.error} /> : null}
      <Field
        label="New password"
        hint={`At least ${LIMITS.passwordMin} characters. ${user.name.split(' ')[0]} is signed out everywhere and signs in with it.`}
        error={fields.byField.password ?? (touched && short ? `Use at least ${LIMITS.passwordMin} characters.` : null)}
      >
        <Input name="new-password" type="password" autoComplete="new-password" maxLength={LIMITS.password} autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <FormActions>
        <Button size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button size="sm" type="submit" variant="primary" loading={setPasswordOf.isPending}>
          Set password
        </Button>
      </FormActions>
    </Form>
  );
}
