// Under an outbound message: what became of it (Queued, Retrying… with the last transient error, Sent, Not delivered), why a failed one failed, and a way to
// send it again. A retry is a new message with the same words and channel (the failed one stays in the thread as
// it happened); the wrapper's idempotency key makes a double click send it once.
import type { MessageChannel } from '@tandem/api';
import type { HistoryItem } from '../../../api/models.ts';
import { errorMessage } from '../../../api/errors.ts';
import { formatWhen } from '../../../lib/format.ts';
import { Badge } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { deliveryState, failureText, isRetrying, messageOutcome, retryText } from '../delivery.ts';
import { useAddToHistory } from '../hooks/useHistory.ts';
import styles from './HistoryTimeline.module.css';

const isChannel = (channel: string | null): channel is MessageChannel => channel === 'email' || channel === 'sms';

export function MessageDelivery({ item, contactId, canRetry }: { item: HistoryItem; contactId: string; canRetry: boolean }) {
  const state = deliveryState(item);
  const retry = useAddToHistory(contactId);
  const toast = useToast();
  if (!state) return null;
  const sendAgain = () =>
    retry.mutate(
      { kind: 'message', body: item.body, channel: isChannel(item.channel) ? item.channel : undefined, subject: item.subject ?? undefined },
      {
        onSuccess: (next) => toast.show(messageOutcome(next, null), next.status === 'failed' ? 'error' : 'success'),
        onError: (error) => toast.show(errorMessage(error), 'error'),
      },
    );
  return (
    <div className={styles.delivery} data-testid="delivery">
      <Badge tone={state.tone} testId="delivery-status">
        {state.label}
      </Badge>
      {item.status === 'sent' && item.sentAt ? (
        <span className="muted">
          {item.toAddress ? `to ${item.toAddress} · ` : null}
          <time dateTime={item.sentAt}>{formatWhen(item.sentAt)}</time>
        </span>
      ) : item.status === 'queued' ? (
        <span className="muted">{item.toAddress ? `Waiting to go to ${item.toAddress}` : 'Waiting to go out'}</span>
      ) : null}
      {isRetrying(item) ? (
        <span className="muted" data-testid="delivery-retry">
          {retryText(item)}
        </span>
      ) : null}
      {item.status === 'failed' ? (
        <>
          <span className={styles.failure} data-testid="delivery-error">
            {failureText(item)}
          </span>
          {canRetry ? (
            <Button size="sm" icon="refresh" onClick={sendAgain} loading={retry.isPending}>
              Send again
            </Button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
