import { describe, expect, it } from 'vitest';
import { addStep, changeStep, draftOf, moveStep, removeStep, stepsChanged, stepsInput, stepsProblem, MAX_STEPS } from './steps.ts';

const saved = [
  { templateId: 't1', templateName: 'Welcome', delayDays: 0, channel: 'email' as const },
  { templateId: 't2', templateName: null, delayDays: 3, channel: 'sms' as const },
];

describe('the steps editor’s draft', () => {
  it('starts from the saved steps and gives them back as the API takes them', () => {
    const draft = draftOf(saved);
    expect(stepsChanged(draft, saved)).toBe(false);
    expect(stepsInput(draft)).toEqual([{ templateId: 't1', delayDays: 0, channel: 'email' }, { templateId: 't2', delayDays: 3, channel: 'sms' }]);
    expect(new Set(draft.map((s) => s.key)).size).toBe(2);
  });

  it('adds a first step right away by e-mail, and later ones a day after, on the channel before', () => {
    const first = addStep([]);
    expect(stepsInput(first)).toEqual([{ templateId: '', delayDays: 0, channel: 'email' }]);
    expect(stepsInput(addStep(draftOf(saved), 't3')).at(-1)).toEqual({ templateId: 't3', delayDays: 1, channel: 'sms' });
  });

  it('stops adding at the most steps a program may have', () => {
    let steps = addStep([]);
    for (let i = 0; i < MAX_STEPS + 5; i++) steps = addStep(steps);
    expect(steps).toHaveLength(MAX_STEPS);
  });

  it('moves a step up and down, keeping its key, and ignores moves off either end', () => {
    const draft = draftOf(saved);
    const down = moveStep(draft, 0, 1);
    expect(down.map((s) => s.templateId)).toEqual(['t2', 't1']);
    expect(down[1]?.key).toBe(draft[0]?.key);
    expect(stepsChanged(down, saved)).toBe(true);
    expect(moveStep(draft, 0, -1)).toBe(draft);
    expect(moveStep(draft, 1, 1)).toBe(draft);
  });

  it('removes and changes a step', () => {
    const draft = draftOf(saved);
    expect(stepsInput(removeStep(draft, 0)).map((s) => s.templateId)).toEqual(['t2']);
    const changed = changeStep(draft, 1, { delayDays: 5, channel: 'email' });
    expect(stepsInput(changed)[1]).toEqual({ templateId: 't2', delayDays: 5, channel: 'email' });
    expect(stepsChanged(changed, saved)).toBe(true);
  });

  it('says what keeps a draft from being saved', () => {
    expect(stepsProblem([])).toBe('A program needs at least one step.');
    expect(stepsProblem(addStep(draftOf(saved)))).toBe('Choose a template for step 3.');
    expect(stepsProblem(changeStep(draftOf(saved), 0, { delayDays: Number.NaN }))).toMatch(/^The delay of step 1 must be a whole number/);
    expect(stepsProblem(changeStep(draftOf(saved), 1, { delayDays: 366 }))).toMatch(/^The delay of step 2/);
    expect(stepsProblem(changeStep(draftOf(saved), 1, { delayDays: 1.5 }))).toMatch(/^The delay of step 2/);
    expect(stepsProblem(draftOf(saved))).toBeNull();
    expect(stepsProblem(draftOf(saved), new Set(['t1']))).toBe('Step 2 uses a template that is not shared with you: choose one you may use, or ask its owner to share it.');
    expect(stepsProblem(draftOf(saved), new Set(['t1', 't2']))).toBeNull();
  });
});
