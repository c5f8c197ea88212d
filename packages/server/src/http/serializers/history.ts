// The HistoryItem answer from a domain view; the shape is @tandem/api's history.ts.
import type { HistoryItemDto } from '@tandem/api';
import type { HistoryView } from '../../domain/history/history-view.ts';

export function toHistoryDto(view: HistoryView): HistoryItemDto {
  const { row } = view;
  return {
    id: row.id, kind: row.kind, body: row.body, channel: row.channel, direction: row.direction, subject: row.subject,
    status: row.status, error: row.error, fromAddress: row.from_address, toAddress: row.to_address,
    sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null, sentBy: row.sent_by, sentByName: view.sentByName,
    onBehalfOf: row.on_behalf_of, onBehalfOfName: view.onBehalfOfName, createdAt: new Date(row.created_at).toISOString(),
  };
}
