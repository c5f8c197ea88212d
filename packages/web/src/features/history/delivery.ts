// What the composer and the thread say about a message's delivery (issue 11, item 5): which channels a contact can
// be written to, what became of a message, and when the thread must be read again. Pure, so it is unit-tested.
import type { MessageChannel } from '@tandem/api';
import { ApiError } from '../../api/client.ts';
import type { Contact, HistoryItem, Page } from '../../api/models.ts';

export type ChannelChoice = {
  channel: MessageChannel;
  label: string;
  /** The address the server writes to (the contact's first e-mail or phone), or null when it has none. */
  address: string | null;
  /** Why the channel cannot be picked, in words; null when it can. */
  unavailable: string | null;
};

// @tandem/api's MESSAGE_CHANNELS, by type only (the app takes no zod from the API package); the Record makes a new
// channel there a type error here.
const LABEL: Record<MessageChannel, string> = { email: 'Email', sms: 'SMS' };
const MESSAGE_CHANNELS = Object.keys(LABEL) as MessageChannel[];

export function channelLabel(channel: string | null): string {
  return channel && channel in LABEL ? LABEL[channel as MessageChannel] : (channel ?? '');
}

export function channelChoices(contact: Pick<Contact, 'emails' | 'phones'>): ChannelChoice[] {
  return MESSAGE_CHANNELS.map((channel) => {
    const address = (channel === 'email' ? contact.emails[0] : contact.phones[0]) ?? null;
    const unavailable = address ? null : channel === 'email' ? 'No e-mail address on this contact' : 'No phone number on this contact';
    return { channel, label: LABEL[channel], address, unavailable };
  });
}

/** The channel the composer starts on: the one picked before if it still works, else the first that does. */
export function defaultChannel(choices: ChannelChoice[], previous: MessageChannel | null): MessageChannel | null {
  if (previous && choices.some((c) => c.channel === previous && !c.unavailable)) return previous;
  return choices.find((c) => !c.unavailable)?.channel ?? null;
}

/**
 * The server's refusal of a channel (409 TANDEM_CONTACT_NO_ADDRESS): the contact has no address for it, e.g. the
 * phone was removed after the page was read. Nothing was queued.
 */
export function isChannelRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'TANDEM_CONTACT_NO_ADDRESS';
}

/** What the toast says after a send: what really happened, as the answer says (issue 10, defect 13). */
export function messageOutcome(item: HistoryItem, onBehalfOf: string | null): string {
  const behalf = onBehalfOf ? ` on behalf of ${onBehalfOf}` : '';
  if (item.status === 'queued') return `Queued for delivery${behalf}`;
  if (item.status === 'sent') return `Message sent${behalf}`;
  if (item.status === 'failed') return `Message${behalf} could not be sent${item.error ? `: ${item.error}` : ''}`;
  // A server without delivery answers status null: the message was only written down.
  return `Message logged${behalf}. Tandem does not deliver messages yet: send it from your own e-mail or phone.`;
}

export type DeliveryState = { label: string; tone: 'neutral' | 'warning' | 'success' | 'danger' };

/**
 * A queued message whose last attempt failed for a reason that may pass (the queue keeps it `queued` with that
 * error and tries again with backoff, D27): it is neither failed nor merely waiting.
 */
export const isRetrying = (item: HistoryItem): boolean => item.status === 'queued' && Boolean(item.error?.trim());

/** The badge of an outbound message; null for notes, calls, replies and messages from before delivery. */
export function deliveryState(item: HistoryItem): DeliveryState | null {
  if (item.kind !== 'message' || item.direction === 'inbound') return null;
  if (isRetrying(item)) return { label: 'Retrying…', tone: 'warning' };
  if (item.status === 'queued') return { label: 'Queued', tone: 'neutral' };
  if (item.status === 'sent') return { label: 'Sent', tone: 'success' };
  if (item.status === 'failed') return { label: 'Not delivered', tone: 'danger' };
  return null;
}

/** Why the last attempt of a message that will be tried again did not go through. */
export function retryText(item: HistoryItem): string {
  return `The last attempt did not go through: ${(item.error ?? '').trim().replace(/\.$/, '')}. Tandem will try again.`;
}

/** Why a message failed, as a sentence a person can act on. */
export function failureText(item: HistoryItem): string {
  const reason = item.error?.trim();
  return reason ? `Not delivered: ${reason.replace(/\.$/, '')}.` : 'Not delivered. The provider gave no reason.';
}

export const isInbound = (item: HistoryItem) => item.kind === 'message' && item.direction === 'inbound';

/** How long after writing to a client the open thread keeps looking for the reply. */
export const AWAIT_REPLY_MS = 15 * 60_000;

/**
 * How often to read the thread again: every 2 s while a message is queued, every 15 s once the newest queued one has
 * waited a minute (a stalled queue should not be asked twice a second forever); every 10 s for a quarter of an hour
 * after the newest message to the client (its reply arrives by the inbound webhook or SMTP receiver, and the person
 * covering for a colleague watches for it on this page); else not at all.
 */
export function pollInterval(pages: Page<HistoryItem>[] | undefined, now: number = Date.now()): number | false {
  const items = (pages ?? []).flatMap((p) => p.items);
  const queued = items.filter((i) => i.status === 'queued');
  if (queued.length > 0) {
    const newest = Math.max(...queued.map((i) => Date.parse(i.createdAt)));
    return now - newest < 60_000 ? 2_000 : 15_000;
  }
  const written = items.filter((i) => i.kind === 'message' && i.direction === 'outbound').map((i) => Date.parse(i.sentAt ?? i.createdAt));
  return written.length > 0 && now - Math.max(...written) < AWAIT_REPLY_MS ? 10_000 : false;
}

/** The answer to a send put at the top of the thread at once (the list is read again after). */
export function withNewItem(pages: Page<HistoryItem>[], item: HistoryItem): Page<HistoryItem>[] {
  if (pages.some((p) => p.items.some((i) => i.id === item.id))) return pages;
  const [first, ...rest] = pages;
  return first ? [{ ...first, items: [item, ...first.items] }, ...rest] : [{ items: [item], nextCursor: null }];
}
