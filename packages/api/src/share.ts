// The Share object of docs/api-shapes.md (record shares) and the share inputs. `active` is computed by
// @tandem/core's window rule, and is false while the grantee user is deactivated (spec §4: active sources only).
import { SHARE_LEVELS } from '@tandem/core';
import { z } from 'zod';
import { granteeSchema, instantSchema } from './common.ts';

export const shareSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  grantee: granteeSchema,
  granteeName: z.string().nullable(),
  level: z.enum(SHARE_LEVELS),
  startsAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  active: z.boolean(),
});
export type ShareDto = z.infer<typeof shareSchema>;

export const newShareSchema = z.object({
  grantee: granteeSchema,
  level: z.enum(SHARE_LEVELS),
  startsAt: instantSchema.nullable().optional(),
  expiresAt: instantSchema.nullable().optional(),
}).strict();
export type NewShare = z.input<typeof newShareSchema>;

export const sharePatchSchema = z.object({
  level: z.enum(SHARE_LEVELS).optional(),
  startsAt: instantSchema.nullable().optional(),
  expiresAt: instantSchema.nullable().optional(),
}).strict();
export type SharePatch = z.input<typeof sharePatchSchema>;
