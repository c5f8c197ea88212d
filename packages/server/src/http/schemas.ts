// Zod pieces every route shares: ids in paths, keyset page queries, problem answers. One copy, imported by routes
// (a route never imports another route).
import { z } from 'zod';

/** A path id. Any string up to 100 characters is accepted: a malformed id answers 404 exactly as a missing one. */
export const idParams = z.object({ id: z.string().max(100) });

/** `?limit=&cursor=` of every keyset-paged list. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(500).optional(),
});

/** Who a share or grant is for: one user or one team of the org (input and answer alike). */
export const granteeSchema = z.union([z.object({ userId: z.string().max(100) }).strict(), z.object({ teamId: z.string().max(100) }).strict()]);
