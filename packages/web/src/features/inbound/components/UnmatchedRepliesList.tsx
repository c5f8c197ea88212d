// Replies nobody could be matched to, newest first: who wrote, to which line or address, by which channel, the first
// words, when, and why it matched nothing. A list of cards (not a table) so it reads at 360 px; "Load more" takes the
// next keyset page.
import type { UnmatchedReplyDto } from '@tandem/api';
import { formatDateTime } from '../../../lib/format.ts';
import { Badge } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Card } from '../../../ui/Card.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { PageSpinner } from '../../../ui/Spinner.tsx';
import { useUnmatchedReplies } from '../hooks/useInbound.ts';
import { CHANNEL_LABEL, REASON_LABEL, replyPreview } from '../inbound-text.ts';
import styles from './UnmatchedRepliesList.module.css';

function ReplyItem({ reply }: { reply: UnmatchedReplyDto }) {
  const reason = REASON_LABEL[reply.reason];
  return (
    <li className={styles.item} data-testid="unmatched-reply">
      <div className={styles.top}>
        <Badge tone={reply.channel === 'sms' ? 'accent' : 'neutral'}>{CHANNEL_LABEL[reply.channel]}</Badge>
        <Badge tone="warning" title={reason.hint}>{reason.label}</Badge>
        <time className={styles.when} dateTime={reply.receivedAt}>{formatDateTime(reply.receivedAt)}</time>
      </div>
      <dl className={styles.route}>
        <dt>From</dt>
        <dd data-testid="unmatched-from">{reply.fromAddress}</dd>
        <dt>To</dt>
        <dd data-testid="unmatched-to">{reply.toAddress}</dd>
      </dl>
      <p className={styles.preview}>{replyPreview(reply)}</p>
      <p className={styles.hint}>{reason.hint}</p>
    </li>
  );
}

export function UnmatchedRepliesList() {
  const replies = useUnmatchedReplies();
  if (replies.isPending) return <PageSpinner label="Loading unmatched replies" />;
  if (replies.isError) return <ErrorNotice error={replies.error} onRetry={() => void replies.refetch()} />;
  const items = replies.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <Card>
        <EmptyState icon="inbox" title="No unmatched replies">
          <p>Every reply so far found its contact.</p>
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card padding="flush">
      <ul className={styles.list} aria-label="Unmatched replies">
        {items.map((reply) => (
          <ReplyItem key={reply.id} reply={reply} />
        ))}
      </ul>
      {replies.hasNextPage ? (
        <div className={styles.more}>
          <Button size="sm" onClick={() => void replies.fetchNextPage()} loading={replies.isFetchingNextPage}>
            Load more
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
