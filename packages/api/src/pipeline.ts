// Pipelines, their stages and cards (spec §6.6, api.md "Pipelines, templates and programs"). A board shows only the
// cards whose contact the caller sees at `profile` or more; every other card is only counted, per stage, with no
// name, id or value (`hiddenCount`). Stage totals count visible cards only.
import { z } from 'zod';
import { handSharedAccessSchema, handSharedNameSchema } from './hand-shared.ts';

export const pipelineStageSchema = z.object({ id: z.string(), name: z.string() });

export const pipelineSchema = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  stages: z.array(pipelineStageSchema).describe('in board order'),
  createdAt: z.string(),
  updatedAt: z.string(),
  access: handSharedAccessSchema,
});
export type PipelineDto = z.infer<typeof pipelineSchema>;

const stageInputSchema = z.object({
  id: z.string().max(100).optional().describe('an existing stage (kept, renamed, moved); absent: a new stage'),
  name: handSharedNameSchema,
}).strict();

export const newPipelineSchema = z.object({
  name: handSharedNameSchema,
  stages: z.array(stageInputSchema).min(1).max(30),
}).strict();
export type NewPipeline = z.input<typeof newPipelineSchema>;

/** `stages` replaces the list: stages left out are removed (409 TANDEM_PIPELINE_STAGE_NOT_EMPTY while cards sit on one). */
export const pipelinePatchSchema = newPipelineSchema.partial().strict();
export type PipelinePatch = z.input<typeof pipelinePatchSchema>;

const moneySchema = z.number().min(0).max(999_999_999_999.99).multipleOf(0.01);
const dateOnlySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const pipelineCardSchema = z.object({
  id: z.string(),
  pipelineId: z.string(),
  contactId: z.string(),
  contactName: z.string(),
  stageId: z.string(),
  title: z.string(),
  value: z.number().nullable(),
  expectedCloseOn: z.string().nullable().describe('YYYY-MM-DD'),
  position: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  access: z.object({
    actions: z.array(z.enum(['move', 'edit', 'delete'])).describe('move: collaborate on the contact; edit and delete: edit on it'),
  }),
});
export type PipelineCardDto = z.infer<typeof pipelineCardSchema>;

export const newPipelineCardSchema = z.object({
  contactId: z.string().max(100),
  stageId: z.string().max(100),
  title: z.string().trim().min(1).max(300),
  value: moneySchema.nullable().optional(),
  expectedCloseOn: dateOnlySchema.nullable().optional(),
}).strict();
export type NewPipelineCard = z.input<typeof newPipelineCardSchema>;

/** A patch of `stageId` (and `position`) alone needs `collaborate` on the contact; any other field needs `edit`. */
export const pipelineCardPatchSchema = z.object({
  stageId: z.string().max(100).optional(),
  position: z.number().finite().optional().describe('order within the stage, ascending; the web sends the midpoint of its neighbours'),
  title: z.string().trim().min(1).max(300).optional(),
  value: moneySchema.nullable().optional(),
  expectedCloseOn: dateOnlySchema.nullable().optional(),
}).strict();
export type PipelineCardPatch = z.input<typeof pipelineCardPatchSchema>;

export const boardStageSchema = z.object({
  id: z.string(),
  name: z.string(),
  cards: z.array(pipelineCardSchema).describe('the first `limit` visible cards of the stage, by position then id'),
  visibleCount: z.number().int().describe('every card of this stage the caller sees (may exceed `cards.length`)'),
  hiddenCount: z.number().int().describe('cards on this stage whose contact the caller cannot see: only counted'),
  totalValue: z.number().describe('the sum of the visible cards\' values (all of them, not only those in `cards`)'),
});

/** GET /pipelines/:id/board: `limit` caps the cards shown per stage, so a board of thousands of cards stays bounded. */
export const boardQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('cards shown per stage, 1-500'),
});
export const boardSchema = z.object({
  pipeline: pipelineSchema,
  stages: z.array(boardStageSchema),
});
export type BoardDto = z.infer<typeof boardSchema>;
