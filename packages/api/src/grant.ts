// The Grant object (user grant, set on the Users page) of docs/api-shapes.md, plus `active`: whether its window
// is open now (computed by @tandem/core; a deactivated grantee still makes the grant give nothing).
import { z } from 'zod';
import { granteeSchema } from './common.ts';

export const grantSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  grantee: granteeSchema,
  scope: z.enum(['contacts', 'calendar']),
  level: z.enum(['view', 'edit']),
  startsAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  active: z.boolean(),
});
export type GrantDto = z.infer<typeof grantSchema>;
