// A reset link (`/reset-password#token=…`): choose a new password. The token comes from the fragment and goes in the
// body of the POST; using the link signs in (every other session of the account ends).
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { fieldErrorsOf } from '../api/field-errors.ts';
import { isStatus } from '../api/errors.ts';
import { tokenFromHash } from '../features/account/link-token.ts';
import { NewPasswordFields, newPasswordProblem } from '../features/account/components/NewPasswordFields.tsx';
import { useCompletePasswordReset } from '../features/account/hooks/useAccount.ts';
import { AuthLayout } from '../features/auth/components/AuthLayout.tsx';
import { Button, buttonClass } from '../ui/Button.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Form } from '../ui/Field.tsx';
import { Notice } from '../ui/Notice.tsx';
import { useToast } from '../ui/Toast.tsx';

export function ResetPasswordPage() {
  const { hash } = useLocation();
  const token = tokenFromHash(hash);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState(false);
  const complete = useCompletePasswordReset();
  const navigate = useNavigate();
  const toast = useToast();
  const fields = fieldErrorsOf(complete.error, ['password']);
  const unusable = !token || isStatus(complete.error, 404);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    const problem = newPasswordProblem(password, repeat);
    if (!token || problem.password || problem.repeat) return;
    complete.mutate(
      { token, password },
      {
        onSuccess: ({ user }) => {
          toast.show(`Your new password is set, ${user.name.split(' ')[0]}. You are signed in.`);
          navigate('/contacts', { replace: true });
        },
      },
    );
  };

  return (
    <AuthLayout title="Choose a new password" subtitle="It replaces your old one, and signs you out on your other devices." footer={<Link to="/signin">Back to sign in</Link>}>
      {unusable ? (
        <Notice tone="danger" icon="alert" role="alert" title="This link cannot be used" testId="link-unusable">
          <p>{token ? 'Links to set a password work once and expire after a while.' : 'The link is incomplete: open it from the e-mail again.'}</p>
          <p>
            <Link className={buttonClass({ size: 'sm' })} to="/forgot-password">
              Ask for a new link
            </Link>
          </p>
        </Notice>
      ) : (
        <Form onSubmit={submit} noValidate>
          {complete.error && !fields.byField.password ? <ErrorNotice error={complete.error} /> : null}
          <NewPasswordFields password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} touched={touched} serverError={fields.byField.password ?? null} autoFocus />
          <Button type="submit" variant="primary" block loading={complete.isPending}>
            Set password and sign in
          </Button>
        </Form>
      )}
    </AuthLayout>
  );
}
