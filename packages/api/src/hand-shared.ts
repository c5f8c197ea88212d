// What templates, pipelines and programs (spec §6.6, "shared by hand") have in common: the caller's access on each
// (level, the verbs allowed, and the sources behind the level for the explain panel), and their shares, which are
// bucket shares' shape with levels `view` (use it) or `edit` (change it).
import { GRANT_LEVELS, LEVELS } from '@tandem/core';
import { z } from 'zod';
import { granteeSchema, instantSchema } from './common.ts';
import { explanationSourceSchema } from './explanation.ts';

export const HAND_SHARED_VERBS = ['view', 'edit', 'manage'] as const;
export type HandSharedVerb = (typeof HAND_SHARED_VERBS)[number];

export const handSharedAccessSchema = z.object({
  level: z.enum(LEVELS).exclude(['none']),
  actions: z.array(z.enum(HAND_SHARED_VERBS)).describe('view: see and use it; edit: change it; manage: share, unshare, delete (owner or admin)'),
  sources: z.array(explanationSourceSchema).describe('every active source of the level: owner, admin, or each share (with the team it came through)'),
});
export type HandSharedAccessDto = z.infer<typeof handSharedAccessSchema>;

/** The share of a template, pipeline or program: as a bucket share, with `resourceId` naming what it shares. */
export const handSharedShareSchema = z.object({
  id: z.string(),
  resourceId: z.string(),
  grantee: granteeSchema,
  granteeName: z.string().nullable(),
  level: z.enum(GRANT_LEVELS),
  startsAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  active: z.boolean(),
});
export type HandSharedShareDto = z.infer<typeof handSharedShareSchema>;

export const newHandSharedShareSchema = z.object({
  grantee: granteeSchema,
  level: z.enum(GRANT_LEVELS),
  startsAt: instantSchema.nullable().optional(),
  expiresAt: instantSchema.nullable().optional(),
}).strict();
export type NewHandSharedShare = z.input<typeof newHandSharedShareSchema>;

export const handSharedSharePatchSchema = z.object({
  level: z.enum(GRANT_LEVELS).optional(),
  startsAt: instantSchema.nullable().optional(),
  expiresAt: instantSchema.nullable().optional(),
}).strict();
export type HandSharedSharePatch = z.input<typeof handSharedSharePatchSchema>;

export const handSharedNameSchema = z.string().trim().min(1).max(200);
