// The conversation history, newest first: messages (who sent them on whose behalf, by which channel, and what became
// of them), the client's replies on the client's side, notes and calls.
import type { HistoryItem } from '../../../api/models.ts';
import { formatWhen } from '../../../lib/format.ts';
import { cx } from '../../../lib/cx.ts';
import { Button } from '../../../ui/Button.tsx';
import { CardLoading } from '../../../ui/Card.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Icon, type IconName } from '../../../ui/Icon.tsx';
import { useContact } from '../../contacts/hooks/useContact.ts';
import { authorLine } from '../author-line.ts';
import { channelLabel, isInbound } from '../delivery.ts';
import { useHistory } from '../hooks/useHistory.ts';
import { MessageDelivery } from './MessageDelivery.tsx';
import styles from './HistoryTimeline.module.css';

const KIND: Record<HistoryItem['kind'], { icon: IconName; label: string }> = {
  message: { icon: 'message', label: 'Message' },
  note: { icon: 'note', label: 'Note' },
  call: { icon: 'phone', label: 'Call' },
};

export type HistoryFilter = 'all' | HistoryItem['kind'];

export const HISTORY_FILTERS: { id: HistoryFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'message', label: 'Messages' },
  { id: 'note', label: 'Notes' },
  { id: 'call', label: 'Calls' },
];

export function HistoryTimeline({ contactId, filter = 'all' }: { contactId: string; filter?: HistoryFilter }) {
  const history = useHistory(contactId, true);
  // The contact page has read the contact already: this is its cached answer (the name on replies, who may resend).
  const contact = useContact(contactId).data;
  const canRetry = contact?.access.actions.includes('contact.message') ?? false;
  if (history.isPending) {
    return <CardLoading label="Loading history" />;
  }
  if (history.isError) return <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />;
  const all = history.data.pages.flatMap((p) => p.items);
  const items = filter === 'all' ? all : all.filter((i) => i.kind === filter);
  if (items.length === 0) {
    return (
      <EmptyState icon={filter === 'note' ? 'note' : filter === 'call' ? 'phone' : 'message'} title={filter === 'all' ? 'No conversation yet' : `No ${HISTORY_FILTERS.find((f) => f.id === filter)?.label.toLowerCase()} yet`}>
        <p>{filter === 'all' ? 'Messages, notes and calls with this contact will show up here.' : 'Older items may not be loaded yet.'}</p>
      </EmptyState>
    );
  }
  return (
    <>
      <ol className={styles.timeline} aria-label="Conversation history">
        {items.map((item) => {
          const inbound = isInbound(item);
          return (
            <li
              key={item.id}
              className={cx(styles.item, item.kind !== 'message' && styles[item.kind], inbound && styles.inbound)}
              data-testid="history-item"
              data-kind={item.kind}
              data-direction={item.direction ?? undefined}
            >
              <span className={styles.icon}>
                <Icon name={inbound ? 'inbox' : KIND[item.kind].icon} size={14} />
              </span>
              <div>
                <div className={styles.meta}>
                  <strong>{inbound ? 'Reply' : KIND[item.kind].label}</strong>
                  <span className={styles.author} data-testid="history-author">
                    {authorLine(item, contact?.name)}
                  </span>
                  {inbound && item.fromAddress ? <span className={styles.address} data-testid="history-from">{item.fromAddress}</span> : null}
                  {item.channel ? <span className="muted">· {channelLabel(item.channel)}</span> : null}
                  <time className="muted" dateTime={item.createdAt}>
                    {formatWhen(item.createdAt)}
                  </time>
                </div>
                {item.subject ? <p className={styles.subject}>{item.subject}</p> : null}
                <p className={styles.body}>{item.body}</p>
                <MessageDelivery item={item} contactId={contactId} canRetry={canRetry} />
              </div>
            </li>
          );
        })}
      </ol>
      {history.hasNextPage ? (
        <div className={styles.more}>
          <Button size="sm" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
            Show older
          </Button>
        </div>
      ) : null}
    </>
  );
}
