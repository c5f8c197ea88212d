import type { HistoryItem } from '../../api/models.ts';

/**
 * Who wrote a history item: for a message sent by someone else than the owner, on whose behalf; for a client's
 * reply (no sender among the users), the client.
 */
export function authorLine(item: HistoryItem, contactName?: string): string {
  if (item.kind === 'message' && item.direction === 'inbound') return `Reply from ${contactName ?? 'the client'}`;
  const who = item.sentByName || 'Someone';
  if (item.kind === 'message') {
    if (item.onBehalfOf && item.sentBy && item.onBehalfOf !== item.sentBy) return `Sent by ${who} on behalf of ${item.onBehalfOfName ?? 'the owner'}`;
    return `Sent by ${who}`;
  }
  return item.kind === 'note' ? `Note by ${who}` : `Call logged by ${who}`;
}
