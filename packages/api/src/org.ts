// The Org object and the team-wide switches of docs/api-shapes.md. Billing details are shown to admins only:
// members receive `billing: null` (docs/permissions.md).
import { z } from 'zod';

export const billingSchema = z.object({
  contactName: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  vatId: z.string().nullable(),
});
export type BillingDto = z.infer<typeof billingSchema>;

export const orgSchema = z.object({
  id: z.string(),
  name: z.string(),
  accentColor: z.string(),
  billing: billingSchema.nullable(),
});
export type OrgDto = z.infer<typeof orgSchema>;

export const orgSettingsSchema = z.object({
  exportEnabled: z.boolean(),
  shareAllContacts: z.boolean(),
  membersCanArchiveDeleteShared: z.boolean(),
  inboundSecret: z.string().optional()
    .describe('admins only (absent for members): the HMAC-SHA256 key that signs inbound replies to POST /inbound/:orgId/:channel'),
});
export type OrgSettingsDto = z.infer<typeof orgSettingsSchema>;
