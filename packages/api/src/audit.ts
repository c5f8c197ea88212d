// The audit log (admins): an entry as GET /audit answers it, and the hash chain's check (GET /audit/verify).
import { z } from 'zod';
import { instantSchema, listQuerySchema } from './common.ts';

export const auditEntrySchema = z.object({
  seq: z.string(), id: z.string(), at: z.string(), actorId: z.string().nullable(), actorName: z.string().nullable(),
  action: z.string(), targetType: z.string(), targetId: z.string().nullable(),
  before: z.unknown(), after: z.unknown(), prevHash: z.string(), hash: z.string(),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const auditVerificationSchema = z.object({ valid: z.boolean(), entries: z.number().int(), firstBadSeq: z.string().nullable() });
export type AuditVerificationDto = z.infer<typeof auditVerificationSchema>;

/** GET /audit/checkpoint: the chain's head signed with the server's Ed25519 audit key (D45); keep it outside the database. */
export const auditCheckpointSchema = z.object({
  orgId: z.string().max(100), seq: z.string().max(40), hash: z.string().max(200), at: z.string().max(40), publicKey: z.string().max(200), signature: z.string().max(200),
});
export type AuditCheckpointDto = z.infer<typeof auditCheckpointSchema>;

/**
 * POST /audit/verify: the chain walked as GET /audit/verify does, and a checkpoint checked against it (D51): signed by
 * the server's key or the org's registered offline key (`signedBy`), and its seq still holding its hash.
 */
export const auditCheckpointVerificationSchema = auditVerificationSchema.extend({
  checkpoint: z.enum(['matches', 'wrong-key', 'bad-signature', 'seq-missing', 'hash-differs'])
    .describe('`matches`, or why the checkpoint does not hold: signed by neither key, a signature that does not verify, its seq gone from the chain, or another hash there'),
  signedBy: z.enum(['server', 'offline']).nullable().describe('the key whose signature verified; null when none did'),
});
export type AuditCheckpointVerificationDto = z.infer<typeof auditCheckpointVerificationSchema>;

/**
 * GET /audit's filters, all optional and combined with AND. `action` is exact, or a prefix when it ends with a dot
 * (`contact.` is every contact action). `from` is inclusive and `to` exclusive. A cursor belongs to the filters it
 * was given out with: another set answers 400 TANDEM_LIST_CURSOR_MISMATCH.
 */
export const auditFilterSchema = {
  actorId: z.string().max(100).optional()
    .describe('entries made by this user (an id that names no user matches nothing); `system` for entries Tandem made itself (scheduled jobs, no actor)'),
  action: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, 'letters, digits, dots, hyphens and underscores, starting with a letter')
    .optional().describe('an action (`contact.share.create`), or every action under a prefix ending in a dot (`contact.`)'),
  targetType: z.string().min(1).max(50).optional().describe('the kind of thing changed: user, team, org, grant, contact, bucket…'),
  targetId: z.string().min(1).max(100).optional().describe('the id of the thing changed'),
  from: instantSchema.optional().describe('entries at or after this instant'),
  to: instantSchema.optional().describe('entries before this instant'),
};

/** `to` before or at `from` is refused by the server (400) rather than answered with an empty page. */
export const auditListQuerySchema = z.object({ ...listQuerySchema, ...auditFilterSchema });
export type AuditListQuery = z.input<typeof auditListQuerySchema>;
export type AuditFilters = Pick<z.output<typeof auditListQuerySchema>, 'actorId' | 'action' | 'targetType' | 'targetId' | 'from' | 'to'>;
