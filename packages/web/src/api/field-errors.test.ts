import { describe, expect, it } from 'vitest';
import { ApiError } from './client.ts';
import { describeError } from './errors.ts';
import { allOnFields, fieldErrorsOf, readableIssue } from './field-errors.ts';

const invalid = (issues: { path: string; message: string }[]) =>
  new ApiError({ status: 400, code: 'TANDEM_INPUT_INVALID', title: 'The request is not valid', detail: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues });

describe('validation errors on their fields (defect 7)', () => {
  it('says schema messages plainly', () => {
    expect(readableIssue('Too big: expected string to have <=200 characters')).toBe('Use at most 200 characters.');
    expect(readableIssue('Too small: expected string to have >=1 characters')).toBe('This cannot be empty.');
    expect(readableIssue('Too small: expected string to have >=8 characters')).toBe('Use at least 8 characters.');
    expect(readableIssue('Invalid email address')).toBe('Enter an e-mail address like name@example.com.');
    expect(readableIssue('must not contain the NUL character (U+0000)')).toBe('Must not contain the NUL character (U+0000).');
  });

  it('puts each issue under its field and keeps the rest apart', () => {
    const error = invalid([
      { path: 'name', message: 'Too big: expected string to have <=200 characters' },
      { path: 'emails.1', message: 'Invalid email address' },
      { path: 'ownerId', message: 'Unrecognized key' },
    ]);
    expect(fieldErrorsOf(error, ['name', 'emails', 'company'])).toEqual({
      byField: { name: 'Use at most 200 characters.', emails: 'Entry 2: Enter an e-mail address like name@example.com.' },
      other: ['ownerId: Unrecognized key.'],
    });
    expect(allOnFields(error, ['name', 'emails'])).toBe(false);
    expect(allOnFields(error, ['name', 'emails', 'ownerId'])).toBe(true);
    expect(fieldErrorsOf(new ApiError({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' }), ['name'])).toEqual({ byField: {}, other: [] });
  });

  it('reads the issues, not the raw detail, in a notice', () => {
    const error = invalid([{ path: 'name', message: 'Too big: expected string to have <=200 characters' }]);
    expect(describeError(error)).toEqual({ title: 'Please check what you entered', detail: 'Name: Use at most 200 characters.' });
  });
});
