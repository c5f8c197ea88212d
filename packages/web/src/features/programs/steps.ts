// The steps editor's draft: an ordered list of {templateId, delayDays, channel} with a key per row (React needs one
// that survives a reorder), and the moves the editor offers. Pure, so the rules are tested without a browser.
import type { NewProgram, ProgramDto } from '@tandem/api';
import type { Channel } from './program-words.ts';

export type DraftStep = { key: string; templateId: string; delayDays: number; channel: Channel };
export const MAX_STEPS = 30;
export const MAX_DELAY_DAYS = 365;

let counter = 0;
const nextKey = () => `step-${++counter}`;

export function draftOf(steps: ProgramDto['steps']): DraftStep[] {
  return steps.map((s) => ({ key: nextKey(), templateId: s.templateId, delayDays: s.delayDays, channel: s.channel }));
}

/** A new last step: the same channel as the one before, a day later (a first step goes out right away). */
export function addStep(steps: DraftStep[], templateId = ''): DraftStep[] {
  if (steps.length >= MAX_STEPS) return steps;
  const last = steps.at(-1);
  return [...steps, { key: nextKey(), templateId, delayDays: last ? 1 : 0, channel: last?.channel ?? 'email' }];
}

export function removeStep(steps: DraftStep[], index: number): DraftStep[] {
  return steps.filter((_, i) => i !== index);
}

/** Moves step `index` one place up (-1) or down (+1); out of range: unchanged. */
export function moveStep(steps: DraftStep[], index: number, by: -1 | 1): DraftStep[] {
  const target = index + by;
  if (index < 0 || index >= steps.length || target < 0 || target >= steps.length) return steps;
  const next = [...steps];
  const [moved] = next.splice(index, 1);
  if (moved) next.splice(target, 0, moved);
  return next;
}

export function changeStep(steps: DraftStep[], index: number, patch: Partial<Omit<DraftStep, 'key'>>): DraftStep[] {
  return steps.map((s, i) => (i === index ? { ...s, ...patch } : s));
}

/**
 * What is wrong with the draft, in words, or null when it may be saved. With `usable` (the ids of the templates the
 * caller may use): the server refuses steps whose template the caller cannot use, even one kept from before.
 */
export function stepsProblem(steps: DraftStep[], usable?: ReadonlySet<string>): string | null {
  if (steps.length === 0) return 'A program needs at least one step.';
  const missing = steps.findIndex((s) => !s.templateId);
  if (missing >= 0) return `Choose a template for step ${missing + 1}.`;
  const hidden = usable ? steps.findIndex((s) => !usable.has(s.templateId)) : -1;
  if (hidden >= 0) return `Step ${hidden + 1} uses a template that is not shared with you: choose one you may use, or ask its owner to share it.`;
  const bad = steps.findIndex((s) => !Number.isInteger(s.delayDays) || s.delayDays < 0 || s.delayDays > MAX_DELAY_DAYS);
  if (bad >= 0) return `The delay of step ${bad + 1} must be a whole number of days from 0 to ${MAX_DELAY_DAYS}.`;
  return null;
}

/** The steps as the API takes them. */
export function stepsInput(steps: DraftStep[]): NewProgram['steps'] {
  return steps.map(({ templateId, delayDays, channel }) => ({ templateId, delayDays, channel }));
}

/** Whether the draft differs from the saved steps (order, template, delay or channel). */
export function stepsChanged(steps: DraftStep[], saved: ProgramDto['steps']): boolean {
  return steps.length !== saved.length || steps.some((s, i) => {
    const o = saved[i];
    return !o || o.templateId !== s.templateId || o.delayDays !== s.delayDays || o.channel !== s.channel;
  });
}
