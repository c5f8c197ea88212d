// The stages of a pipeline while they are being edited: each row keeps the id of the stage it stands for (absent for
// a new one), so a save keeps, renames and reorders existing stages and the server removes only those left out
// (refusing with 409 TANDEM_PIPELINE_STAGE_NOT_EMPTY while cards sit on one).
import type { NewPipeline, PipelineDto } from '@tandem/api';

export type StageDraft = { key: string; id?: string; name: string };

let nextKey = 1;
const freshKey = () => `new-${nextKey++}`;

export const DEFAULT_STAGE_NAMES = ['Lead', 'Proposal', 'Won'];

export function draftsOf(pipeline: Pick<PipelineDto, 'stages'> | null): StageDraft[] {
  if (!pipeline) return DEFAULT_STAGE_NAMES.map((name) => ({ key: freshKey(), name }));
  return pipeline.stages.map((s) => ({ key: s.id, id: s.id, name: s.name }));
}

export function addStage(drafts: StageDraft[]): StageDraft[] {
  return [...drafts, { key: freshKey(), name: '' }];
}

export function renameStage(drafts: StageDraft[], key: string, name: string): StageDraft[] {
  return drafts.map((d) => (d.key === key ? { ...d, name } : d));
}

/** Moves a row one place up (-1) or down (+1); at an end, nothing changes. */
export function shiftStage(drafts: StageDraft[], key: string, delta: -1 | 1): StageDraft[] {
  const from = drafts.findIndex((d) => d.key === key);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= drafts.length) return drafts;
  const out = [...drafts];
  const [row] = out.splice(from, 1);
  if (row) out.splice(to, 0, row);
  return out;
}

export function removeStage(drafts: StageDraft[], key: string): StageDraft[] {
  return drafts.filter((d) => d.key !== key);
}

/** What is wrong with the list, in words, or null: at least one stage, each named, no name twice. */
export function stagesProblem(drafts: StageDraft[]): string | null {
  if (drafts.length === 0) return 'A pipeline needs at least one stage.';
  if (drafts.some((d) => !d.name.trim())) return 'Give every stage a name.';
  const names = drafts.map((d) => d.name.trim().toLowerCase());
  if (new Set(names).size !== names.length) return 'Two stages have the same name.';
  return null;
}

/** The body's `stages`: existing ones by id, new ones by name alone. */
export function stagesInput(drafts: StageDraft[]): NewPipeline['stages'] {
  return drafts.map((d) => (d.id ? { id: d.id, name: d.name.trim() } : { name: d.name.trim() }));
}

/** Stages of the saved pipeline left out of the drafts (what the save would remove). */
export function removedStages(pipeline: Pick<PipelineDto, 'stages'> | null, drafts: StageDraft[]): PipelineDto['stages'] {
  if (!pipeline) return [];
  const kept = new Set(drafts.map((d) => d.id));
  return pipeline.stages.filter((s) => !kept.has(s.id));
}
