// Programs: drip sequences of templated steps (spec §6.6, api.md "Pipelines, templates and programs"). Each step is
// sent by the durable queue on the contact owner's behalf, with the enroller recorded as sender; before each step the
// enroller's `collaborate` on the contact is checked again, and when it is gone the enrolment stops with the reason.
import { z } from 'zod';
import { listQuerySchema } from './common.ts';
import { handSharedAccessSchema, handSharedNameSchema } from './hand-shared.ts';

export const programStepSchema = z.object({
  templateId: z.string().max(100),
  delayDays: z.number().int().min(0).max(365).describe('days after the previous step (the first: after enrolment)'),
  channel: z.enum(['email', 'sms']),
}).strict();

export const programSchema = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  steps: z.array(programStepSchema.extend({ templateName: z.string().nullable().describe('null when the caller cannot see the template') })),
  counts: z.object({ active: z.number().int(), paused: z.number().int(), stopped: z.number().int(), completed: z.number().int() })
    .describe('enrolments of contacts the caller sees, by status'),
  createdAt: z.string(),
  updatedAt: z.string(),
  access: handSharedAccessSchema,
});
export type ProgramDto = z.infer<typeof programSchema>;

export const newProgramSchema = z.object({
  name: handSharedNameSchema,
  steps: z.array(programStepSchema).min(1).max(30).describe('each template must be one the caller may use (view)'),
}).strict();
export type NewProgram = z.input<typeof newProgramSchema>;

export const programPatchSchema = newProgramSchema.partial().strict();
export type ProgramPatch = z.input<typeof programPatchSchema>;

export const ENROLLMENT_STATUSES = ['active', 'paused', 'stopped', 'completed'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** Why the runner stopped an enrolment (a user's stop has `stopped_by_user`). */
export const STOP_REASONS = [
  'stopped_by_user', 'collaborate_lost', 'contact_trashed', 'enroller_deactivated', 'no_address', 'template_missing',
] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export const enrollmentSchema = z.object({
  id: z.string(),
  programId: z.string(),
  contactId: z.string(),
  contactName: z.string(),
  status: z.enum(ENROLLMENT_STATUSES),
  nextStep: z.number().int().describe('index of the step sent next'),
  nextStepAt: z.string().nullable(),
  stoppedReason: z.enum(STOP_REASONS).nullable(),
  stoppedAt: z.string().nullable(),
  enrolledBy: z.string(),
  enrolledByName: z.string(),
  createdAt: z.string(),
});
export type EnrollmentDto = z.infer<typeof enrollmentSchema>;

export const newEnrollmentSchema = z.object({ contactId: z.string().max(100) }).strict();

/** Bulk enrolment from a list selection: each contact decided on its own; the refused ones come back with the reason. */
export const bulkEnrollmentSchema = z.object({ contactIds: z.array(z.string().max(100)).min(1).max(200) }).strict();
export const bulkEnrollmentResultSchema = z.object({
  enrolled: z.array(enrollmentSchema),
  refused: z.array(z.object({
    contactId: z.string(),
    code: z.string().describe('TANDEM_CONTACT_NOT_FOUND (absent or invisible), TANDEM_ACCESS_FORBIDDEN (no collaborate), TANDEM_CONTACT_WRONG_STATE (in the trash), TANDEM_ENROLLMENT_EXISTS'),
  })),
});
export type BulkEnrollmentResultDto = z.infer<typeof bulkEnrollmentResultSchema>;

export const enrollmentPatchSchema = z.object({ status: z.enum(['paused', 'active', 'stopped']) }).strict();

/** GET /programs/:id/enrollments: a keyset page, oldest first, optionally of one status. */
export const enrollmentListQuerySchema = z.object({ ...listQuerySchema, status: z.enum(ENROLLMENT_STATUSES).optional() });
