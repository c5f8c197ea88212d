import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { LIMITS } from '../api/field-errors.ts';
import { AuthLayout } from '../features/auth/components/AuthLayout.tsx';
import { useSignUp } from '../features/auth/hooks/useSession.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Field, Form, Input } from '../ui/Field.tsx';

const MIN_PASSWORD = 8;

export function SignUpPage() {
  const [orgName, setOrgName] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const signUp = useSignUp();
  const tooShort = password.length > 0 && password.length < MIN_PASSWORD;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!orgName.trim() || !name.trim() || !email.trim() || password.length < MIN_PASSWORD) return;
    signUp.mutate({ orgName: orgName.trim(), name: name.trim(), email: email.trim(), password });
  };

  return (
    <AuthLayout title="Create your organisation" subtitle="You will be its first administrator. Invite your colleagues next." footer={<>Already have an account? <Link to="/signin">Sign in</Link></>}>
      <Form onSubmit={submit} noValidate>
        {signUp.error ? <ErrorNotice error={signUp.error} /> : null}
        <Field label="Organisation name" error={touched && !orgName.trim() ? 'Give your organisation a name.' : null}>
          <Input name="orgName" autoFocus maxLength={LIMITS.orgName} value={orgName} onChange={(e) => setOrgName(e.target.value)} placeholder="Acme Inc." />
        </Field>
        <Field label="Your name" error={touched && !name.trim() ? 'Tell us your name.' : null}>
          <Input name="name" autoComplete="name" maxLength={LIMITS.personName} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Work e-mail" error={touched && !email.trim() ? 'Enter your e-mail address.' : null}>
          <Input type="email" name="email" autoComplete="username" maxLength={LIMITS.email} value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Password" hint={`At least ${MIN_PASSWORD} characters.`} error={tooShort || (touched && password.length < MIN_PASSWORD) ? `Use at least ${MIN_PASSWORD} characters.` : null}>
          <Input type="password" name="password" autoComplete="new-password" maxLength={LIMITS.password} value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Button type="submit" variant="primary" block loading={signUp.isPending}>
          Create organisation
        </Button>
      </Form>
    </AuthLayout>
  );
}
