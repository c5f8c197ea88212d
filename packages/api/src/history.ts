// The HistoryItem object of docs/api-shapes.md: a message, note or call.
import { z } from 'zod';

export const historyItemSchema = z.object({
  id: z.string(),
  kind: z.enum(['message', 'note', 'call']),
  body: z.string(),
  channel: z.string().nullable(),
  sentBy: z.string().nullable().describe('the user who sent it; null for a client\'s reply'),
  sentByName: z.string(),
  onBehalfOf: z.string().nullable(),
  onBehalfOfName: z.string().nullable(),
  createdAt: z.string(),
});
export type HistoryItemDto = z.infer<typeof historyItemSchema>;

export const historyBodySchema = z.string().trim().min(1).max(10_000);
