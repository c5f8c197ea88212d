// Message templates (spec §6.6, api.md "Pipelines, templates and programs"): a subject, a body and merge fields,
// rendered by the server's template engine (escaped for e-mail HTML). Used from the composer (`templateId` on
// POST /contacts/:id/messages) and by program steps.
import { z } from 'zod';
import { handSharedAccessSchema, handSharedNameSchema } from './hand-shared.ts';

/** The merge fields a template may use; any other `{{...}}` is refused when the template is saved (400). */
export const MERGE_FIELDS = ['contact.firstName', 'contact.name', 'contact.company', 'owner.name', 'sender.name'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const templateSchema = z.object({
  id: z.string(),
  name: z.string(),
  subject: z.string().nullable().describe('e-mail subject (may hold merge fields); null for SMS-only templates'),
  body: z.string().describe('plain text with merge fields such as {{contact.firstName}}'),
  ownerId: z.string(),
  ownerName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  access: handSharedAccessSchema,
});
export type TemplateDto = z.infer<typeof templateSchema>;

// The limits are a message's (history.ts: body 10 000, subject 300), less room for what the merge fields add: a
// message written from a template is a message.
export const newTemplateSchema = z.object({
  name: handSharedNameSchema,
  subject: z.string().trim().max(250).nullable().optional().describe('empty or null: the message gets the default subject'),
  body: z.string().min(1).max(9_000).refine((body) => body.trim() !== '', 'the body is empty'),
}).strict();
export type NewTemplate = z.input<typeof newTemplateSchema>;

export const templatePatchSchema = newTemplateSchema.partial().strict();
export type TemplatePatch = z.input<typeof templatePatchSchema>;

/** POST /templates/:id/preview `{contactId}`: the template rendered for one contact the caller may message. */
export const templatePreviewRequestSchema = z.object({ contactId: z.string().max(100) }).strict();
export type TemplatePreviewRequest = z.input<typeof templatePreviewRequestSchema>;

export const templatePreviewSchema = z.object({
  subject: z.string().nullable(),
  text: z.string().describe('the body as the SMS and the e-mail text part carry it'),
  html: z.string().describe('the body as the e-mail HTML part carries it: every merged value escaped'),
});
export type TemplatePreviewDto = z.infer<typeof templatePreviewSchema>;
