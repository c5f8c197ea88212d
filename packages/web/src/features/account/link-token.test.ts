import { describe, expect, it } from 'vitest';
import { tokenFromHash } from './link-token.ts';

describe('the token of a one-time link', () => {
  it('is read from the fragment, and only from there', () => {
    expect(tokenFromHash('#token=abc_DEF-123')).toBe('abc_DEF-123');
    expect(tokenFromHash('token=abc')).toBe('abc');
    expect(tokenFromHash('#other=1&token=xyz')).toBe('xyz');
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash(`#token=${'a'.repeat(201)}`)).toBeNull();
  });
});
