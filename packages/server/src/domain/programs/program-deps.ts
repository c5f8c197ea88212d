// What the program use cases need besides the database: the length of a program "day" (TANDEM_PROGRAM_DAY_SECONDS,
// config.ts), by which every step's `delayDays` is counted. A browser test shortens it to watch a program run.
import type { Deps } from '../shared/deps.ts';

export const DEFAULT_PROGRAM_DAY_MS = 86_400_000;

export type ProgramDeps = Deps & { programDayMs: number };

/** When a step with `delayDays` falls, counted from `from`. */
export function stepDueAt(deps: ProgramDeps, from: number, delayDays: number): number {
  return from + delayDays * deps.programDayMs;
}
