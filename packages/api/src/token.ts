// A personal API token (spec §9, channel `api`) as the API shows it: never its secret, which is answered once, when
// it is created.
import { z } from 'zod';

/** `read`: GET and HEAD only; `write`: every request its user may make (docs/decisions.md D37). */
export const apiTokenScopeSchema = z.enum(['read', 'write']);
export type ApiTokenScope = z.infer<typeof apiTokenScopeSchema>;

export const apiTokenSchema = z.object({
  id: z.string(), name: z.string(), scope: apiTokenScopeSchema, createdAt: z.string(), expiresAt: z.string().nullable(),
});
export type ApiTokenDto = z.infer<typeof apiTokenSchema>;
