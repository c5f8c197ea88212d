// Templates, pipelines and programs (spec §6.6) are "shared by hand": the rules are `handSharedRules` (rules.ts), the
// actions `<resource>.view | .edit | .manage` (actions.ts). This file keeps the summary the server shows on each:
// its level, the actions the caller may take, and the sources behind the level (the explain panel names them).
import { handSharedAction, type HandShared, type HandSharedVerb } from './actions.ts';
import { computeLevelOn, decide } from './decide.ts';
import { explainOn, type ExplainedSource } from './explain.ts';
import type { ActorContext, HandSharedFacts } from './facts.ts';
import type { Level } from './levels.ts';

export type HandSharedAccess = { level: Level; actions: HandSharedVerb[]; sources: ExplainedSource[] };

const VERBS: readonly HandSharedVerb[] = ['view', 'edit', 'manage'];

/** The caller's access to one template, pipeline or program; `level: 'none'` means absent (404). */
export function computeHandSharedAccess(ctx: ActorContext, resource: HandShared, record: HandSharedFacts): HandSharedAccess {
  const level = computeLevelOn(ctx, resource, record);
  if (level === 'none') return { level, actions: [], sources: [] };
  const actions = VERBS.filter((verb) => decide(ctx, handSharedAction(resource, verb), record).allowed);
  return { level, actions, sources: explainOn(ctx, resource, record).sources };
}
