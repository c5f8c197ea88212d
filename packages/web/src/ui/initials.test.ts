import { describe, expect, it } from 'vitest';
import { initialsOf } from './initials.ts';

const isWellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('avatar initials (defect 6)', () => {
  it('takes whole characters, never half of a surrogate pair', () => {
    expect(initialsOf('Zoe Hartmann')).toBe('ZH');
    expect(initialsOf('  émile   zola ')).toBe('ÉZ');
    expect(initialsOf('🦊 Fox')).toBe('🦊F');
    expect(initialsOf('Ana 👩‍💻')).toBe('A👩‍💻');
    expect(initialsOf('🇫🇷 Paris')).toBe('🇫🇷P');
    expect(initialsOf('𝒜lice')).toBe('𝒜');
    expect(initialsOf('')).toBe('?');
    for (const name of ['🦊 Fox', '👩‍💻 Dev Team', '𝒜lice 𝒝ob', '🇫🇷 🇩🇪']) expect(isWellFormed(initialsOf(name)), name).toBe(true);
  });
});
