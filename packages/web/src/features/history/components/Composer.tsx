// Write to the client (on the owner's behalf, by e-mail or SMS), log a note or a call. Only the modes the caller may
// use show. A message may start from a template ("Use a template": rendered for this contact, then editable); the
// message then carries the template's id, which the server records.
import type { MessageChannel } from '@tandem/api';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Contact } from '../../../api/models.ts';
import { LIMITS } from '../../../api/field-errors.ts';
import { describeError, errorMessage } from '../../../api/errors.ts';
import { cx } from '../../../lib/cx.ts';
import { Button } from '../../../ui/Button.tsx';
import { cardClass } from '../../../ui/Card.tsx';
import { Icon, type IconName } from '../../../ui/Icon.tsx';
import { Kbd } from '../../../ui/Kbd.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { UseTemplateDialog, type UsedTemplate } from '../../templates/components/UseTemplateDialog.tsx';
import { channelChoices, defaultChannel, isChannelRefusal, messageOutcome } from '../delivery.ts';
import { useAddToHistory, type ComposerKind } from '../hooks/useHistory.ts';
import { ChannelPicker, type ChannelError } from './ChannelPicker.tsx';
import styles from './Composer.module.css';

const MODES: { kind: ComposerKind; label: string; icon: IconName; action: 'contact.message' | 'contact.logNote'; placeholder: string; submit: string }[] = [
  { kind: 'message', label: 'Message', icon: 'message', action: 'contact.message', placeholder: 'Write to the client…', submit: 'Send message' },
  { kind: 'note', label: 'Note', icon: 'note', action: 'contact.logNote', placeholder: 'Add a note only your team sees…', submit: 'Save note' },
  { kind: 'call', label: 'Call', icon: 'phone', action: 'contact.logNote', placeholder: 'What was said on the call?', submit: 'Log call' },
];

const SUBJECT_MAX = 300; // @tandem/api's messageSubjectSchema

export function availableModes(contact: Contact): ComposerKind[] {
  return MODES.filter((m) => contact.access.actions.includes(m.action)).map((m) => m.kind);
}

export function Composer({ contact, mode, onModeChange, focusSignal }: { contact: Contact; mode: ComposerKind; onModeChange: (m: ComposerKind) => void; focusSignal: number }) {
  const { user } = useCurrentUser();
  const modes = MODES.filter((m) => contact.access.actions.includes(m.action));
  const current = modes.find((m) => m.kind === mode) ?? modes[0];
  const [body, setBody] = useState('');
  const [subject, setSubject] = useState('');
  const [picked, setPicked] = useState<MessageChannel | null>(null);
  const [channelError, setChannelError] = useState<ChannelError | null>(null);
  const [template, setTemplate] = useState<{ id: string; name: string } | null>(null);
  const [choosingTemplate, setChoosingTemplate] = useState(false);
  const add = useAddToHistory(contact.id);
  const toast = useToast();
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (focusSignal > 0) ref.current?.focus();
  }, [focusSignal]);

  if (!current) return null;
  const writing = current.kind === 'message';
  const choices = channelChoices(contact);
  // The contact is read again after a refusal: a channel that lost its address falls back to one that has one.
  const channel = defaultChannel(choices, picked);
  const onBehalf = writing && contact.ownerId !== user.id;
  const cannotSend = writing && channel === null;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!body.trim() || add.isPending || cannotSend) return;
    const sentOn = writing ? (channel ?? undefined) : undefined;
    add.mutate(
      { kind: current.kind, body: body.trim(), channel: sentOn, subject: sentOn === 'email' ? subject.trim() : undefined, templateId: writing ? template?.id : undefined },
      {
        onSuccess: (item) => {
          setBody('');
          setSubject('');
          setTemplate(null);
          setChannelError(null);
          if (!writing) return toast.show(current.kind === 'note' ? 'Note saved' : 'Call logged', 'success');
          toast.show(messageOutcome(item, onBehalf ? contact.ownerName : null), item.status === 'failed' ? 'error' : 'success');
        },
        onError: (error) => {
          if (sentOn && isChannelRefusal(error)) {
            const { title, detail } = describeError(error);
            setChannelError({ channel: sentOn, message: detail ? `${title}. ${detail}` : title });
            return;
          }
          toast.show(errorMessage(error), 'error');
        },
      },
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit();
  };
  const applyTemplate = (used: UsedTemplate) => {
    setTemplate({ id: used.templateId, name: used.name });
    setBody(used.text);
    if (used.subject) setSubject(used.subject);
    setChoosingTemplate(false);
    ref.current?.focus();
  };
  const pick = (next: MessageChannel) => {
    setPicked(next);
    setChannelError(null);
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
      {writing ? (
        <>
          <ChannelPicker choices={choices} value={channel} onChange={pick} error={channelError} disabled={add.isPending} />
          {cannotSend ? (
            <p className={styles.noChannel} data-testid="no-channel">
              This contact has no e-mail address or phone number. Add one to write to them.
            </p>
          ) : null}
          <div className={styles.templateLine}>
            <Button size="sm" variant="ghost" icon="copy" onClick={() => setChoosingTemplate(true)} disabled={add.isPending || cannotSend}>
              Use a template
            </Button>
            {template ? (
              <span className={styles.templateChip} data-testid="composer-template">
                From {template.name}
                <button type="button" aria-label={`Stop using the template ${template.name}`} onClick={() => setTemplate(null)}>
                  <Icon name="x" size={12} />
                </button>
              </span>
            ) : null}
          </div>
          {choosingTemplate ? <UseTemplateDialog contactId={contact.id} contactName={contact.name} onUse={applyTemplate} onClose={() => setChoosingTemplate(false)} /> : null}
          {channel === 'email' ? (
            <input className={styles.subject} aria-label="Subject" placeholder="Subject" maxLength={SUBJECT_MAX} value={subject} onChange={(e) => setSubject(e.target.value)} />
          ) : null}
        </>
      ) : null}
      <textarea ref={ref} className={styles.input} aria-label={current.placeholder} placeholder={current.placeholder} rows={3} maxLength={LIMITS.historyBody} value={body} onChange={(e) => setBody(e.target.value)} onKeyDown={onKeyDown} />
      <div className={styles.footer}>
        <span className={styles.hint}>
          {onBehalf ? <>Goes out from {contact.ownerName}’s address, on their behalf, as sent by you. </> : null}
          <span className={styles.keys}>
            <Kbd>Ctrl</Kbd>+<Kbd>Enter</Kbd> to {current.submit.toLowerCase()}
          </span>
        </span>
        <Button type="submit" variant="primary" size="sm" icon={writing ? 'send' : 'check'} disabled={!body.trim() || cannotSend} loading={add.isPending}>
          {current.submit}
        </Button>
      </div>
    </form>
  );
}
