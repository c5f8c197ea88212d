// "Forgot password?": ask for a one-time link by e-mail. The answer is the same whatever the address (it never says
// whether an account uses it); it only says how this server sends mail.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { fieldErrorsOf, LIMITS } from '../api/field-errors.ts';
import { AuthLayout } from '../features/auth/components/AuthLayout.tsx';
import { useRequestPasswordReset } from '../features/account/hooks/useAccount.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Field, Form, Input } from '../ui/Field.tsx';
import { Notice } from '../ui/Notice.tsx';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const request = useRequestPasswordReset();
  const fields = fieldErrorsOf(request.error, ['email']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (email.trim()) request.mutate(email.trim());
  };
  return (
    <AuthLayout title="Forgot your password?" subtitle="We e-mail you a link to choose a new one." footer={<Link to="/signin">Back to sign in</Link>}>
      {request.data ? (
        <Notice tone="success" icon="mail" role="status" title="Check your e-mail" testId="reset-requested">
          <p>If an account uses {email.trim()}, a link to set a new password is on its way. It works once, for one hour.</p>
          {request.data.delivery === 'logged' ? (
            <p>This Tandem has no mail server set up, so the message is written to its server log instead of being sent: ask whoever runs it.</p>
          ) : (
            <p>Nothing after a few minutes? Check the spam folder, or ask again.</p>
          )}
        </Notice>
      ) : (
        <Form onSubmit={submit} noValidate>
          {request.error && !fields.byField.email ? <ErrorNotice error={request.error} /> : null}
          <Field label="Work e-mail" error={fields.byField.email ?? null}>
            <Input type="email" name="email" autoComplete="username" autoFocus maxLength={LIMITS.email} value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Button type="submit" variant="primary" block loading={request.isPending} disabled={!email.trim()}>
            E-mail me a link
          </Button>
        </Form>
      )}
    </AuthLayout>
  );
}
