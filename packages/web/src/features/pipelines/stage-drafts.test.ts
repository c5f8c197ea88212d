import { describe, expect, it } from 'vitest';
import { addStage, draftsOf, removedStages, removeStage, renameStage, shiftStage, stagesInput, stagesProblem } from './stage-drafts.ts';

const pipeline = { stages: [{ id: 's1', name: 'Lead' }, { id: 's2', name: 'Won' }] };

describe('stage drafts', () => {
  it('adds, renames, reorders and removes, keeping the ids of existing stages', () => {
    let drafts = draftsOf(pipeline);
    drafts = addStage(drafts);
    const added = drafts[2]?.key ?? '';
    drafts = renameStage(drafts, added, ' Lost ');
    drafts = shiftStage(drafts, added, -1);
    drafts = renameStage(drafts, 's1', 'New lead');
    expect(stagesInput(drafts)).toEqual([{ id: 's1', name: 'New lead' }, { name: 'Lost' }, { id: 's2', name: 'Won' }]);
    drafts = removeStage(drafts, 's2');
    expect(removedStages(pipeline, drafts)).toEqual([{ id: 's2', name: 'Won' }]);
  });
  it('does not move past either end', () => {
    const drafts = draftsOf(pipeline);
    expect(shiftStage(drafts, 's1', -1)).toBe(drafts);
    expect(shiftStage(drafts, 's2', 1)).toBe(drafts);
  });
  it('starts a new pipeline with default stages, none removed', () => {
    expect(draftsOf(null).map((d) => d.name)).toEqual(['Lead', 'Proposal', 'Won']);
    expect(draftsOf(null).every((d) => d.id === undefined)).toBe(true);
    expect(removedStages(null, [])).toEqual([]);
  });
  it('names what is wrong: no stage, an empty name, a name twice', () => {
    expect(stagesProblem([])).toMatch(/at least one stage/);
    expect(stagesProblem(addStage(draftsOf(pipeline)))).toMatch(/every stage a name/);
    expect(stagesProblem(renameStage(draftsOf(pipeline), 's2', 'lead '))).toMatch(/same name/);
    expect(stagesProblem(draftsOf(pipeline))).toBeNull();
  });
});
