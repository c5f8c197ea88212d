// The HistoryItem object of docs/api-shapes.md: a message, note or call. A message is outbound (sent by a user on the
// owner's behalf, delivered by the queue: `status`) or inbound (a client's reply: `sentBy` null, `fromAddress` the
// client's address). Notes and calls carry no channel, direction or delivery.
import { z } from 'zod';

export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export const messageChannelSchema = z.enum(MESSAGE_CHANNELS);

export const MESSAGE_STATUSES = ['queued', 'sent', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const historyItemSchema = z.object({
  id: z.string(),
  kind: z.enum(['message', 'note', 'call']),
  body: z.string(),
  channel: z.string().nullable().describe('messages: email or sms (older rows may hold other text); null for notes and calls'),
  direction: z.enum(['outbound', 'inbound']).nullable().describe('messages only: outbound (sent on the owner\'s behalf) or inbound (a client\'s reply)'),
  subject: z.string().nullable().describe('e-mail messages: the subject line'),
  status: z.enum(MESSAGE_STATUSES).nullable()
    .describe('outbound messages: queued until handed to the provider, then sent or failed; null for notes, calls, replies and messages logged before delivery existed'),
  error: z.string().nullable().describe('why a failed message was not delivered'),
  fromAddress: z.string().nullable().describe('the address it came from (the owner\'s line, or the client for a reply)'),
  toAddress: z.string().nullable().describe('the address it went to'),
  sentAt: z.string().nullable().describe('when the provider accepted it'),
  sentBy: z.string().nullable().describe('the user who sent it; null for a client\'s reply'),
  sentByName: z.string(),
  onBehalfOf: z.string().nullable(),
  onBehalfOfName: z.string().nullable(),
  createdAt: z.string(),
});
export type HistoryItemDto = z.infer<typeof historyItemSchema>;

export const historyBodySchema = z.string().trim().min(1).max(10_000);
export const messageSubjectSchema = z.string().trim().min(1).max(300);
