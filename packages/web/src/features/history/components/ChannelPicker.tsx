// How a message goes to the client: e-mail or SMS. A channel the contact has no address for is disabled and says
// why; a refusal from the server (409: the address went away after the page was read) is shown under that channel
// and is part of its radio button's description, so a screen reader hears it on the channel it is about.
import type { MessageChannel } from '@tandem/api';
import { useId } from 'react';
import { cx } from '../../../lib/cx.ts';
import type { ChannelChoice } from '../delivery.ts';
import styles from './ChannelPicker.module.css';

export type ChannelError = { channel: MessageChannel; message: string };

export function ChannelPicker({ choices, value, onChange, error, disabled }: {
  choices: ChannelChoice[];
  value: MessageChannel | null;
  onChange: (channel: MessageChannel) => void;
  error: ChannelError | null;
  disabled: boolean;
}) {
  const id = useId();
  return (
    <fieldset className={styles.picker} data-testid="channel-picker">
      <legend className={styles.legend}>Send by</legend>
      {choices.map((choice) => {
        const noteId = `${id}-${choice.channel}-note`;
        const errorId = `${id}-${choice.channel}-error`;
        const refused = error?.channel === choice.channel ? error.message : null;
        return (
          <div key={choice.channel} className={cx(styles.option, choice.unavailable && styles.unavailable)} data-testid={`channel-${choice.channel}`}>
            <label className={styles.choice}>
              <input
                type="radio"
                name={`${id}-channel`}
                value={choice.channel}
                checked={value === choice.channel}
                disabled={disabled || choice.unavailable !== null}
                aria-describedby={refused ? `${noteId} ${errorId}` : noteId}
                aria-invalid={refused ? true : undefined}
                onChange={() => onChange(choice.channel)}
              />
              {choice.label}
            </label>
            <span id={noteId} className={styles.note}>
              {choice.unavailable ?? `to ${choice.address}`}
            </span>
            {refused ? (
              <span id={errorId} className={styles.error} role="alert" data-testid="channel-error">
                {refused}
              </span>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
