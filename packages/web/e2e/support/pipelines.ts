// API shortcuts for pipelines, on top of an actor's Api (plain fetch with the actor's bearer token).
import type { BoardDto, PipelineCardDto, PipelineDto } from '@tandem/api';
import type { Actor } from './api.ts';

export async function createPipeline(actor: Actor, name: string, stages: string[]): Promise<PipelineDto> {
  return (await actor.api.request<{ pipeline: PipelineDto }>('POST', '/pipelines', { name, stages: stages.map((s) => ({ name: s })) })).pipeline;
}

export async function addCard(actor: Actor, pipelineId: string, input: { contactId: string; stageId: string; title: string; value?: number; expectedCloseOn?: string }): Promise<PipelineCardDto> {
  return (await actor.api.request<{ card: PipelineCardDto }>('POST', `/pipelines/${pipelineId}/cards`, input)).card;
}

export function readBoard(actor: Actor, pipelineId: string): Promise<BoardDto> {
  return actor.api.request<BoardDto>('GET', `/pipelines/${pipelineId}/board`);
}

/** The id of a stage of a pipeline, by name. */
export function stageId(pipeline: Pick<PipelineDto, 'stages'>, name: string): string {
  const stage = pipeline.stages.find((s) => s.name === name);
  if (!stage) throw new Error(`No stage called ${name} in ${pipeline.stages.map((s) => s.name).join(', ')}`);
  return stage.id;
}
