// Write to the client (on the owner's behalf), log a note or a call. Only the modes the caller may use show.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Contact } from '../../../api/models.ts';
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
        onSuccess: () => {
          setBody('');
          toast.show(current.kind === 'message' ? (onBehalf ? `Message sent on behalf of ${contact.ownerName}` : 'Message sent') : current.kind === 'note' ? 'Note saved' : 'Call logged');
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
      <textarea ref={ref} className={styles.input} aria-label={current.placeholder} placeholder={current.placeholder} rows={3} value={body} onChange={(e) => setBody(e.target.value)} onKeyDown={onKeyDown} />
      <div className={styles.footer}>
        <span className={styles.hint}>
          {onBehalf ? (
            <>
              Sent from {contact.ownerName}’s line, on their behalf, as you.{' '}
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
