// Write to the client (on the owner's behalf), log a note or a call. Only the modes the caller may use show.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Contact, HistoryItem } from '../../../api/models.ts';
import { LIMITS } from '../../../api/field-errors.ts';
import { errorMessage } from '../../../api/errors.ts';
import { cx } from '../../../lib/cx.ts';
import { Button } from '../../../ui/Button.tsx';
import { cardClass } from '../../../ui/Card.tsx';
import { Icon, type IconName } from '../../../ui/Icon.tsx';
import { Kbd } from '../../../ui/Kbd.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { useAddToHistory, type ComposerKind } from '../hooks/useHistory.ts';
import styles from './Composer.module.css';

const MODES: { kind: ComposerKind; label: string; icon: IconName; action: 'contact.message' | 'contact.logNote'; placeholder: string; submit: string }[] = [
  { kind: 'message', label: 'Message', icon: 'message', action: 'contact.message', placeholder: 'Write to the client…', submit: 'Send message' },
  { kind: 'note', label: 'Note', icon: 'note', action: 'contact.logNote', placeholder: 'Add a note only your team sees…', submit: 'Save note' },
  { kind: 'call', label: 'Call', icon: 'phone', action: 'contact.logNote', placeholder: 'What was said on the call?', submit: 'Log call' },
];

/**
 * What became of a message, as the answer says. Until delivery exists (the conversations issue: `status` queued,
 * sent or failed) nothing is sent to anyone: the message is only logged in the history, and the toast says so
 * (issue 10, defect 13).
 */
export function messageOutcome(item: HistoryItem, onBehalfOf: string | null): string {
  const status = (item as HistoryItem & { status?: string }).status;
  const behalf = onBehalfOf ? ` on behalf of ${onBehalfOf}` : '';
  if (status === 'sent') return `Message sent${behalf}`;
  if (status === 'queued') return `Message queued${behalf}: it goes out shortly`;
  if (status === 'failed') return `Message${behalf} could not be sent`;
  return `Message logged${behalf}. Tandem does not deliver messages yet: send it from your own e-mail or phone.`;
}

export function availableModes(contact: Contact): ComposerKind[] {
  return MODES.filter((m) => contact.access.actions.includes(m.action)).map((m) => m.kind);
}

export function Composer({ contact, mode, onModeChange, focusSignal }: { contact: Contact; mode: ComposerKind; onModeChange: (m: ComposerKind) => void; focusSignal: number }) {
  const { user } = useCurrentUser();
  const modes = MODES.filter((m) => contact.access.actions.includes(m.action));
  const current = modes.find((m) => m.kind === mode) ?? modes[0];
  const [body, setBody] = useState('');
  const add = useAddToHistory(contact.id);
  const toast = useToast();
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (focusSignal > 0) ref.current?.focus();
  }, [focusSignal]);

  if (!current) return null;
  const onBehalf = current.kind === 'message' && contact.ownerId !== user.id;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!body.trim() || add.isPending) return;
    add.mutate(
      { kind: current.kind, body: body.trim() },
      {
        onSuccess: (item) => {
          setBody('');
          toast.show(current.kind === 'message' ? messageOutcome(item, onBehalf ? contact.ownerName : null) : current.kind === 'note' ? 'Note saved' : 'Call logged', 'success');
        },
        onError: (error) => toast.show(errorMessage(error), 'error'),
      },
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit();
  };

  return (
    <form className={cx(cardClass('flush'), styles.composer)} onSubmit={submit} data-testid="composer">
      <div className={styles.tabs} role="tablist" aria-label="Add to history">
        {modes.map((m) => (
          <button key={m.kind} type="button" role="tab" aria-selected={m.kind === current.kind} className={cx(styles.tab, m.kind === current.kind && styles.active)} onClick={() => onModeChange(m.kind)}>
            <Icon name={m.icon} size={14} />
            {m.label}
          </button>
        ))}
      </div>
      <textarea ref={ref} className={styles.input} aria-label={current.placeholder} placeholder={current.placeholder} rows={3} maxLength={LIMITS.historyBody} value={body} onChange={(e) => setBody(e.target.value)} onKeyDown={onKeyDown} />
      <div className={styles.footer}>
        <span className={styles.hint}>
          {onBehalf ? (
            <>
              Logged on {contact.ownerName}’s behalf, as written by you; Tandem does not deliver messages yet.{' '}
              <span className={styles.keys}>
                <Kbd>Ctrl</Kbd>+<Kbd>Enter</Kbd>
              </span>
            </>
          ) : (
            <span className={styles.keys}>
              <Kbd>Ctrl</Kbd>+<Kbd>Enter</Kbd> to {current.submit.toLowerCase()}
            </span>
          )}
        </span>
        <Button type="submit" variant="primary" size="sm" icon={current.kind === 'message' ? 'send' : 'check'} disabled={!body.trim()} loading={add.isPending}>
          {current.submit}
        </Button>
      </div>
    </form>
  );
}
