// Zod pieces every resource shares: ids in paths, keyset page queries and pages, instants, grantees, e-mail
// delivery, and the problem-details answer of every refusal.
import { z } from 'zod';
import { canonicalInstant, INSTANT_PATTERN, INSTANT_RULE, parseInstant } from './instant.ts';

/** A path id. Any string up to 100 characters is accepted: a malformed id answers 404 exactly as a missing one. */
export const idParams = z.object({ id: z.string().max(100) });

/** `?limit=&cursor=` of every keyset-paged list. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(500).optional(),
});

/** The same query as loose fields, for lists that add filters of their own (contacts, buckets, history). */
export const listQuerySchema = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size, 1–200'),
  cursor: z.string().max(2000).optional().describe('opaque; the nextCursor of the previous page'),
};

/** A keyset page of `item`. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/**
 * A date in a request: RFC 3339 within years 0100-9999 and offsets of ±14:00, read by the one strict parser
 * (instant.ts) and handed on in the form every answer uses (UTC with milliseconds), so both databases see the
 * same instant.
 */
export const instantSchema = z.string()
  .regex(INSTANT_PATTERN, { error: INSTANT_RULE, abort: true })
  .refine((text) => parseInstant(text) !== null, INSTANT_RULE)
  .transform((text) => canonicalInstant(text) as string)
  .meta({ format: 'date-time', description: `An instant; ${INSTANT_RULE.replace(/^must be /, '')}. Answered in UTC.` });

/** Who a share or grant is for: one user or one team of the org (input and answer alike). */
export const granteeSchema = z.union([z.object({ userId: z.string().max(100) }).strict(), z.object({ teamId: z.string().max(100) }).strict()]);
export type Grantee = z.infer<typeof granteeSchema>;

/**
 * What became of an e-mail the request sent: `sent` (handed to the SMTP server), `logged` (no SMTP configured: the
 * server wrote it to its log, demo mode) or `failed` (the SMTP server could not be reached or refused it).
 */
export const deliverySchema = z.enum(['sent', 'logged', 'failed'])
  .describe('sent: handed to the SMTP server; logged: no SMTP configured, written to the server log (demo mode); failed: not handed over');
export type Delivery = z.infer<typeof deliverySchema>;

export const problemSchema = z.looseObject({
  type: z.string(), title: z.string(), status: z.number(), detail: z.string(), code: z.string(),
}).describe('RFC 9457 problem details');

/** Refusal answers for a route's OpenAPI entry. */
export function problems(...statuses: (400 | 401 | 403 | 404 | 409 | 429)[]): Record<number, typeof problemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema]));
}
