// Zod pieces every route shares: ids in paths, keyset page queries, problem answers. One copy, imported by routes
// (a route never imports another route).
import { z } from 'zod';
import { canonicalInstant, INSTANT_PATTERN, INSTANT_RULE, parseInstant } from '../domain/shared/time.ts';

/** A path id. Any string up to 100 characters is accepted: a malformed id answers 404 exactly as a missing one. */
export const idParams = z.object({ id: z.string().max(100) });

/** `?limit=&cursor=` of every keyset-paged list. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(500).optional(),
});

/**
 * A date in a request: RFC 3339 within years 0100-9999 and offsets of ±14:00, read by the one strict parser
 * (domain/shared/time.ts) and handed on in the form every answer uses (UTC with milliseconds), so both databases
 * see the same instant.
 */
export const instantSchema = z.string()
  .regex(INSTANT_PATTERN, { error: INSTANT_RULE, abort: true })
  .refine((text) => parseInstant(text) !== null, INSTANT_RULE)
  .transform((text) => canonicalInstant(text) as string)
  .meta({ format: 'date-time', description: `An instant; ${INSTANT_RULE.replace(/^must be /, '')}. Answered in UTC.` });

/** Who a share or grant is for: one user or one team of the org (input and answer alike). */
export const granteeSchema = z.union([z.object({ userId: z.string().max(100) }).strict(), z.object({ teamId: z.string().max(100) }).strict()]);

/**
 * What became of an e-mail the request sent: `sent` (handed to the SMTP server), `logged` (no SMTP configured: the
 * server wrote it to its log, demo mode) or `failed` (the SMTP server could not be reached or refused it).
 */
export const deliverySchema = z.enum(['sent', 'logged', 'failed'])
  .describe('sent: handed to the SMTP server; logged: no SMTP configured, written to the server log (demo mode); failed: not handed over');
