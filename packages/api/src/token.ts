// A personal API token (spec §9, channel `api`) as the API shows it: never its secret, which is answered once, when
// it is created.
import { z } from 'zod';

export const apiTokenSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), expiresAt: z.string().nullable() });
export type ApiTokenDto = z.infer<typeof apiTokenSchema>;
