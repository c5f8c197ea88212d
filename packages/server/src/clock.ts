// Time is a dependency: production reads the real clock, tests pass one they can move.
export type Clock = { now: () => number };

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can set and move. */
export function manualClock(start: number | string = '2026-01-05T09:00:00Z'): Clock & { set: (t: number | string) => void; advance: (ms: number) => void } {
  let current = typeof start === 'string' ? Date.parse(start) : start;
  return {
    now: () => current,
    set: (t) => { current = typeof t === 'string' ? Date.parse(t) : t; },
    advance: (ms) => { current += ms; },
  };
}
