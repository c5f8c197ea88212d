// The Contact object of docs/api-shapes.md, its input shapes, a page of the list and the bulk report. Responses are
// encoded through these schemas: undeclared fields never leave the server.
import { CONTACT_ACTIONS, SHARE_LEVELS } from '@tandem/core';
import { z } from 'zod';
import { pageOf } from './common.ts';

export const contactAccessSchema = z.object({
  level: z.enum(['profile', 'view', 'collaborate', 'edit', 'owner']),
  actions: z.array(z.enum(CONTACT_ACTIONS)),
  shared: z.boolean().describe('true when the caller is not the owner'),
  sharedWithYou: z.boolean().describe('true when an active record share, user grant or bucket share gives the caller access to a contact '
    + 'they do not own (being an admin or "share all contacts" does not count): what the shared icon and "Shared with me" mean'),
  shareLevels: z.array(z.enum(SHARE_LEVELS)).describe('levels the caller may give in a share; empty when they may not share'),
  reassignTo: z.object({
    anyone: z.boolean().describe('true for admins: any active user of the organisation'),
    userIds: z.array(z.string()).describe('otherwise the users the caller may hand the contact to: themselves and the owners of their edit grants'),
  }).describe('whom the caller may make the owner (spec §6.4); nobody when they may not reassign'),
});
export type ContactAccess = z.infer<typeof contactAccessSchema>;

export const contactSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  name: z.string(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  tags: z.array(z.string()),
  address: z.string().nullable(),
  archivedAt: z.string().nullable(),
  trashedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastActivityAt: z.string().nullable().describe('the latest message, note or call; null when there is none'),
  access: contactAccessSchema,
});
export type ContactDto = z.infer<typeof contactSchema>;

const text = (max: number) => z.string().max(max);
export const contactInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  company: text(200).nullable().optional(),
  title: text(200).nullable().optional(),
  emails: z.array(z.string().trim().toLowerCase().pipe(z.email().max(254))).max(20).optional(),
  phones: z.array(text(50)).max(20).optional(),
  tags: z.array(text(50)).max(50).optional(),
  address: text(1000).nullable().optional(),
}).strict();
export type ContactInput = z.input<typeof contactInputSchema>;
export const contactPatchSchema = contactInputSchema.partial().strict();
export type ContactPatch = z.input<typeof contactPatchSchema>;

/** A page of the contact list: with `count=true`, the capped count of everything that matches. */
export const contactPageSchema = pageOf(contactSchema).extend({
  total: z.object({
    count: z.number().int().describe('matching contacts, at most 1,000'),
    capped: z.boolean().describe('true when more match than `count` ("1,000+")'),
  }).optional().describe('with `count=true` only'),
});
export type ContactPageDto = z.infer<typeof contactPageSchema>;

/** POST /contacts/bulk: what was done, and each refusal with the code the single-contact endpoint would answer. */
export const bulkResultSchema = z.object({
  done: z.array(z.string()).describe('ids changed (or already as asked)'),
  refused: z.array(z.object({
    id: z.string(),
    code: z.string().describe('TANDEM_CONTACT_NOT_FOUND (missing, malformed or not visible: the same), TANDEM_ACCESS_FORBIDDEN, TANDEM_CONTACT_WRONG_STATE, ...'),
  })),
});
export type BulkResultDto = z.infer<typeof bulkResultSchema>;
