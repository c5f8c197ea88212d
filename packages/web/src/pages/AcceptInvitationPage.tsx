// An invitation link (`/accept-invitation#token=…`): see which organisation it is for and as what, choose a password
// (and the name, if it needs correcting), join. The token is read from the fragment and posted in request bodies
// (lookup, then accept), never put in a query string. Joining signs in as the new user.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { fieldErrorsOf, LIMITS } from '../api/field-errors.ts';
import { isStatus } from '../api/errors.ts';
import { NewPasswordFields, newPasswordProblem } from '../features/account/components/NewPasswordFields.tsx';
import { useAcceptInvitation, useInvitationLink } from '../features/account/hooks/useAccount.ts';
import { tokenFromHash } from '../features/account/link-token.ts';
import { AuthLayout } from '../features/auth/components/AuthLayout.tsx';
import { useMe } from '../features/auth/hooks/useSession.ts';
import { formatDateTime } from '../lib/format.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Field, Form, Input } from '../ui/Field.tsx';
import { Notice } from '../ui/Notice.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';

export function AcceptInvitationPage() {
  const { hash } = useLocation();
  const token = tokenFromHash(hash);
  const link = useInvitationLink(token);
  const me = useMe();
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const toast = useToast();
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState(false);
  const fields = fieldErrorsOf(accept.error, ['name', 'password']);

  if (token && link.isPending) return <PageSpinner label="Reading your invitation" />;
  const unusable = !token || isStatus(link.error, 404) || isStatus(accept.error, 404);
  if (unusable || !link.data) {
    return (
      <AuthLayout title="Join Tandem" subtitle="An invitation from your team." footer={<Link to="/signin">Sign in</Link>}>
        {unusable ? (
          <Notice tone="danger" icon="alert" role="alert" title="This invitation cannot be used" testId="link-unusable">
            <p>{token ? 'It may have expired, been used already, or been withdrawn. Ask the person who invited you for a new one.' : 'The link is incomplete: open it from the e-mail again.'}</p>
          </Notice>
        ) : (
          <ErrorNotice error={link.error} onRetry={() => void link.refetch()} />
        )}
      </AuthLayout>
    );
  }
  const invitation = link.data;
  const shownName = name ?? invitation.name;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    const problem = newPasswordProblem(password, repeat);
    if (!shownName.trim() || problem.password || problem.repeat) return;
    accept.mutate(
      { token, password, ...(shownName.trim() !== invitation.name ? { name: shownName.trim() } : {}) },
      {
        onSuccess: ({ user, org }) => {
          toast.show(`Welcome to ${org.name}, ${user.name.split(' ')[0]}`);
          navigate('/contacts', { replace: true });
        },
      },
    );
  };
  return (
    <AuthLayout
      title={`Join ${invitation.orgName}`}
      subtitle={`You are invited as ${invitation.role === 'admin' ? 'an administrator' : 'a member'}. Choose your password to start.`}
      footer={<>Already have an account? <Link to="/signin">Sign in</Link></>}
    >
      <Form onSubmit={submit} noValidate>
        {me.data ? (
          <Notice tone="info" small>
            You are signed in as {me.data.user.name}. Joining signs you in as {invitation.email} instead.
          </Notice>
        ) : null}
        {accept.error && !fields.byField.password && !fields.byField.name ? <ErrorNotice error={accept.error} /> : null}
        <Field label="Your name" error={fields.byField.name ?? (touched && !shownName.trim() ? 'Tell us your name.' : null)}>
          <Input name="name" autoComplete="name" maxLength={LIMITS.personName} value={shownName} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Work e-mail" hint={`The invitation is for this address. It works until ${formatDateTime(invitation.expiresAt)}.`}>
          <Input name="email" type="email" autoComplete="username" value={invitation.email} readOnly />
        </Field>
        <NewPasswordFields label="Password" password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} touched={touched} serverError={fields.byField.password ?? null} autoFocus />
        <Button type="submit" variant="primary" block loading={accept.isPending}>
          Join {invitation.orgName}
        </Button>
      </Form>
    </AuthLayout>
  );
}
