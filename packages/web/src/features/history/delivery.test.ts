import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import type { HistoryItem } from '../../api/models.ts';
import { channelChoices, defaultChannel, deliveryState, failureText, isChannelRefusal, isRetrying, messageOutcome, pollInterval, retryText, withNewItem } from './delivery.ts';

const item = (over: Partial<HistoryItem> = {}): HistoryItem => ({
  id: 'h1', kind: 'message', body: 'Hello', channel: 'email', direction: 'outbound', subject: null, status: 'queued', error: null,
  fromAddress: null, toAddress: 'zoe@example.com', sentAt: null, sentBy: 'u1', sentByName: 'Ben', onBehalfOf: 'u1', onBehalfOfName: 'Ben',
  createdAt: '2026-11-30T10:00:00.000Z', ...over,
});

describe('channel choices', () => {
  it('offers e-mail and SMS with the first address, and says why one without an address is unavailable', () => {
    expect(channelChoices({ emails: ['zoe@example.com', 'z@b.c'], phones: [] })).toEqual([
      { channel: 'email', label: 'Email', address: 'zoe@example.com', unavailable: null },
      { channel: 'sms', label: 'SMS', address: null, unavailable: 'No phone number on this contact' },
    ]);
  });
  it('keeps the picked channel while it works and falls back to one that does', () => {
    const both = channelChoices({ emails: ['a@b.c'], phones: ['+44 20 7946 0000'] });
    const mailOnly = channelChoices({ emails: ['a@b.c'], phones: [] });
    expect(defaultChannel(both, 'sms')).toBe('sms');
    expect(defaultChannel(mailOnly, 'sms')).toBe('email');
    expect(defaultChannel(channelChoices({ emails: [], phones: [] }), null)).toBeNull();
  });
});

describe('what the toast and the badge say', () => {
  it('a queued message is queued for delivery, never "sent"', () => {
    expect(messageOutcome(item(), 'Ada')).toBe('Queued for delivery on behalf of Ada');
    expect(messageOutcome(item({ status: 'sent' }), null)).toBe('Message sent');
    expect(messageOutcome(item({ status: 'failed', error: 'Mailbox unavailable' }), null)).toBe('Message could not be sent: Mailbox unavailable');
    expect(messageOutcome(item({ status: null }), null)).toMatch(/^Message logged\. Tandem does not deliver/);
  });
  it('badges outbound messages only, and words a failure', () => {
    expect(deliveryState(item())?.label).toBe('Queued');
    expect(deliveryState(item({ status: 'failed' }))).toEqual({ label: 'Not delivered', tone: 'danger' });
    expect(deliveryState(item({ direction: 'inbound', status: null }))).toBeNull();
    expect(deliveryState(item({ kind: 'note', channel: null, direction: null, status: null }))).toBeNull();
    expect(failureText(item({ status: 'failed', error: '550 No such user.' }))).toBe('Not delivered: 550 No such user.');
    expect(failureText(item({ status: 'failed', error: null }))).toBe('Not delivered. The provider gave no reason.');
  });
});

describe('a message waiting for a retry', () => {
  // The queue keeps a message `queued` with the last transient error while it backs off (D27): not failed.
  const waiting = item({ status: 'queued', error: '421 Try again later.' });
  it('shows as Retrying… with the error, not as Not delivered, and not as merely Queued', () => {
    expect(isRetrying(waiting)).toBe(true);
    expect(deliveryState(waiting)).toEqual({ label: 'Retrying…', tone: 'warning' });
    expect(retryText(waiting)).toBe('The last attempt did not go through: 421 Try again later. Tandem will try again.');
    expect(isRetrying(item({ status: 'queued', error: null }))).toBe(false);
    expect(isRetrying(item({ status: 'queued', error: '  ' }))).toBe(false);
    expect(isRetrying(item({ status: 'failed', error: '550 No such user' }))).toBe(false);
    expect(deliveryState(item({ status: 'queued', error: null }))?.label).toBe('Queued');
  });
  it('keeps the thread read while it waits', () => {
    expect(pollInterval([{ items: [waiting], nextCursor: null }], Date.parse('2026-11-30T10:00:10.000Z'))).toBe(2000);
  });
});

describe('polling', () => {
  const now = Date.parse('2026-11-30T10:00:10.000Z');
  it('reads again every 2 s while a message is queued and stops when none is', () => {
    expect(pollInterval([{ items: [item()], nextCursor: null }], now)).toBe(2000);
    const old = { createdAt: '2026-11-30T09:00:00.000Z', sentAt: '2026-11-30T09:00:01.000Z' };
    expect(pollInterval([{ items: [item({ status: 'sent', ...old }), item({ status: 'failed', ...old })], nextCursor: null }], now)).toBe(false);
    expect(pollInterval([{ items: [item({ kind: 'note', channel: null, direction: null, status: null })], nextCursor: null }], now)).toBe(false);
    expect(pollInterval(undefined, now)).toBe(false);
  });
  it('looks for the client\'s reply every 10 s for a quarter of an hour after the newest message to them', () => {
    const sent = item({ status: 'sent', sentAt: '2026-11-30T10:00:05.000Z' });
    expect(pollInterval([{ items: [sent], nextCursor: null }], now)).toBe(10_000);
    expect(pollInterval([{ items: [sent], nextCursor: null }], Date.parse('2026-11-30T10:15:04.999Z'))).toBe(10_000);
    expect(pollInterval([{ items: [sent], nextCursor: null }], Date.parse('2026-11-30T10:15:05.000Z'))).toBe(false);
    // A reply itself starts no waiting: only what we wrote does.
    const reply = item({ direction: 'inbound', status: null, sentBy: null });
    expect(pollInterval([{ items: [reply], nextCursor: null }], now)).toBe(false);
  });
  it('slows down once the newest queued message has waited a minute', () => {
    expect(pollInterval([{ items: [item()], nextCursor: null }], now + 60_000)).toBe(15_000);
  });
});

describe('the new message at once', () => {
  it('goes on top of the first page once', () => {
    const pages = [{ items: [item({ id: 'old' })], nextCursor: 'c' }];
    const next = withNewItem(pages, item({ id: 'new' }));
    expect(next[0]?.items.map((i) => i.id)).toEqual(['new', 'old']);
    expect(withNewItem(next, item({ id: 'new' }))).toBe(next);
  });
});

describe('channel refusals', () => {
  const problem = (status: number, code: string) => new ApiError({ type: 'about:blank', status, code, title: 't', detail: 'd' } as never);
  it('is the 409 about the address, not an archived contact or a running send', () => {
    expect(isChannelRefusal(problem(409, 'TANDEM_CONTACT_NO_ADDRESS'))).toBe(true);
    expect(isChannelRefusal(problem(409, 'TANDEM_CONTACT_WRONG_STATE'))).toBe(false);
    expect(isChannelRefusal(problem(409, 'TANDEM_IDEMPOTENCY_KEY_IN_USE'))).toBe(false);
    expect(isChannelRefusal(problem(404, 'TANDEM_CONTACT_NOT_FOUND'))).toBe(false);
  });
});
