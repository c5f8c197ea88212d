import { describe, expect, it } from 'vitest';
import { authorLine } from '../features/history/author-line.ts';
import { ApiError, NetworkError } from './client.ts';
import { fillPath } from './endpoints.ts';
import { describeError, errorMessage } from './errors.ts';
import type { HistoryItem } from './models.ts';

describe('errors in words', () => {
  it('uses the catalogue code first', () => {
    const error = new ApiError({ status: 403, code: 'TANDEM_SHARE_ABOVE_OWN_LEVEL', title: 'You cannot give more access than you have', detail: 'edit is above your collaborate' });
    expect(describeError(error)).toEqual({ title: 'You cannot give more access than you have', detail: 'Pick a lower level.' });
  });

  it('reads input problems field by field', () => {
    const error = new ApiError({ status: 400, code: 'TANDEM_INPUT_INVALID', title: 'The request is not valid', detail: 'emails.0: Invalid email address; name: Too small' });
    expect(errorMessage(error)).toBe('Please check what you entered. E-mail 1: Invalid email address. Name: Too small');
  });

  it('falls back on the status, then on the server detail', () => {
    expect(describeError(new ApiError({ status: 404, code: 'TANDEM_SOMETHING_NEW', title: 'Not found' })).title).toBe('We could not find that');
    expect(describeError(new ApiError({ status: 409, title: 'Conflict', detail: 'That name is taken' })).detail).toBe('That name is taken');
    expect(describeError(new NetworkError()).title).toBe('Cannot reach Tandem');
  });

  it('keeps only what a detail adds to its own title', () => {
    const error = new ApiError({
      status: 400, code: 'TANDEM_INTEGRATION_CREDENTIALS_REJECTED', title: 'The provider refused these credentials',
      detail: 'The provider refused these credentials: mailchimp refused the credentials (HTTP 401)',
    });
    expect(describeError(error)).toEqual({ title: 'The provider refused these credentials', detail: 'Mailchimp refused the credentials (HTTP 401)' });
  });
});

describe('client helpers', () => {
  it('fills and encodes path parameters', () => {
    expect(fillPath('/api/v1/contacts/:id/shares/:shareId', { id: 'a b', shareId: 's1' })).toBe('/api/v1/contacts/a%20b/shares/s1');
    expect(() => fillPath('/api/v1/contacts/:id', {})).toThrow(/id/);
  });

  it('says who sent a message on whose behalf', () => {
    const base: HistoryItem = {
      id: '1', kind: 'message', body: 'Hi', channel: 'email', direction: 'outbound', subject: null, status: 'sent', error: null, fromAddress: null, toAddress: null,
      sentAt: null, sentBy: 'cat', sentByName: 'Cat Moreau', onBehalfOf: 'ben', onBehalfOfName: 'Ben Okafor', createdAt: '2026-01-05T09:00:00Z',
    };
    expect(authorLine(base)).toBe('Sent by Cat Moreau on behalf of Ben Okafor');
    expect(authorLine({ ...base, sentBy: 'ben', sentByName: 'Ben Okafor' })).toBe('Sent by Ben Okafor');
    expect(authorLine({ ...base, kind: 'note', onBehalfOf: null })).toBe('Note by Cat Moreau');
    expect(authorLine({ ...base, direction: 'inbound', sentBy: null, sentByName: '' }, 'Zoe Hartmann')).toBe('Reply from Zoe Hartmann');
  });
});
