// The HistoryItem object of docs/api-shapes.md: a message, note or call.
import { z } from 'zod';
import type { HistoryView } from '../../domain/history/history-view.ts';

export const historyItemSchema = z.object({
  id: z.string(),
  kind: z.enum(['message', 'note', 'call']),
  body: z.string(),
  channel: z.string().nullable(),
  sentBy: z.string(),
  sentByName: z.string(),
  onBehalfOf: z.string().nullable(),
  onBehalfOfName: z.string().nullable(),
  createdAt: z.string(),
});
export type HistoryItemDto = z.infer<typeof historyItemSchema>;

export function toHistoryDto(view: HistoryView): HistoryItemDto {
  const { row } = view;
  return {
    id: row.id, kind: row.kind, body: row.body, channel: row.channel, sentBy: row.sent_by, sentByName: view.sentByName,
    onBehalfOf: row.on_behalf_of, onBehalfOfName: view.onBehalfOfName, createdAt: new Date(row.created_at).toISOString(),
  };
}

export const historyBodySchema = z.string().trim().min(1).max(10_000);
