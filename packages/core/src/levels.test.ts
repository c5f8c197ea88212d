import { describe, expect, it } from 'vitest';
import { GRANT_LEVELS, isAtLeast, isShareLevel, LEVELS, levelFromRank, levelRank, maxLevel, SHARE_LEVELS } from './levels.ts';

describe('levels are ordered data (spec §3)', () => {
  it('orders none < profile < view < collaborate < edit < owner', () => {
    expect(LEVELS).toEqual(['none', 'profile', 'view', 'collaborate', 'edit', 'owner']);
    expect(LEVELS.map(levelRank)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(LEVELS.map((_, rank) => levelFromRank(rank))).toEqual([...LEVELS]);
  });

  it('each level includes every level before it and none after it', () => {
    for (const [i, level] of LEVELS.entries()) {
      for (const [j, min] of LEVELS.entries()) expect(isAtLeast(level, min), `${level} ≥ ${min}`).toBe(i >= j);
    }
  });

  it.each([
    { levels: [], max: 'none' },
    { levels: ['view'], max: 'view' },
    { levels: ['profile', 'edit', 'view'], max: 'edit' },
    { levels: ['owner', 'profile'], max: 'owner' },
    { levels: ['none', 'none'], max: 'none' },
  ] as const)('maxLevel($levels) is $max', ({ levels, max }) => {
    expect(maxLevel(levels)).toBe(max);
  });

  it('refuses a rank that is no level', () => {
    expect(() => levelFromRank(6)).toThrow(RangeError);
    expect(() => levelFromRank(-1)).toThrow(RangeError);
  });

  it('shares give view, collaborate or edit; user grants view or edit', () => {
    expect(SHARE_LEVELS).toEqual(['view', 'collaborate', 'edit']);
    expect(GRANT_LEVELS).toEqual(['view', 'edit']);
    expect(LEVELS.filter(isShareLevel)).toEqual(['view', 'collaborate', 'edit']);
  });
});
