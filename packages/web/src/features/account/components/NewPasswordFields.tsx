// A new password typed twice, with the API's length rule said before it is broken.
import { LIMITS } from '../../../api/field-errors.ts';
import { Field, Input } from '../../../ui/Field.tsx';

export function newPasswordProblem(password: string, repeat: string): { password: string | null; repeat: string | null } {
  return {
    password: password.length < LIMITS.passwordMin ? `Use at least ${LIMITS.passwordMin} characters.` : null,
    repeat: repeat !== password ? 'The two passwords are not the same.' : null,
  };
}

export function NewPasswordFields({ password, repeat, onPassword, onRepeat, touched, serverError, label = 'New password', autoFocus = false }: {
  password: string;
  repeat: string;
  onPassword: (v: string) => void;
  onRepeat: (v: string) => void;
  touched: boolean;
  serverError?: string | null;
  label?: string;
  autoFocus?: boolean;
}) {
  const problem = newPasswordProblem(password, repeat);
  return (
    <>
      <Field label={label} hint={`At least ${LIMITS.passwordMin} characters.`} error={serverError ?? (touched ? problem.password : null)}>
        <Input type="password" name="new-password" autoComplete="new-password" autoFocus={autoFocus} maxLength={LIMITS.password} value={password} onChange={(e) => onPassword(e.target.value)} />
      </Field>
      <Field label={`Repeat the ${label.toLowerCase()}`} error={touched ? problem.repeat : null}>
        <Input type="password" name="repeat-password" autoComplete="new-password" maxLength={LIMITS.password} value={repeat} onChange={(e) => onRepeat(e.target.value)} />
      </Field>
    </>
  );
}
