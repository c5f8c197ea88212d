// Levels are ordered data: each includes everything of the ones before it (spec §3).
export const LEVELS = ['none', 'profile', 'view', 'collaborate', 'edit', 'owner'] as const;
export type Level = (typeof LEVELS)[number];

/** Levels a record share or bucket share may give (spec §6.1, §6.2). */
export const SHARE_LEVELS = ['view', 'collaborate', 'edit'] as const;
export type ShareLevel = (typeof SHARE_LEVELS)[number];

/** Levels a user grant may give (spec §4, Users page). */
export const GRANT_LEVELS = ['view', 'edit'] as const;
export type GrantLevel = (typeof GRANT_LEVELS)[number];

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function levelFromRank(rank: number): Level {
  const level = LEVELS[rank];
  if (level === undefined) throw new RangeError(`no level of rank ${rank}`);
  return level;
}

export function isAtLeast(level: Level, min: Level): boolean {
  return levelRank(level) >= levelRank(min);
}

export function maxLevel(levels: Iterable<Level>): Level {
  let best = 0;
  for (const level of levels) best = Math.max(best, levelRank(level));
  return levelFromRank(best);
}

export function isShareLevel(value: string): value is ShareLevel {
  return (SHARE_LEVELS as readonly string[]).includes(value);
}
