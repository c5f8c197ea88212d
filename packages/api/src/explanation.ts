// The Explanation object of docs/api-shapes.md (GET /contacts/:id/access): a level and its active sources.
import { LEVELS } from '@tandem/core';
import { z } from 'zod';

export const explanationSourceSchema = z.object({
    kind: z.enum(['owner', 'admin', 'share_all', 'user_grant', 'bucket_share', 'record_share']),
    level: z.enum(LEVELS),
    id: z.string().optional(),
    grantedBy: z.string().nullable().optional(),
    grantedByName: z.string().nullable().optional(),
    grantedAt: z.string().nullable().optional(),
    startsAt: z.string().nullable().optional(),
    expiresAt: z.string().nullable().optional(),
    viaTeamId: z.string().optional(),
    viaTeamName: z.string().nullable().optional(),
    bucketId: z.string().optional(),
    bucketName: z.string().nullable().optional(),
    ownerId: z.string().optional(),
});

export const explanationSchema = z.object({
  userId: z.string(),
  level: z.enum(LEVELS),
  sources: z.array(explanationSourceSchema),
});
export type ExplanationDto = z.infer<typeof explanationSchema>;
export type ExplanationSource = ExplanationDto['sources'][number];

/**
 * GET /contacts/:id/access/holders: everyone with access to a contact, each with the same sources GET
 * /contacts/:id/access gives for them, and the teams whose grants or shares give access.
 */
export const accessHoldersSchema = z.object({
  contactId: z.string(),
  holders: z.array(z.object({
    userId: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'member']),
    level: z.enum(LEVELS).exclude(['none']),
    sources: z.array(explanationSourceSchema),
  })).describe('every active user of the organisation with access, the highest level first, then by name'),
  teams: z.array(z.object({
    teamId: z.string(),
    name: z.string(),
    memberIds: z.array(z.string()).describe('the holders this team\'s sources reach'),
    sources: z.array(explanationSourceSchema).describe('the active grants, shares and bucket shares naming the team'),
  })).describe('teams whose user grant, record share or bucket share gives someone access'),
});
export type AccessHoldersDto = z.infer<typeof accessHoldersSchema>;
export type AccessHolderDto = AccessHoldersDto['holders'][number];
