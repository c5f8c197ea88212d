import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { LIMITS } from '../api/field-errors.ts';
import { AuthLayout } from '../features/auth/components/AuthLayout.tsx';
import { useSignIn } from '../features/auth/hooks/useSession.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Field, Form, Input } from '../ui/Field.tsx';

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSignIn();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  };

  return (
    <AuthLayout title="Sign in" subtitle="Welcome back. Sign in to your team's CRM." footer={<>New to Tandem? <Link to="/signup">Create an organisation</Link></>}>
      <Form onSubmit={submit} noValidate>
        {signIn.error ? <ErrorNotice error={signIn.error} /> : null}
        <Field label="Work e-mail">
          <Input type="email" name="email" autoComplete="username" autoFocus required maxLength={LIMITS.email} value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Password" hint={<Link to="/forgot-password">Forgot password?</Link>}>
          <Input type="password" name="password" autoComplete="current-password" required maxLength={LIMITS.password} value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Button type="submit" variant="primary" block loading={signIn.isPending} disabled={!email || !password}>
          Sign in
        </Button>
      </Form>
    </AuthLayout>
  );
}
