import { describe, expect, it } from 'vitest';
import { cardCount, formatCloseDate, hiddenLine, parseValue } from './board-format.ts';

describe('board words', () => {
  it('counts cards and says only how many are hidden', () => {
    expect(cardCount(0)).toBe('No cards');
    expect(cardCount(1)).toBe('1 card');
    expect(cardCount(12)).toBe('12 cards');
    expect(hiddenLine(3)).toBe('3 more you cannot see');
  });
  it('reads a close date as a calendar day, whatever the time zone', () => {
    expect(formatCloseDate('2026-12-31')).toMatch(/31/);
    expect(formatCloseDate('2026-12-31')).toMatch(/2026/);
  });
  it('reads typed values with either decimal mark, and refuses what is not an amount', () => {
    expect(parseValue('')).toBeNull();
    expect(parseValue('1250.5')).toBe(1250.5);
    expect(parseValue('1,250.50')).toBe(1250.5);
    expect(parseValue('1.250,50')).toBe(1250.5);
    expect(parseValue('1 250')).toBe(1250);
    expect(parseValue('12.345')).toBe(12.35);
    expect(parseValue('abc')).toBeNaN();
    expect(parseValue('-5')).toBeNaN();
  });
});
