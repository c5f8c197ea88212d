// The Explanation object of docs/api-shapes.md (GET /contacts/:id/access): a level and its active sources.
import { LEVELS } from '@tandem/core';
import { z } from 'zod';

export const explanationSchema = z.object({
  userId: z.string(),
  level: z.enum(LEVELS),
  sources: z.array(z.object({
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
  })),
});
export type ExplanationDto = z.infer<typeof explanationSchema>;
export type ExplanationSource = ExplanationDto['sources'][number];
