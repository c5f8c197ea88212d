// A user's SMS line, in their dialog on the Users page: the number clients text and SMS replies find their owner by.
// The server stores it in E.164 and gives a line to one user of the org; a taken or malformed line is said under the
// field, not in a toast, since it is the field that must change.
import { normaliseSmsLine } from '@tandem/api';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../api/client.ts';
import { errorMessage } from '../../../api/errors.ts';
import { fieldErrorsOf } from '../../../api/field-errors.ts';
import type { User } from '../../../api/models.ts';
import { Button } from '../../../ui/Button.tsx';
import { Field, FormActions, Input } from '../../../ui/Field.tsx';
import { Subheading } from '../../../ui/Page.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useSetSmsLine } from '../hooks/useInbound.ts';
import styles from './SmsLineSection.module.css';

const FORMAT_HINT = 'In international form: +, country code and number, e.g. +1 555 123 4567.';

/** What the field says after a refusal: the 409 and the 400 belong to it; anything else is a toast. */
function fieldError(error: unknown, typed: string): string | null {
  if (error instanceof ApiError && error.code === 'TANDEM_USER_SMS_LINE_TAKEN') return `Another user already has ${normaliseSmsLine(typed) ?? typed}. Each line belongs to one person, so replies find their owner.`;
  return fieldErrorsOf(error, ['smsLine']).byField.smsLine ?? null;
}

export function SmsLineSection({ user }: { user: User }) {
  const saved = user.smsLine ?? null;
  const [text, setText] = useState(saved ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = useSetSmsLine();
  const toast = useToast();
  const typed = text.trim();
  const next = typed === '' ? null : normaliseSmsLine(typed);
  // Text that is no line yet is a change too: saving it says what a line looks like.
  const dirty = typed === '' ? saved !== null : next === null || next !== saved;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typed !== '' && next === null) {
      setError(FORMAT_HINT);
      return;
    }
    setError(null);
    save.mutate(
      { id: user.id, smsLine: next },
      {
        onSuccess: (u) => {
          setText(u.smsLine ?? '');
          toast.show(u.smsLine ? `SMS line saved: ${u.smsLine}` : 'SMS line removed');
        },
        onError: (err) => {
          const onField = fieldError(err, typed);
          if (onField) setError(onField);
          else toast.show(errorMessage(err), 'error');
        },
      },
    );
  };

  return (
    <section className={styles.section} aria-labelledby="sms-line-title">
      <Subheading id="sms-line-title">SMS line</Subheading>
      <p className={styles.lead}>The number {user.name}’s clients text. Texts sent on their behalf come from it, and replies to it land in their contacts’ histories.</p>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Field label="SMS line" hint={FORMAT_HINT} error={error} optional>
          <Input
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={text}
            placeholder="+15551234567"
            maxLength={40}
            data-testid="sms-line-input"
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
        </Field>
        <FormActions>
          {dirty ? <span className="muted small">Not saved yet.</span> : null}
          <Button size="sm" variant="primary" type="submit" disabled={!dirty} loading={save.isPending}>
            {typed === '' && saved !== null ? 'Remove SMS line' : 'Save SMS line'}
          </Button>
        </FormActions>
      </form>
    </section>
  );
}
