// The audit log (admins): an entry as GET /audit answers it, and the hash chain's check (GET /audit/verify).
import { z } from 'zod';

export const auditEntrySchema = z.object({
  seq: z.string(), id: z.string(), at: z.string(), actorId: z.string().nullable(), actorName: z.string().nullable(),
  action: z.string(), targetType: z.string(), targetId: z.string().nullable(),
  before: z.unknown(), after: z.unknown(), prevHash: z.string(), hash: z.string(),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const auditVerificationSchema = z.object({ valid: z.boolean(), entries: z.number().int(), firstBadSeq: z.string().nullable() });
export type AuditVerificationDto = z.infer<typeof auditVerificationSchema>;
