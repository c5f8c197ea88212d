// @tandem/core: the permission engine. Pure: facts in, decisions out. No I/O, no clock.
export * from './levels.ts';
export * from './facts.ts';
export * from './window.ts';
export * from './condition.ts';
export * from './rules.ts';
export * from './actions.ts';
export * from './policy.ts';
export * from './decide.ts';
export * from './filter.ts';
export * from './explain.ts';
export * from './sharing.ts';
export * from './calendar.ts';
export * from './export-channels.ts';
export * from './org.ts';
export * from './buckets.ts';
export { assertNever } from './assert-never.ts';
export * from './shared-with-actor.ts';
export * from './hand-shared.ts';
